/** Where a comment is in moderation. */
export type CommentStatus = 'pending' | 'approved' | 'spam'

/** What readers may see of a comment: never the e-mail address. */
export interface PublicComment {
  id: string
  article: string
  author: string
  url?: string
  content: string
  parent?: string
  created: string
}

/** Everything stored for a comment, as moderators see it. */
export interface StoredComment extends PublicComment {
  email: string
  status: CommentStatus
  /** Salted hash of the client address, for abuse handling; never the address itself. */
  client: string
}

/** A comment with its approved replies, oldest first. */
export interface CommentThread {
  comment: PublicComment
  replies: CommentThread[]
}

/** The fields a reader submits, normalised. */
export interface CommentInput {
  author: string
  email: string
  url?: string
  content: string
  parent?: string
}
