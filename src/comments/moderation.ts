import { logDecision } from './decision-log'
import { duplicateFingerprint } from './fingerprint'
import { isCommentId } from './ids'
import { type ViewChange, viewChange } from './store/readers-view'
import type { CommentStore } from './store/store'
import type { StoredComment } from './types'

/** What a moderator can do to one comment. */
export type ModerationAction = 'approve' | 'spam' | 'delete'

export const moderationActions: readonly ModerationAction[] = ['approve', 'spam', 'delete']

/**
 * Which text of a comment a moderator saw: its count of author edits, as text
 * ("0" before the first). Every stored edit raises it and nothing else changes
 * the text, so a listed version that still matches means the text is the one
 * the moderator read.
 */
export function commentVersion(comment: StoredComment): string {
  return comment.edits ?? '0'
}

/**
 * The outcome of one moderation: the comment as it was and as it is now (none
 * once deleted), and what the view updater must bring into readers' view and
 * the pending ids; or why nothing was done.
 */
export type ModerationOutcome =
  | {
      ok: true
      action: ModerationAction
      before: StoredComment
      after: StoredComment | null
      changes: ViewChange[]
    }
  | { ok: false; reason: 'unknown_comment'; id: string }
  | { ok: false; reason: 'changed_since_listed'; id: string; comment: StoredComment }

/**
 * Approves, marks as spam or deletes one comment. Used by the JSON API and the
 * moderation page alike; the caller sends its changes to the view updater.
 *
 * `seen` is the commentVersion the moderator was shown. An author may edit a
 * held comment after the moderator listed it, so an approval of another
 * version is refused (`changed_since_listed`): readers only ever get text a
 * moderator read. Spam and delete go ahead whatever the version: they only
 * take text away from readers, and refusing them would let an author dodge
 * them by editing. Without `seen` (API clients that predate it) nothing is
 * checked.
 */
export async function moderateComment(
  store: CommentStore,
  id: string,
  action: ModerationAction,
  seen?: string,
): Promise<ModerationOutcome> {
  const comment = isCommentId(id) ? await store.get(id) : null
  if (!comment) return { ok: false, reason: 'unknown_comment', id }
  if (action === 'approve' && seen !== undefined && seen !== commentVersion(comment)) {
    logDecision({
      decision: 'refused',
      article: comment.article,
      id,
      action,
      reason: 'changed_since_listed',
    })
    return { ok: false, reason: 'changed_since_listed', id, comment }
  }
  let after: StoredComment | null = null
  if (action === 'delete') {
    await store.remove(
      comment,
      await duplicateFingerprint(comment.article, comment.email, comment.content),
    )
  } else {
    after = await store.setStatus(comment, action === 'approve' ? 'approved' : 'spam')
  }
  logDecision({ decision: 'moderated', article: comment.article, id: comment.id, action })
  return { ok: true, action, before: comment, after, changes: [viewChange(comment)] }
}
