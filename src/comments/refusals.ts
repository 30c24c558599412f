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

/** A refused submission: the reason, the fields at fault, and when to try again. */
export interface Refusal {
  reason: RefusalReason
  issues?: FieldIssue[]
  /** Seconds until the client may post again (rate_limited). */
  retryAfter?: number
}
