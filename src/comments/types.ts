import type { CommentInput, CommentRecordFields, PublicCommentFields } from './fields'

export type { CommentInput }

/** Where a comment is in moderation. */
export type CommentStatus = 'pending' | 'approved' | 'spam'

/** What readers may see of a comment: never the e-mail address (see publicView). */
export type PublicComment = PublicCommentFields

/** Everything stored for a comment, as moderators see it: both field lists of fields.ts. */
export type StoredComment = CommentInput &
  Omit<CommentRecordFields, 'status'> & {
    status: CommentStatus
  }

/** A comment with its approved replies, oldest first. */
export interface CommentThread {
  comment: PublicComment
  replies: CommentThread[]
}

/** A comment as a listing of comment keys names it: its id and its stored JSON's digest. */
export interface ListedComment {
  id: string
  /** Absent for a comment written before digests were kept. */
  digest?: string
}
