import { isCommentId } from './ids'
import type { CommentStatus, StoredComment } from './types'

/** Why one field of an imported comment was refused, and where: routes list these as problem errors. */
export interface ImportIssue {
  field: string
  code: string
  message: string
}

/** Most comments one import request may carry; each costs about five KV operations. */
export const maxImportBatch = 100

const statuses: ReadonlySet<string> = new Set<CommentStatus>(['pending', 'approved', 'spam'])
const required = ['id', 'article', 'author', 'email', 'content', 'created', 'status', 'client']
const optional = ['url', 'parent']
const known = new Set([...required, ...optional])
const slugShape = /^[a-z0-9]+(-[a-z0-9]+)*$/
const instantShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

function error(field: string, code: string, message: string): ImportIssue {
  return { field, code, message: `${field} ${message}` }
}

/** Checks one comment of a backup: exactly the StoredComment fields, each of the right shape. */
function checkComment(value: unknown, at: string): ImportIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [error(at, 'invalid_type', 'must be a comment object')]
  }
  const record = value as Record<string, unknown>
  const errors: ImportIssue[] = []
  for (const name of Object.keys(record)) {
    if (!known.has(name)) errors.push(error(`${at}.${name}`, 'unknown_field', 'is not a field'))
  }
  for (const name of [...required, ...optional]) {
    const field = record[name]
    if (field === undefined) {
      if (required.includes(name)) errors.push(error(`${at}.${name}`, 'required', 'is required'))
    } else if (typeof field !== 'string') {
      errors.push(error(`${at}.${name}`, 'invalid_type', 'must be a string'))
    }
  }
  if (errors.length > 0) return errors
  const c = record as unknown as StoredComment
  if (!isCommentId(c.id)) errors.push(error(`${at}.id`, 'invalid_value', 'must be a comment id'))
  if (!slugShape.test(c.article)) {
    errors.push(error(`${at}.article`, 'invalid_value', 'must be an article slug'))
  }
  if (c.parent !== undefined && !isCommentId(c.parent)) {
    errors.push(error(`${at}.parent`, 'invalid_value', 'must be a comment id'))
  }
  if (!statuses.has(c.status)) {
    errors.push(error(`${at}.status`, 'invalid_value', 'must be pending, approved or spam'))
  }
  if (!instantShape.test(c.created) || Number.isNaN(Date.parse(c.created))) {
    errors.push(error(`${at}.created`, 'invalid_value', 'must be an ISO 8601 date-time'))
  }
  if (c.author.trim() === '') errors.push(error(`${at}.author`, 'required', 'is required'))
  if (c.content.trim() === '') errors.push(error(`${at}.content`, 'required', 'is required'))
  if (c.url !== undefined && !/^https?:\/\/\S+$/.test(c.url)) {
    errors.push(error(`${at}.url`, 'invalid_url', 'must be an http or https URL'))
  }
  return errors
}

/** Checks an import body: `{ "comments": [...] }` with 1 to maxImportBatch valid comments. */
export function checkImport(
  body: unknown,
): { ok: true; comments: StoredComment[] } | { ok: false; errors: ImportIssue[] } {
  const list = (body as { comments?: unknown } | null)?.comments
  if (!Array.isArray(list)) {
    return { ok: false, errors: [error('comments', 'required', 'must be a list of comments')] }
  }
  if (list.length === 0 || list.length > maxImportBatch) {
    return {
      ok: false,
      errors: [error('comments', 'invalid_length', `must hold 1 to ${maxImportBatch} comments`)],
    }
  }
  const errors = list.flatMap((item, index) => checkComment(item, `comments[${index}]`))
  return errors.length > 0 ? { ok: false, errors } : { ok: true, comments: list }
}
