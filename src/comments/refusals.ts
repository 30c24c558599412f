import type { FieldIssue } from './rules'

/** Why the intake refused a comment; routes turn each into a status and a message. */
export type RefusalReason =
  | 'closed'
  | 'invalid_fields'
  | 'unknown_parent'
  | 'turnstile_failed'
  | 'duplicate'
  | 'rate_limited'
  | 'moderation_queue_full'
  | 'unknown_comment'
  | 'no_edit_proof'
  | 'bad_edit_proof'
  | 'edit_window_closed'
  | 'edit_limit_reached'

/**
 * Why a comment request was refused before or beside the domain: its body, its
 * size, its media type, its origin, or the store. With RefusalReason, every
 * reason a comment request is answered with; routes/comment-problems.ts gives
 * each a status and pages/i18n.ts a message.
 */
export type IntakeReason =
  | RefusalReason
  | 'malformed'
  | 'too_large'
  | 'unsupported_media_type'
  | 'cross_site'
  | 'store_unavailable'

/** A refused submission: the reason, the fields at fault, and when to try again. */
export interface Refusal {
  reason: RefusalReason
  issues?: FieldIssue[]
  /** Seconds until the client may try again (rate_limited, edit_limit_reached). */
  retryAfter?: number
}
