import type { ArticleMeta } from '../content/types'
import { type Problem, problem } from '../http/problem'
import { logDecision } from './decision-log'
import { clientHash, duplicateFingerprint } from './fingerprint'
import { newCommentId } from './ids'
import { fieldError, validateComment } from './rules'
import type { CommentStore } from './store'
import { verifyTurnstile } from './turnstile'
import type { StoredComment } from './types'

/** What the intake needs from the outside world. */
export interface IntakeDeps {
  store: CommentStore
  limiter?: RateLimit
  clientAddress: string
  clientSalt: string
  turnstileSecret?: string
  autoApprove: boolean
  now: Date
}

/** The outcome of one submission: the stored comment, or the problem that refused it. */
export type IntakeOutcome = { ok: true; comment: StoredComment } | { ok: false; problem: Problem }

/** Seconds a client waits between comments; matches `simple.period` in wrangler.toml. */
export const rateLimitPeriod = 10

function refuse(article: ArticleMeta, p: Problem, reason: string): IntakeOutcome {
  logDecision({
    decision: p.status === 429 ? 'rate_limited' : 'refused',
    article: article.slug,
    reason,
    status: p.status,
  })
  return { ok: false, problem: p }
}

/**
 * Takes one comment: validate, then anti-spam checks, then duplicates, then the
 * rate limit, then store. Nothing is stored and the rate is not charged unless
 * every earlier check passed.
 */
export async function takeComment(
  article: ArticleMeta,
  body: Record<string, unknown>,
  deps: IntakeDeps,
): Promise<IntakeOutcome> {
  const validated = validateComment(body)
  if (!validated.ok) {
    return refuse(
      article,
      problem(422, 'One or more fields break the comment rules.', { errors: validated.errors }),
      'invalid_fields',
    )
  }
  const input = validated.input

  if (input.parent) {
    const parent = await deps.store.get(input.parent)
    if (!parent || parent.article !== article.slug || parent.status !== 'approved') {
      return refuse(
        article,
        problem(422, 'The comment replied to is not available.', {
          errors: [fieldError('parent', 'unknown_parent')],
        }),
        'unknown_parent',
      )
    }
  }

  const honeypot = body.website2
  if (typeof honeypot !== 'string' ? honeypot !== undefined : honeypot !== '') {
    return refuse(
      article,
      problem(422, 'The form was filled in by a robot.', {
        errors: [fieldError('website2', 'must_be_empty')],
      }),
      'honeypot',
    )
  }

  if (deps.turnstileSecret) {
    const token = body['cf-turnstile-response']
    const passed = await verifyTurnstile(
      deps.turnstileSecret,
      typeof token === 'string' ? token : '',
      deps.clientAddress,
    )
    if (!passed) {
      return refuse(
        article,
        problem(403, 'The anti-spam check (Turnstile) failed; please try again.', {
          errors: [fieldError('cf-turnstile-response', 'turnstile_failed')],
        }),
        'turnstile',
      )
    }
  }

  const fingerprint = await duplicateFingerprint(article.slug, input.email, input.content)
  if (await deps.store.findDuplicate(fingerprint)) {
    return refuse(article, problem(409, 'This comment has already been posted.'), 'duplicate')
  }

  if (deps.limiter) {
    const { success } = await deps.limiter.limit({ key: deps.clientAddress })
    if (!success) {
      return refuse(
        article,
        problem(429, `Please wait ${rateLimitPeriod} seconds between comments.`, {
          retryAfter: rateLimitPeriod,
        }),
        'rate_limited',
      )
    }
  }

  const comment: StoredComment = {
    id: newCommentId(deps.now.getTime()),
    article: article.slug,
    author: input.author,
    email: input.email,
    ...(input.url ? { url: input.url } : {}),
    content: input.content,
    ...(input.parent ? { parent: input.parent } : {}),
    created: deps.now.toISOString(),
    status: deps.autoApprove ? 'approved' : 'pending',
    client: await clientHash(deps.clientAddress, deps.clientSalt),
  }
  try {
    await deps.store.add(comment, fingerprint)
  } catch (error) {
    // A half-written comment would be stored without the 201 that names it; undo what
    // was written (best effort: KV may still be failing) before the caller answers 503.
    await deps.store.remove(comment, fingerprint).catch(() => {})
    throw error
  }
  logDecision({ decision: 'accepted', article: article.slug, id: comment.id, status: 201 })
  return { ok: true, comment }
}
