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
