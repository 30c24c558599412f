import type { ArticleMeta } from '../content/types'
import { logDecision } from './decision-log'
import { clientHash, duplicateFingerprint } from './fingerprint'
import { newCommentId } from './ids'
import type { Refusal } from './refusals'
import { validateComment } from './rules'
import type { CommentStore } from './store'
import { verifyTurnstile } from './turnstile'
import type { StoredComment } from './types'

/** What the intake needs from the outside world. */
export interface IntakeDeps {
  store: CommentStore
  limiter?: RateLimit
  /** Seconds the limiter makes a client wait; said in a rate_limited refusal. */
  ratePeriod: number
  clientAddress: string
  clientSalt: string
  turnstileSecret?: string
  autoApprove: boolean
  now: Date
}

/** The outcome of one submission: the stored comment, or why it was refused. */
export type IntakeOutcome = { ok: true; comment: StoredComment } | { ok: false; refusal: Refusal }

function refuse(article: ArticleMeta, refusal: Refusal): IntakeOutcome {
  logDecision({
    decision: refusal.reason === 'rate_limited' ? 'rate_limited' : 'refused',
    article: article.slug,
    reason: refusal.reason,
  })
  return { ok: false, refusal }
}

/** Why an article takes no comments, if it does not. */
export function closedRefusal(article: ArticleMeta): Refusal | undefined {
  return article.comments === 'closed' ? { reason: 'closed' } : undefined
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
  if (!validated.ok) return refuse(article, { reason: 'invalid_fields', issues: validated.issues })
  const input = validated.input

  if (input.parent) {
    const parent = await deps.store.get(input.parent)
    if (!parent || parent.article !== article.slug || parent.status !== 'approved') {
      return refuse(article, {
        reason: 'unknown_parent',
        issues: [{ field: 'parent', code: 'unknown_parent' }],
      })
    }
  }

  const honeypot = body.website2
  if (typeof honeypot !== 'string' ? honeypot !== undefined : honeypot !== '') {
    return refuse(article, {
      reason: 'honeypot',
      issues: [{ field: 'website2', code: 'must_be_empty' }],
    })
  }

  if (deps.turnstileSecret) {
    const token = body['cf-turnstile-response']
    const passed = await verifyTurnstile(
      deps.turnstileSecret,
      typeof token === 'string' ? token : '',
      deps.clientAddress,
    )
    if (!passed) {
      return refuse(article, {
        reason: 'turnstile_failed',
        issues: [{ field: 'cf-turnstile-response', code: 'turnstile_failed' }],
      })
    }
  }

  const fingerprint = await duplicateFingerprint(article.slug, input.email, input.content)
  if (await deps.store.findDuplicate(fingerprint)) {
    return refuse(article, { reason: 'duplicate' })
  }

  if (deps.limiter) {
    const { success } = await deps.limiter.limit({ key: deps.clientAddress })
    if (!success) return refuse(article, { reason: 'rate_limited', retryAfter: deps.ratePeriod })
  }

  const comment: StoredComment = {
    id: newCommentId(deps.now.getTime()),
    article: article.slug,
    ...input,
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
  logDecision({ decision: 'accepted', article: article.slug, id: comment.id })
  return { ok: true, comment }
}
