import { type CommentField, type CommentInput, commentFieldNames, commentFields } from './fields'
import { isCommentId } from './ids'
import { withoutNoncharacters } from './noncharacters'

/** Why a field was refused; routes turn a code into a message in the reader's language. */
export type FieldIssueCode =
  | 'required'
  | 'too_long'
  | 'invalid_type'
  | 'invalid_email'
  | 'invalid_url'
  | 'control_characters'
  | 'single_line'
  | 'bidi_controls'
  | 'markup_characters'
  | 'unknown_parent'
  | 'turnstile_failed'

/** One broken field of a submission. */
export interface FieldIssue {
  field: string
  code: FieldIssueCode
}

// C0 and C1 controls and DEL, except tab and newline; lone surrogates cannot be stored as UTF-8.
const forbidden =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

// Embeddings, overrides and isolates can make a name read backwards next to other text.
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/
// Any line break a renderer or terminal honours, not only \n.
const lineBreaks = /[\n\t\u0085\u2028\u2029]/
// A name is text: feed titles are built from it, and `<` or `>` there reads as markup to
// feed validators and to readers that show titles as HTML (WordPress refuses them too).
const markup = /[<>]/

/**
 * NFC, CRLF as LF (browsers send CRLF from a textarea), without noncharacters (which no
 * one can see to remove, see noncharacters.ts), trimmed.
 */
export function normalise(text: string): string {
  return withoutNoncharacters(text.replace(/\r\n?/g, '\n')).normalize('NFC').trim()
}

const length = (text: string) => [...text].length

/**
 * A submitted text field, normalised, or why it is refused: not a string, control
 * characters, empty when required, too long (in that order).
 */
function text(
  value: unknown,
  max: number,
  required: boolean,
): { value: string } | { code: FieldIssueCode } {
  if (typeof value !== 'string') return { code: value === undefined ? 'required' : 'invalid_type' }
  const normalised = normalise(value)
  if (forbidden.test(normalised)) return { code: 'control_characters' }
  if (required && normalised.length === 0) return { code: 'required' }
  if (length(normalised) > max) return { code: 'too_long' }
  return { value: normalised }
}

function isHttpUrl(value: string): boolean {
  try {
    const parsed = new URL(value)
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && !/\s/.test(value)
  } catch {
    return false
  }
}

/** A rule a non-empty value must hold, and the code it fails with. */
type FormatRule = [holds: (value: string) => boolean, code: FieldIssueCode]

// What the comment rules called an e-mail address when they were a zod schema (zod's
// z.email() pattern): an address accepted before is accepted now.
const emailAddress =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/

/** Each field's own rules beyond length and characters, checked in order. */
const formatRules: Partial<Record<CommentField, FormatRule[]>> = {
  // A name is one line that reads the way it is written, in pages, feeds and the CLI.
  author: [
    [(value) => !lineBreaks.test(value), 'single_line'],
    [(value) => !bidiControls.test(value), 'bidi_controls'],
    [(value) => !markup.test(value), 'markup_characters'],
  ],
  email: [[(value) => emailAddress.test(value), 'invalid_email']],
  url: [[isHttpUrl, 'invalid_url']],
  parent: [[isCommentId, 'unknown_parent']],
}

/** The result of validating a submission: the normalised input or every broken field. */
export type Validated = { ok: true; input: CommentInput } | { ok: false; issues: FieldIssue[] }

/**
 * A comment's submitted fields, checked in the field list's order, the first broken
 * rule of each reported; unknown fields (the honeypot, Turnstile's token) are read
 * separately. Fields in `mayBeEmpty` are optional whatever the list says. Plain code,
 * not a schema library: a validator library's module-level set-up and size cost
 * every fresh isolate at startup, and most isolates never validate a comment.
 */
function validate(body: unknown, mayBeEmpty: ReadonlySet<CommentField>): Validated {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, issues: [{ field: 'body', code: 'invalid_type' }] }
  }
  const fields = body as Record<string, unknown>
  const input: Record<string, string> = {}
  const issues: FieldIssue[] = []
  for (const name of commentFieldNames) {
    const value = fields[name]
    const required = commentFields[name].required && !mayBeEmpty.has(name)
    // An optional field may be absent (or undefined), never null or another type.
    if (!required && value === undefined) continue
    const checked = text(value, commentFields[name].max, required)
    if ('code' in checked) {
      issues.push({ field: name, code: checked.code })
      continue
    }
    // Empty optional fields are absent, not stored as "".
    if (checked.value === '') continue
    const broken = formatRules[name]?.find(([holds]) => !holds(checked.value))
    if (broken) issues.push({ field: name, code: broken[1] })
    else input[name] = checked.value
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, input: input as CommentInput }
}

/** Validates a parsed body (form fields or JSON object) against the comment rules. */
export function validateComment(body: unknown): Validated {
  return validate(body, new Set())
}

/**
 * Validates the submitted fields of an imported comment against the same rules,
 * but for one: its e-mail may be empty, as a comment brought from another system
 * (WordPress, without "name and e-mail required") may have none. An empty e-mail
 * is absent from `input`.
 */
export function validateImportedComment(body: unknown): Validated {
  return validate(body, new Set(['email']))
}
