import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { type AppEnv, commentStore } from '../app/context'
import { Hono } from '../app/hono'
import { exportPageSize, importComments } from '../comments/backups/backup'
import { maxImportBatch } from '../comments/backups/backup-checks'
import { commentVersion, type ModerationAction, moderateComment } from '../comments/moderation'
import { updateReadersView } from '../comments/store/view-updates'
import type { CommentStatus } from '../comments/types'
import { cacheControl } from '../http/cache-control'
import { problem, problemResponse, storeUnavailable } from '../http/problem'
import { adminAuth } from '../middleware/admin-auth'
import { fieldError } from './comment-problems'

const statuses = new Set<CommentStatus>(['pending', 'approved', 'spam'])
const pageSize = 50

/** The moderation API, behind `Authorization: Bearer <ADMIN_TOKEN>`. */
export const admin = new Hono<AppEnv>()

admin.use('/admin/*', adminAuth)

// A moderation request that cannot reach KV is a temporary outage, not a bug.
admin.onError((error, c) => {
  if (error instanceof HTTPException) throw error
  console.error(
    JSON.stringify({ event: 'moderation_store_failed', path: c.req.path, error: String(error) }),
  )
  return problemResponse(storeUnavailable('The comment store cannot be reached right now.'))
})

admin.get('/admin/comments', async (c) => {
  const status = c.req.query('status') ?? 'pending'
  if (!statuses.has(status as CommentStatus)) {
    return problemResponse(
      problem(400, 'status must be pending, approved or spam.', {
        errors: [
          {
            field: 'status',
            code: 'invalid_value',
            message: 'status must be pending, approved or spam',
          },
        ],
      }),
    )
  }
  const article = c.req.query('article') || undefined
  const page = await commentStore(c).listForModeration(
    status as CommentStatus,
    article,
    c.req.query('cursor') || undefined,
    pageSize,
  )
  return c.json({ comments: page.items, ...(page.cursor ? { cursor: page.cursor } : {}) }, 200, {
    'cache-control': cacheControl.none,
  })
})

/**
 * `?version=<n>`: the version of the comment the moderator was shown (its
 * `edits`, 0 when absent). Optional, for clients that predate it; an approval
 * that carries it is refused when the author edited the comment since.
 */
async function moderate(c: Context<AppEnv>, action: ModerationAction) {
  const seen = c.req.query('version')
  if (seen !== undefined && !/^\d{1,9}$/.test(seen)) {
    return problemResponse(
      problem(400, "version must be the listed comment's edits count (0 when it has none).", {
        errors: [{ field: 'version', code: 'invalid_value', message: 'version must be a number' }],
      }),
    )
  }
  const outcome = await moderateComment(commentStore(c), c.req.param('id') ?? '', action, seen)
  if (!outcome.ok && outcome.reason === 'changed_since_listed') {
    const now = commentVersion(outcome.comment)
    return problemResponse(
      problem(
        409,
        `Comment ${outcome.id} was edited by its author since you listed it: it is now version ${now}, still ${outcome.comment.status}. Look at it again before approving.`,
        {
          errors: [
            {
              field: 'version',
              code: 'changed_since_listed',
              message: `the comment is now version ${now}`,
            },
          ],
        },
      ),
    )
  }
  if (!outcome.ok) return problemResponse(problem(404, `There is no comment ${outcome.id}.`))
  await updateReadersView(c.env, outcome.changes)
  if (!outcome.after) return new Response(null, { status: 204 })
  return c.json(outcome.after, 200, { 'cache-control': cacheControl.none })
}

admin.post('/admin/comments/:id/approve', (c) => moderate(c, 'approve'))
admin.post('/admin/comments/:id/spam', (c) => moderate(c, 'spam'))
admin.delete('/admin/comments/:id', (c) => moderate(c, 'delete'))

/** GET /admin/export: one page of every comment, all statuses, every field, as stored. */
admin.get('/admin/export', async (c) => {
  const page = await commentStore(c).exportPage(c.req.query('cursor') || undefined, exportPageSize)
  return c.json({ comments: page.items, ...(page.cursor ? { cursor: page.cursor } : {}) }, 200, {
    'cache-control': cacheControl.none,
  })
})

// A full batch of the longest comments (10 000 characters, up to 4 bytes each) fits.
const maxImportBytes = maxImportBatch * 48 * 1024

/** POST /admin/import: restores a batch of exported comments under their own ids. */
admin.post(
  '/admin/import',
  bodyLimit({
    maxSize: maxImportBytes,
    onError: () =>
      problemResponse(problem(413, `An import batch must be under ${maxImportBytes} bytes.`)),
  }),
  async (c) => {
    const body = await c.req.json().catch(() => undefined)
    if (body === undefined) {
      return problemResponse(problem(400, 'The body must be JSON: { "comments": [...] }.'))
    }
    const outcome = await importComments(commentStore(c), body)
    if (!outcome.ok) {
      return problemResponse(
        problem(
          422,
          'Nothing was imported: some comments are not as exported or break the rules.',
          {
            errors: outcome.errors.map((issue) => ('message' in issue ? issue : fieldError(issue))),
          },
        ),
      )
    }
    await updateReadersView(c.env, outcome.changes)
    const { created, replaced, articles } = outcome
    return c.json({ created, replaced, articles }, 200, { 'cache-control': cacheControl.none })
  },
)
