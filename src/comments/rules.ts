// zod/mini keeps the Worker bundle small (full zod adds about 450 KB of locales).
import * as z from 'zod/mini'
import type { FieldError } from '../http/problem'
import { isCommentId } from './ids'
import type { CommentInput } from './types'

/** Field limits from the design contract. */
export const limits = { author: 245, email: 100, url: 200, content: 10_000 }

const messages: Record<string, string> = {
  required: 'is required',
  too_long: 'is too long',
  invalid_type: 'must be a string',
  invalid_email: 'must be a valid e-mail address',
  invalid_url: 'must be an http or https URL',
  control_characters: 'must not contain control characters',
  unknown_parent: 'must be the id of an approved comment on this article',
  must_be_empty: 'must be left empty',
  turnstile_failed: 'must carry a valid Turnstile token',
}

// C0 and C1 controls and DEL, except tab and newline; lone surrogates cannot be stored as UTF-8.
const forbidden =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** NFC, CRLF as LF (browsers send CRLF from a textarea), trimmed. */
export function normalise(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC').trim()
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
        const issue = (message: string) =>
          ctx.issues.push({ code: 'custom', message, input: ctx.value })
        if (forbidden.test(ctx.value)) issue('control_characters')
        else if (required && ctx.value.length === 0) issue('required')
        else if (length(ctx.value) > max) issue('too_long')
      }),
    )
}

const optionalText = (max: number) => z.optional(text(max, false))

function isHttpUrl(value: string | undefined): boolean {
  if (!value) return true
  try {
    const parsed = new URL(value)
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && !/\s/.test(value)
  } catch {
    return false
  }
}

/** A comment submission; unknown fields (the honeypot, Turnstile's token) are read separately. */
function buildCommentSchema() {
  const emailFormat = z.email()
  return z.object({
    author: text(limits.author, true),
    email: text(limits.email, true).check(
      z.refine((value) => value === '' || emailFormat.safeParse(value).success, {
        error: 'invalid_email',
      }),
    ),
    url: optionalText(limits.url).check(z.refine(isHttpUrl, { error: 'invalid_url' })),
    content: text(limits.content, true),
    parent: optionalText(40).check(
      z.refine((value) => !value || isCommentId(value), { error: 'unknown_parent' }),
    ),
  })
}

// Built on first use, not at module load: most isolates only serve feeds and never validate.
let commentSchema: ReturnType<typeof buildCommentSchema> | undefined

/** The result of validating a submission: the normalised input or every broken field. */
export type Validated = { ok: true; input: CommentInput } | { ok: false; errors: FieldError[] }

/** Builds the field error for a code. */
export function fieldError(field: string, code: string): FieldError {
  return { field, code, message: `${field} ${messages[code] ?? code}` }
}

/** Validates a parsed body (form fields or JSON object) against the comment rules. */
export function validateComment(body: unknown): Validated {
  commentSchema ??= buildCommentSchema()
  const result = commentSchema.safeParse(body)
  if (!result.success) {
    const seen = new Set<string>()
    const errors: FieldError[] = []
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'body')
      if (seen.has(field)) continue
      seen.add(field)
      errors.push(fieldError(field, messages[issue.message] ? issue.message : 'invalid_type'))
    }
    return { ok: false, errors }
  }
  const { author, email, url, content, parent } = result.data
  return {
    ok: true,
    input: {
      author,
      email,
      content,
      ...(url ? { url } : {}),
      ...(parent ? { parent } : {}),
    },
  }
}
