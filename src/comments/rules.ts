// zod/mini keeps the Worker bundle small (full zod adds about 450 KB of locales).
import * as z from 'zod/mini'
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

const issueCodes = new Set<string>([
  'required',
  'too_long',
  'invalid_type',
  'invalid_email',
  'invalid_url',
  'control_characters',
  'single_line',
  'bidi_controls',
  'markup_characters',
  'unknown_parent',
  'turnstile_failed',
] satisfies FieldIssueCode[])

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

function text(max: number, required: boolean) {
  return z
    .pipe(
      z.string({ error: (issue) => (issue.input === undefined ? 'required' : 'invalid_type') }),
      z.transform(normalise),
    )
    .check(
      z.check((ctx) => {
        const issue = (message: FieldIssueCode) =>
          ctx.issues.push({ code: 'custom', message, input: ctx.value })
        if (forbidden.test(ctx.value)) issue('control_characters')
        else if (required && ctx.value.length === 0) issue('required')
        else if (length(ctx.value) > max) issue('too_long')
      }),
    )
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

/** Each field's own rules beyond length and characters, checked in order. */
function formatRules(): Partial<Record<CommentField, FormatRule[]>> {
  const email = z.email()
  return {
    // A name is one line that reads the way it is written, in pages, feeds and the CLI.
    author: [
      [(value) => !lineBreaks.test(value), 'single_line'],
      [(value) => !bidiControls.test(value), 'bidi_controls'],
      [(value) => !markup.test(value), 'markup_characters'],
    ],
    email: [[(value) => email.safeParse(value).success, 'invalid_email']],
    url: [[isHttpUrl, 'invalid_url']],
    parent: [[isCommentId, 'unknown_parent']],
  }
}

/**
 * A comment's submitted fields; unknown fields (the honeypot, Turnstile's token)
 * are read separately. Fields in `mayBeEmpty` are optional whatever the list says.
 */
function buildCommentSchema(mayBeEmpty: ReadonlySet<CommentField>) {
  const rules = formatRules()
  const shape = Object.fromEntries(
    commentFieldNames.map((name) => {
      const { max } = commentFields[name]
      const required = commentFields[name].required && !mayBeEmpty.has(name)
      const checked = text(max, required).check(
        ...(rules[name] ?? []).map(([holds, code]) =>
          z.refine<string>((value) => value === '' || holds(value), { error: code }),
        ),
      )
      return [name, required ? checked : z.optional(checked)]
    }),
  )
  return z.object(shape)
}

type CommentSchema = ReturnType<typeof buildCommentSchema>

// Built on first use, not at module load: most isolates only serve feeds and never validate.
let commentSchema: CommentSchema | undefined
let importedSchema: CommentSchema | undefined

/** The result of validating a submission: the normalised input or every broken field. */
export type Validated = { ok: true; input: CommentInput } | { ok: false; issues: FieldIssue[] }

function validate(schema: CommentSchema, body: unknown): Validated {
  const result = schema.safeParse(body)
  if (!result.success) {
    const seen = new Set<string>()
    const issues: FieldIssue[] = []
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'body')
      if (seen.has(field)) continue
      seen.add(field)
      const code = issueCodes.has(issue.message)
        ? (issue.message as FieldIssueCode)
        : 'invalid_type'
      issues.push({ field, code })
    }
    return { ok: false, issues }
  }
  const input: Record<string, string> = {}
  for (const [name, value] of Object.entries(result.data)) {
    // Empty optional fields are absent, not stored as "".
    if (typeof value === 'string' && value !== '') input[name] = value
  }
  return { ok: true, input: input as CommentInput }
}

/** Validates a parsed body (form fields or JSON object) against the comment rules. */
export function validateComment(body: unknown): Validated {
  commentSchema ??= buildCommentSchema(new Set())
  return validate(commentSchema, body)
}

/**
 * Validates the submitted fields of an imported comment against the same rules,
 * but for one: its e-mail may be empty, as a comment brought from another system
 * (WordPress, without "name and e-mail required") may have none. An empty e-mail
 * is absent from `input`.
 */
export function validateImportedComment(body: unknown): Validated {
  importedSchema ??= buildCommentSchema(new Set(['email']))
  return validate(importedSchema, body)
}
