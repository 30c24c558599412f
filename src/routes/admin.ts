import { type Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { type AppEnv, commentStore, forgetPublicComments } from '../app/context'
import { type ModerationAction, moderateComment } from '../comments/moderation'
import type { CommentStatus } from '../comments/types'
import { cacheControl } from '../http/cache-control'
import { problem, problemResponse, storeUnavailable } from '../http/problem'
import { adminAuth } from '../middleware/admin-auth'

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

async function moderate(c: Context<AppEnv>, action: ModerationAction) {
  const outcome = await moderateComment(commentStore(c), c.req.param('id') ?? '', action)
  if (!outcome.ok) return problemResponse(problem(404, `There is no comment ${outcome.id}.`))
  if (outcome.readersChanged) forgetPublicComments(c, outcome.before.article)
  if (!outcome.after) return new Response(null, { status: 204 })
  return c.json(outcome.after, 200, { 'cache-control': cacheControl.none })
}

admin.post('/admin/comments/:id/approve', (c) => moderate(c, 'approve'))
admin.post('/admin/comments/:id/spam', (c) => moderate(c, 'spam'))
admin.delete('/admin/comments/:id', (c) => moderate(c, 'delete'))
