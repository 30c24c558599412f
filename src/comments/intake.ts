import type { ArticleMeta } from '../content/types'
import { logDecision } from './decision-log'
import { editDeadline } from './edit-window'
import { clientHash, duplicateFingerprint } from './fingerprint'
import { newCommentId } from './ids'
import type { Refusal } from './refusals'
import { validateComment } from './rules'
import { type ViewChange, viewChange } from './store/readers-view'
import type { CommentStore } from './store/store'
import { verifyTurnstile } from './turnstile'
import type { StoredComment } from './types'

/** What the intake needs from the outside world. */
export interface IntakeDeps {
  store: CommentStore
  limiter?: RateLimit
  /** Seconds the limiter makes a client wait; said in a rate_limited refusal. */
  ratePeriod: number
  /** The key the limiter counts the client under (its IPv4 address or IPv6 /64). */
  clientNetwork: string
  clientAddress: string
  clientSalt: string
  turnstileSecret?: string
  autoApprove: boolean
  /** Pending comments an article may hold before new ones are refused. */
  maxPending: number
  /**
   * Whether edit proofs are issued: a decoy is then kept until its window ends,
   * so that its proof opens it like a held comment's (store.keepDecoy).
   */
  keepDecoys: boolean
  now: Date
}

/**
 * The outcome of one submission: a comment and what follows from it, or why it
 * was refused. `changes` are what the view updater must bring into readers'
 * view and the pending ids; `tellModerator`, whether a comment now waits for
 * them. A decoy, what a robot that filled the honeypot, or a repeat of a
 * comment readers cannot see, is answered with so neither learns anything, has
 * neither: nothing was stored (with edit proofs on, it is kept apart for them).
 */
export type IntakeOutcome =
  | { ok: true; comment: StoredComment; changes: ViewChange[]; tellModerator: boolean }
  | { ok: false; refusal: Refusal }

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
 * Takes one comment: validate, Turnstile, then the rate limit, and only then
 * anything that reads KV (the parent, the moderation queue's size, duplicates),
 * then the honeypot, then store. Nothing is stored unless every check passed;
 * a client is charged by the rate limiter before KV is read, so a flood costs
 * it one refusal per request, not our reads. The honeypot comes last so that a
 * robot that fills it meets every other refusal a real post would (a 429 among
 * them) and cannot tell the decoy from an accepted post by them.
 */
export async function takeComment(
  article: ArticleMeta,
  body: Record<string, unknown>,
  deps: IntakeDeps,
): Promise<IntakeOutcome> {
  const validated = validateComment(body)
  if (!validated.ok) return refuse(article, { reason: 'invalid_fields', issues: validated.issues })
  const input = validated.input
  const comment: StoredComment = {
    id: newCommentId(deps.now.getTime()),
    article: article.slug,
    ...input,
    created: deps.now.toISOString(),
    status: deps.autoApprove ? 'approved' : 'pending',
    client: await clientHash(deps.clientAddress, deps.clientSalt),
  }
  const decoy = async (reason: string): Promise<IntakeOutcome> => {
    const held: StoredComment = { ...comment, status: 'pending' }
    if (deps.keepDecoys) await deps.store.keepDecoy(held, editDeadline(held), deps.now)
    logDecision({ decision: 'refused', article: article.slug, reason })
    return { ok: true, comment: held, changes: [], tellModerator: false }
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

  if (deps.limiter) {
    const { success } = await deps.limiter.limit({ key: deps.clientNetwork })
    if (!success) return refuse(article, { reason: 'rate_limited', retryAfter: deps.ratePeriod })
  }

  if (input.parent) {
    const parent = await deps.store.get(input.parent)
    if (!parent || parent.article !== article.slug || parent.status !== 'approved') {
      return refuse(article, {
        reason: 'unknown_parent',
        issues: [{ field: 'parent', code: 'unknown_parent' }],
      })
    }
  }

  if (
    comment.status === 'pending' &&
    (await deps.store.pendingIds(article.slug)).length >= deps.maxPending
  ) {
    return refuse(article, { reason: 'moderation_queue_full' })
  }

  const fingerprint = await duplicateFingerprint(article.slug, input.email, input.content)
  const earlierId = await deps.store.findDuplicate(fingerprint)
  const earlier = earlierId ? await deps.store.get(earlierId) : null
  if (earlier?.status === 'approved') return refuse(article, { reason: 'duplicate' })
  // Answering 409 here would tell a stranger that an invisible comment exists.
  if (earlier) return decoy('duplicate_of_unpublished')

  const honeypot = body.website2
  if (typeof honeypot !== 'string' ? honeypot !== undefined : honeypot !== '') {
    return decoy('honeypot')
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
  return {
    ok: true,
    comment,
    changes: [viewChange(comment)],
    tellModerator: comment.status === 'pending',
  }
}
