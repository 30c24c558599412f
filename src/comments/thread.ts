import type { CommentThread, PublicComment } from './types'

/** How deep replies nest on the page; deeper replies are shown at this depth. */
export const maxThreadDepth = 5

/**
 * Threads comments by parent, oldest first. A reply whose parent is not in the
 * list (deleted, or beyond the cap) is shown at the top level instead of lost;
 * a reply deeper than `maxDepth` joins the replies at depth `maxDepth`, after
 * its ancestors, so a long back-and-forth cannot push the page off the screen.
 */
export function threadComments(
  comments: readonly PublicComment[],
  maxDepth = maxThreadDepth,
): CommentThread[] {
  const nodes = new Map<string, { thread: CommentThread; depth: number; holder: CommentThread[] }>()
  const roots: CommentThread[] = []
  for (const comment of comments) {
    const thread: CommentThread = { comment, replies: [] }
    const parent = comment.parent ? nodes.get(comment.parent) : undefined
    if (!parent) {
      nodes.set(comment.id, { thread, depth: 1, holder: roots })
      roots.push(thread)
    } else if (parent.depth < maxDepth) {
      nodes.set(comment.id, { thread, depth: parent.depth + 1, holder: parent.thread.replies })
      parent.thread.replies.push(thread)
    } else {
      // At the deepest level: a sibling of its parent, in the same list.
      nodes.set(comment.id, { thread, depth: parent.depth, holder: parent.holder })
      parent.holder.push(thread)
    }
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
