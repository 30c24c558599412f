import type { ArticleMeta } from '../content/types'
import { logDecision } from './decision-log'
import { checkEditProof, type EditKey } from './edit-proof'
import { editWindowOpen } from './edit-window'
import { commentFieldNames } from './fields'
import { duplicateFingerprint } from './fingerprint'
import { isCommentId } from './ids'
import type { IntakeOutcome } from './intake'
import type { Refusal } from './refusals'
import { validateComment } from './rules'
import type { CommentStore } from './store'
import type { CommentInput, StoredComment } from './types'

/** What editing needs from the outside world; `now` is passed in so tests set the clock. */
export interface EditDeps {
  store: CommentStore
  /** Undefined when no edit secret is configured: no proof is then valid. */
  key?: EditKey
  now: Date
}

/** The comment a proof opens, or why it opens none. */
export type Authorised = { ok: true; comment: StoredComment } | { ok: false; refusal: Refusal }

/**
 * Checks that `proof` lets its holder change comment `id` of `article` now: the
 * comment exists there and is not spam, the proof is that comment's, and the
 * window is open. A proof is checked before the window, so only its author
 * learns that the window closed.
 */
export async function authoriseEdit(
  article: ArticleMeta,
  id: string,
  proof: string | undefined,
  deps: EditDeps,
): Promise<Authorised> {
  const comment = isCommentId(id) ? await deps.store.get(id) : null
  if (!comment || comment.article !== article.slug || comment.status === 'spam') {
    return { ok: false, refusal: { reason: 'unknown_comment' } }
  }
  if (!proof) return { ok: false, refusal: { reason: 'no_edit_proof' } }
  if (!deps.key || !(await checkEditProof(deps.key, comment, proof))) {
    return { ok: false, refusal: { reason: 'bad_edit_proof' } }
  }
  if (!editWindowOpen(comment, deps.now)) {
    return { ok: false, refusal: { reason: 'edit_window_closed' } }
  }
  return { ok: true, comment }
}

/** The fields an author may change; the parent stays what it was. */
const editableFields = commentFieldNames.filter((name) => name !== 'parent')

function submittedInput(comment: StoredComment): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  for (const name of commentFieldNames) if (comment[name] !== undefined) input[name] = comment[name]
  return input
}

/**
 * Applies an author's changes to their comment under the rules of a new one
 * (invalid fields, duplicates); the status is kept, so an approved comment stays
 * approved, and `edited` records when. A change to nothing stores nothing.
 */
export async function editComment(
  article: ArticleMeta,
  comment: StoredComment,
  changes: Record<string, unknown>,
  deps: EditDeps,
): Promise<IntakeOutcome> {
  const merged = submittedInput(comment)
  for (const name of editableFields) if (name in changes) merged[name] = changes[name]
  const validated = validateComment(merged)
  if (!validated.ok) {
    return { ok: false, refusal: { reason: 'invalid_fields', issues: validated.issues } }
  }
  const input: CommentInput = validated.input
  if (commentFieldNames.every((name) => input[name] === comment[name])) {
    return { ok: true, comment, stored: false }
  }
  const before = await duplicateFingerprint(article.slug, comment.email, comment.content)
  const after = await duplicateFingerprint(article.slug, input.email, input.content)
  if (after !== before) {
    const existing = await deps.store.findDuplicate(after)
    if (existing && existing !== comment.id) return { ok: false, refusal: { reason: 'duplicate' } }
  }
  const kept: Partial<StoredComment> = { ...comment }
  for (const name of commentFieldNames) delete kept[name]
  const edited = {
    ...kept,
    ...input,
    edited: deps.now.toISOString(),
  } as StoredComment
  await deps.store.update(edited, { before, after })
  logDecision({ decision: 'edited', article: article.slug, id: comment.id })
  return { ok: true, comment: edited, stored: true }
}

/** Deletes a comment at its author's request (after authoriseEdit). */
export async function withdrawComment(comment: StoredComment, store: CommentStore): Promise<void> {
  await store.remove(
    comment,
    await duplicateFingerprint(comment.article, comment.email, comment.content),
  )
  logDecision({ decision: 'withdrawn', article: comment.article, id: comment.id })
}
