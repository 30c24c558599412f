/** How long after its creation a comment's author may edit or delete it. */
export const editWindowMs = 15 * 60 * 1000

/** The end of a comment's edit window. */
export function editDeadline(comment: { created: string }): Date {
  return new Date(Date.parse(comment.created) + editWindowMs)
}

/** Whether a comment can still be changed by its author at `now`. */
export function editWindowOpen(comment: { created: string }, now: Date): boolean {
  return now.getTime() < editDeadline(comment).getTime()
}

/**
 * Edits one comment may have. A commenter fixing a typo or two never comes near
 * it; it bounds what one proof can make the store write (and, for an approved
 * comment, the moderator re-read) within the window.
 */
export const maxEditsPerComment = 5
