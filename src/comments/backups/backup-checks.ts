import { type CommentField, commentFields, type RecordField, recordFields } from '../fields'
import { isCommentId } from '../ids'
import { type FieldIssue, validateImportedComment } from '../rules'
import type { CommentStatus, StoredComment } from '../types'

/** A record or batch not shaped as export writes it, with its English message. */
export interface ShapeIssue {
  /** The record's place in the batch; absent when the batch itself is wrong. */
  index?: number
  field: string
  code: string
  message: string
}

/** A submitted field that breaks a comment rule: the route words it as the intake does. */
export type RuleIssue = FieldIssue & { index: number }

/** Why a record or the batch was refused, and where: routes list these as problem errors. */
export type ImportIssue = ShapeIssue | RuleIssue

/** Most comments one import request may carry; each costs about five KV operations. */
export const maxImportBatch = 100

/** A list of fields as fields.ts writes them: each field's name and whether it is required. */
type FieldList = Readonly<Record<string, { readonly required: boolean }>>

/**
 * The two lists of fields.ts a backup record is checked against: the fields a
 * reader submits, checked and normalised under the comment rules, and those the
 * site writes, each checked against its format rule. Every field export writes
 * is on one of them, and nothing else is a field.
 */
export interface StoredFieldLists {
  submitted: FieldList
  written: FieldList
}

const fieldLists: StoredFieldLists = { submitted: commentFields, written: recordFields }

const statuses: ReadonlySet<string> = new Set<CommentStatus>(['pending', 'approved', 'spam'])
const slugShape = /^[a-z0-9]+(-[a-z0-9]+)*$/
const clientShape = /^(?:[0-9a-f]{32})?$/
const editCountShape = /^[1-9][0-9]{0,2}$/
const instantShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

function isInstant(value: string): boolean {
  return instantShape.test(value) && !Number.isNaN(Date.parse(value))
}

/** The format each field the site writes must have, and what is said when it does not. */
const recordRules: Record<RecordField, [holds: (value: string) => boolean, message: string]> = {
  id: [isCommentId, 'must be a comment id'],
  article: [(value) => slugShape.test(value), 'must be an article slug'],
  created: [isInstant, 'must be an ISO 8601 date-time'],
  edited: [isInstant, 'must be an ISO 8601 date-time'],
  edits: [(value) => editCountShape.test(value), 'must be a count of edits'],
  status: [(value) => statuses.has(value), 'must be pending, approved or spam'],
  // Empty for a comment brought from elsewhere (the address was that system's to keep).
  client: [(value) => clientShape.test(value), 'must be empty or a client hash'],
}

function shapeIssue(
  index: number | undefined,
  field: string,
  code: string,
  message: string,
): ShapeIssue {
  const at = index === undefined ? field : `comments[${index}]${field ? `.${field}` : ''}`
  return { ...(index === undefined ? {} : { index }), field: at, code, message: `${at} ${message}` }
}

type Checked = { ok: true; comment: StoredComment } | { ok: false; issues: ImportIssue[] }

/**
 * Checks one record of a backup: exactly the stored fields, each of its shape, and
 * the submitted ones under the comment rules. The comment comes back with those
 * normalised as the intake would (NFC, LF, without noncharacters, trimmed), every key in its place, so
 * a record export wrote is restored byte for byte.
 */
function checkComment(value: unknown, index: number, lists: StoredFieldLists): Checked {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      issues: [shapeIssue(index, '', 'invalid_type', 'must be a comment object')],
    }
  }
  const record = value as Record<string, unknown>
  const issues: ImportIssue[] = []
  const storedFields = new Map(Object.entries({ ...lists.submitted, ...lists.written }))
  for (const name of Object.keys(record)) {
    if (!storedFields.has(name)) {
      issues.push(shapeIssue(index, name, 'unknown_field', 'is not a field'))
    }
  }
  for (const [name, { required }] of storedFields) {
    const field = record[name]
    if (field === undefined) {
      if (required) issues.push(shapeIssue(index, name, 'required', 'is required'))
    } else if (typeof field !== 'string') {
      issues.push(shapeIssue(index, name, 'invalid_type', 'must be a string'))
    }
  }
  if (issues.length > 0) return { ok: false, issues }
  const fields = record as Record<string, string | undefined>
  for (const name of Object.keys(lists.written)) {
    const field = fields[name]
    // The site's fields have a format rule each; one on another list is taken as text.
    const [holds, message] = recordRules[name as RecordField] ?? [() => true, '']
    if (field !== undefined && !holds(field)) {
      issues.push(shapeIssue(index, name, 'invalid_value', message))
    }
  }
  const validated = validateImportedComment(record)
  if (!validated.ok) {
    for (const issue of validated.issues) {
      issues.push({ index, field: `comments[${index}].${issue.field}`, code: issue.code })
    }
  }
  if (!validated.ok || issues.length > 0) return { ok: false, issues }
  const input: Partial<Record<string, string>> = validated.input
  const comment: Record<string, string> = {}
  for (const [name, field] of Object.entries(fields)) {
    const submitted = lists.submitted[name as CommentField]
    if (!submitted) comment[name] = field as string
    else if (input[name] !== undefined) comment[name] = input[name]
    // A required field the rules let be empty (an imported comment's e-mail) stays, as "".
    else if (submitted.required) comment[name] = ''
  }
  return { ok: true, comment: comment as unknown as StoredComment }
}

/**
 * Checks an import body: `{ "comments": [...] }` with 1 to maxImportBatch comments,
 * each as export writes it and within the comment rules. One bad record refuses the
 * batch: every issue of every record is listed. `lists` are fields.ts's; a test
 * hands others to show that a field added to them is restored.
 */
export function checkImport(
  body: unknown,
  lists: StoredFieldLists = fieldLists,
): { ok: true; comments: StoredComment[] } | { ok: false; errors: ImportIssue[] } {
  const list = (body as { comments?: unknown } | null)?.comments
  if (!Array.isArray(list)) {
    return {
      ok: false,
      errors: [shapeIssue(undefined, 'comments', 'required', 'must be a list of comments')],
    }
  }
  if (list.length === 0 || list.length > maxImportBatch) {
    return {
      ok: false,
      errors: [
        shapeIssue(
          undefined,
          'comments',
          'invalid_length',
          `must hold 1 to ${maxImportBatch} comments`,
        ),
      ],
    }
  }
  const comments: StoredComment[] = []
  const errors: ImportIssue[] = []
  list.forEach((item, index) => {
    const checked = checkComment(item, index, lists)
    if (checked.ok) comments.push(checked.comment)
    else errors.push(...checked.issues)
  })
  return errors.length > 0 ? { ok: false, errors } : { ok: true, comments }
}
