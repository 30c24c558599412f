import type { CommentThread, PublicComment } from './types'

/**
 * Threads comments by parent, oldest first. A reply whose parent is not in the
 * list (deleted, or beyond the cap) is shown at the top level instead of lost.
 */
export function threadComments(comments: readonly PublicComment[]): CommentThread[] {
  const nodes = new Map<string, CommentThread>()
  for (const comment of comments) nodes.set(comment.id, { comment, replies: [] })
  const roots: CommentThread[] = []
  for (const comment of comments) {
    const node = nodes.get(comment.id) as CommentThread
    const parent = comment.parent ? nodes.get(comment.parent) : undefined
    if (parent && parent !== node) parent.replies.push(node)
    else roots.push(node)
  }
  return roots
}

/** Every approved reply under comment `id`, replies to replies included, oldest first. */
export function repliesTo(comments: readonly PublicComment[], id: string): PublicComment[] {
  const inThread = new Set([id])
  const replies: PublicComment[] = []
  // Oldest first, so a parent is always met before its replies.
  for (const comment of comments) {
    if (comment.parent && inThread.has(comment.parent) && !inThread.has(comment.id)) {
      inThread.add(comment.id)
      replies.push(comment)
    }
  }
  return replies
}
