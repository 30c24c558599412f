import type { CommentInput, PublicCommentFields } from './fields'

export type { CommentInput }

/** Where a comment is in moderation. */
export type CommentStatus = 'pending' | 'approved' | 'spam'

/** What readers may see of a comment: never the e-mail address (see publicView). */
export type PublicComment = PublicCommentFields

/** Everything stored for a comment, as moderators see it. */
export type StoredComment = CommentInput & {
  id: string
  article: string
  created: string
  /** When its author last edited it, within the edit window. */
  edited?: string
  /** How many times its author edited it (absent: never); see maxEditsPerComment. */
  edits?: number
  status: CommentStatus
  /** Salted hash of the client address, for abuse handling; never the address itself. */
  client: string
}

/** A comment with its approved replies, oldest first. */
export interface CommentThread {
  comment: PublicComment
  replies: CommentThread[]
}
