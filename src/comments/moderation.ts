import { logDecision } from './decision-log'
import { duplicateFingerprint } from './fingerprint'
import { isCommentId } from './ids'
import type { CommentStore } from './store'
import type { StoredComment } from './types'

/** What a moderator can do to one comment. */
export type ModerationAction = 'approve' | 'spam' | 'delete'

export const moderationActions: readonly ModerationAction[] = ['approve', 'spam', 'delete']

/**
 * The outcome of one moderation: the comment as it was and as it is now (none
 * once deleted), and whether readers' view of its article changed; or why
 * nothing was done.
 */
export type ModerationOutcome =
  | {
      ok: true
      action: ModerationAction
      before: StoredComment
      after: StoredComment | null
      readersChanged: boolean
    }
  | { ok: false; reason: 'unknown_comment'; id: string }

/**
 * Approves, marks as spam or deletes one comment. Used by the JSON API and the
 * moderation page alike; the caller sends the change to the view updater.
 */
export async function moderateComment(
  store: CommentStore,
  id: string,
  action: ModerationAction,
): Promise<ModerationOutcome> {
  const comment = isCommentId(id) ? await store.get(id) : null
  if (!comment) return { ok: false, reason: 'unknown_comment', id }
  let after: StoredComment | null = null
  if (action === 'delete') {
    await store.remove(
      comment,
      await duplicateFingerprint(comment.article, comment.email, comment.content),
    )
  } else {
    after = await store.setStatus(comment, action === 'approve' ? 'approved' : 'spam')
  }
  const readersChanged = comment.status === 'approved' || action === 'approve'
  logDecision({ decision: 'moderated', article: comment.article, id: comment.id, action })
  return { ok: true, action, before: comment, after, readersChanged }
}
