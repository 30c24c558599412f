import type { ArticleMeta } from '../content/types'
import type { HmacKey } from '../lib/hmac'
import { logDecision } from './decision-log'
import { proofFault } from './edit-proof'
import { editDeadline, maxEditsPerComment } from './edit-window'
import { commentFieldNames, editableFields } from './fields'
import { duplicateFingerprint } from './fingerprint'
import type { Refusal } from './refusals'
import { validateComment } from './rules'
import { type ViewChange, viewChange } from './store/readers-view'
import type { CommentStore } from './store/store'
import type { CommentInput, StoredComment } from './types'

/** What editing needs from the outside world; `now` is passed in so tests set the clock. */
export interface EditDeps {
  store: CommentStore
  /** Undefined when no edit secret is configured: no proof is then valid. */
  key?: HmacKey
  now: Date
}

/** What a change needs besides: the comment limiter, which edits count against like posts. */
export interface ChangeDeps extends EditDeps {
  limiter?: RateLimit
  /** Seconds the limiter makes a client wait; said in a rate_limited refusal. */
  ratePeriod: number
  /** The key the limiter counts the client under (its IPv4 address or IPv6 /64), as for posts. */
  clientNetwork: string
}

/**
 * The comment a proof opens, or why it opens none. `decoy`: it is a decoy answer's
 * comment (store.keepDecoy), which every later step answers exactly as a held
 * comment, without touching what readers or moderators see.
 */
export type Authorised =
  | { ok: true; comment: StoredComment; decoy: boolean }
  | { ok: false; refusal: Refusal }

/**
 * Opens comment `id` of `article` with `proof`, as a page does to show the
 * reader their own comments: the proof is checked first, without a KV read
 * (edit-proof.ts's proofFault: its article, its comment, the window), then the
 * comment is read: it must be there, on this article, not spam.
 */
export async function openOwnComment(
  article: ArticleMeta,
  id: string,
  proof: string | undefined,
  deps: EditDeps,
): Promise<Authorised> {
  const fault = await proofFault(deps.key, article.slug, id, proof, deps.now)
  if (fault) return { ok: false, refusal: { reason: fault } }
  return readOwn(article, id, deps.store)
}

async function readOwn(article: ArticleMeta, id: string, store: CommentStore): Promise<Authorised> {
  const found = await store.getOwn(id)
  if (!found || found.comment.article !== article.slug || found.comment.status === 'spam') {
    return { ok: false, refusal: { reason: 'unknown_comment' } }
  }
  return { ok: true, ...found }
}

/**
 * Lets a request with `proof` change or delete comment `id` of `article`: the
 * proof (no KV read), then the comment limiter (a change costs like a post),
 * then the comment itself. A stranger's forged proofs cost neither the limiter
 * nor a read, and learn nothing of which ids exist.
 */
export async function authoriseEdit(
  article: ArticleMeta,
  id: string,
  proof: string | undefined,
  deps: ChangeDeps,
): Promise<Authorised> {
  const fault = await proofFault(deps.key, article.slug, id, proof, deps.now)
  if (fault) return { ok: false, refusal: { reason: fault } }
  if (deps.limiter) {
    const { success } = await deps.limiter.limit({ key: deps.clientNetwork })
    if (!success) {
      logDecision({ decision: 'rate_limited', article: article.slug, id, reason: 'edit' })
      return { ok: false, refusal: { reason: 'rate_limited', retryAfter: deps.ratePeriod } }
    }
  }
  return readOwn(article, id, deps.store)
}

/**
 * An edit's outcome: the comment as it now is (a changed comment is always
 * pending, an approved one again) and what follows, as after a post: the view
 * updater brings readers' view and the pending ids in line, and the moderator
 * hears of a changed comment as of a new one, a held one's edit too (the text
 * they may have read is not the one waiting now). An unchanged comment or a
 * decoy (stored for nobody) has nothing follow.
 */
export type EditOutcome =
  | { ok: true; comment: StoredComment; changes: ViewChange[]; tellModerator: boolean }
  | { ok: false; refusal: Refusal }

function submittedInput(comment: StoredComment): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  for (const name of commentFieldNames) if (comment[name] !== undefined) input[name] = comment[name]
  return input
}

/**
 * Applies an author's changes to their comment under the field rules of a new
 * one. Not the duplicate check: an edit is already counted and capped, and a
 * refusal for repeating another comment would tell whether a hidden one holds
 * that text. A change to nothing stores nothing. At most maxEditsPerComment
 * edits are stored. A changed approved comment goes back to moderation
 * (pending), so what readers see is always what a moderator approved. A
 * decoy is changed like a held comment, in its own key.
 */
export async function editComment(
  article: ArticleMeta,
  opened: { comment: StoredComment; decoy: boolean },
  changes: Record<string, unknown>,
  deps: EditDeps,
): Promise<EditOutcome> {
  const { comment } = opened
  const edits = Number(comment.edits ?? 0)
  if (edits >= maxEditsPerComment) {
    const left = (editDeadline(comment).getTime() - deps.now.getTime()) / 1000
    return {
      ok: false,
      refusal: { reason: 'edit_limit_reached', retryAfter: Math.max(1, Math.ceil(left)) },
    }
  }
  const merged = submittedInput(comment)
  for (const name of editableFields) if (name in changes) merged[name] = changes[name]
  const validated = validateComment(merged)
  if (!validated.ok) {
    return { ok: false, refusal: { reason: 'invalid_fields', issues: validated.issues } }
  }
  const input: CommentInput = validated.input
  if (commentFieldNames.every((name) => input[name] === comment[name])) {
    return { ok: true, comment, changes: [], tellModerator: false }
  }
  const kept: Partial<StoredComment> = { ...comment }
  for (const name of commentFieldNames) delete kept[name]
  const edited = {
    ...kept,
    ...input,
    status: comment.status === 'approved' ? 'pending' : comment.status,
    edited: deps.now.toISOString(),
    edits: String(edits + 1),
  } as StoredComment
  if (opened.decoy) await deps.store.keepDecoy(edited, editDeadline(edited), deps.now)
  else await deps.store.update(comment, edited)
  logDecision({ decision: 'edited', article: article.slug, id: comment.id })
  const follows = !opened.decoy
  return {
    ok: true,
    comment: edited,
    changes: follows ? [viewChange(edited)] : [],
    tellModerator: follows,
  }
}

/**
 * Deletes a comment at its author's request (after authoriseEdit); returns
 * what readers' view and the pending ids must lose (nothing for a decoy).
 */
export async function withdrawComment(
  opened: { comment: StoredComment; decoy: boolean },
  store: CommentStore,
): Promise<ViewChange[]> {
  const { comment } = opened
  if (opened.decoy) await store.removeDecoy(comment.id)
  else {
    await store.remove(
      comment,
      await duplicateFingerprint(comment.article, comment.email, comment.content),
    )
  }
  logDecision({ decision: 'withdrawn', article: comment.article, id: comment.id })
  return opened.decoy ? [] : [viewChange(comment)]
}
