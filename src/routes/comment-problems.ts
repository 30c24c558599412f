import type { IntakeReason } from '../comments/refusals'
import type { FieldIssue, FieldIssueCode } from '../comments/rules'
import { type FieldError, type Problem, problem, storeUnavailable } from '../http/problem'

/** A refused request, as the route hands it to problemFor. */
export interface IntakeRefusal {
  reason: IntakeReason
  issues?: FieldIssue[]
  retryAfter?: number
  /** Overrides the reason's usual detail with one that names this request's specifics. */
  detail?: string
}

/** The status and the English detail of each reason. */
const answers: Record<
  IntakeReason,
  { status: number; detail: string | ((refusal: IntakeRefusal) => string); retryAfter?: number }
> = {
  malformed: { status: 400, detail: 'The request body could not be read.' },
  closed: { status: 403, detail: 'Comments are closed for this article.' },
  cross_site: { status: 403, detail: "Comments can only be posted from this site's own pages." },
  turnstile_failed: {
    status: 403,
    detail: 'The anti-spam check (Turnstile) failed; please try again.',
  },
  duplicate: { status: 409, detail: 'This comment has already been posted.' },
  too_large: { status: 413, detail: 'The request body is too large.' },
  unsupported_media_type: {
    status: 415,
    detail: 'Send application/x-www-form-urlencoded, multipart/form-data or application/json.',
  },
  invalid_fields: { status: 422, detail: 'One or more fields break the comment rules.' },
  unknown_parent: { status: 422, detail: 'The comment replied to is not available.' },
  rate_limited: {
    status: 429,
    detail: (refusal) => `Please wait ${refusal.retryAfter} seconds between comments.`,
  },
  moderation_queue_full: {
    status: 503,
    detail: 'This article has too many comments waiting for moderation; please try again later.',
    retryAfter: 3600,
  },
  store_unavailable: { status: 503, detail: 'Comments cannot be saved right now.' },
  unknown_comment: { status: 404, detail: 'There is no such comment on this article.' },
  no_edit_proof: {
    status: 401,
    detail: 'Send the edit_token given when the comment was accepted, as a Bearer token.',
  },
  bad_edit_proof: { status: 403, detail: 'This edit token is not the one for this comment.' },
  edit_window_closed: {
    status: 403,
    detail: 'The 15 minutes in which a comment can be edited or deleted are over.',
  },
  edit_limit_reached: {
    status: 429,
    detail: 'This comment has been edited as often as a comment may be; it can still be deleted.',
  },
}

const fieldMessages: Record<FieldIssueCode, string> = {
  required: 'is required',
  too_long: 'is too long',
  invalid_type: 'must be a string',
  invalid_email: 'must be a valid e-mail address',
  invalid_url: 'must be an http or https URL',
  control_characters: 'must not contain control characters',
  single_line: 'must be a single line',
  bidi_controls: 'must not contain text-direction controls',
  markup_characters: 'must not contain < or >',
  unknown_parent: 'must be the id of an approved comment on this article',
  turnstile_failed: 'must carry a valid Turnstile token',
}

/** A field issue as a problem's `errors` entry, with an English message. */
export function fieldError(issue: FieldIssue): FieldError {
  return { ...issue, message: `${issue.field} ${fieldMessages[issue.code]}` }
}

/** The HTTP status a reason is answered with. */
export function statusOf(reason: IntakeReason): number {
  return answers[reason].status
}

/** The problem+json value that answers a refused comment request. */
export function problemFor(refusal: IntakeRefusal): Problem {
  const { status, detail, retryAfter } = answers[refusal.reason]
  const text = refusal.detail ?? (typeof detail === 'string' ? detail : detail(refusal))
  if (refusal.reason === 'store_unavailable') return storeUnavailable(text)
  return problem(status, text, {
    ...(refusal.issues ? { errors: refusal.issues.map(fieldError) } : {}),
    ...((refusal.retryAfter ?? retryAfter) !== undefined
      ? { retryAfter: refusal.retryAfter ?? retryAfter }
      : {}),
  })
}
