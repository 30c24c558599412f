import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import { type AppEnv, commentStore, editKeyOf, publicComments } from '../app/context'
import { Hono } from '../app/hono'
import { rateLimits } from '../app/rate-limits'
import {
  type Authorised,
  authoriseEdit,
  type ChangeDeps,
  type EditOutcome,
  editComment,
  withdrawComment,
} from '../comments/edit'
import { type EditableField, editableFields } from '../comments/fields'
import { publicView, renderedView } from '../comments/public-view'
import { updateReadersView } from '../comments/store/view-updates'
import { findPublicArticle } from '../content/index'
import type { ArticleMeta } from '../content/types'
import { cacheControl } from '../http/cache-control'
import { requestClientNetwork } from '../http/client-network'
import { clearEditCookie, editCookieProof } from '../http/edit-cookie'
import { mediaType } from '../http/negotiate'
import { problemResponse } from '../http/problem'
import { notifyModerator } from '../notifications/notify-moderator'
import { articleDocument, commentsView } from '../pages/article-view'
import { messagesFor } from '../pages/i18n'
import { paths } from '../paths'
import { maxBodyBytes } from './comment-intake'
import { commentOriginGuard } from './comment-origin-guard'
import { type IntakeRefusal, problemFor } from './comment-problems'
import { notFound } from './not-found'
import { editValues, ownComments, ownView } from './own-comments'

type EditEnv = AppEnv & { Variables: { article: ArticleMeta } }

const formTypes = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])

/** The article of the comment (404 without one). */
const findTarget = createMiddleware<EditEnv>(async (c, next) => {
  const article = await findPublicArticle(c.req.param('slug') ?? '', c.env.ASSETS, Date.now())
  if (!article) return notFound(c)
  c.set('article', article)
  return next()
})

const limitBody = bodyLimit({
  maxSize: maxBodyBytes,
  onError: () =>
    problemResponse(
      problemFor({
        reason: 'too_large',
        detail: `The request body is larger than ${maxBodyBytes} bytes.`,
      }),
    ),
})

async function editDeps(c: Context<EditEnv>): Promise<ChangeDeps> {
  const key = editKeyOf(c)
  return {
    store: commentStore(c),
    now: new Date(),
    limiter: c.env.COMMENT_RATE_LIMITER,
    ratePeriod: rateLimits.COMMENT_RATE_LIMITER.period,
    clientNetwork: requestClientNetwork(c.req.raw),
    ...(key ? { key: await key } : {}),
  }
}

/** The proof an API client sends: `Authorization: Bearer <edit_token>`. */
function bearerProof(c: Context<EditEnv>): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')
  return match?.[1]
}

/** What follows an edit, as the domain names it: the view updater and the moderator. */
async function afterEdit(c: Context<EditEnv>, outcome: EditOutcome & { ok: true }) {
  await updateReadersView(c.env, outcome.changes)
  if (outcome.tellModerator) notifyModerator(c, c.var.article, outcome.comment)
}

/** Authorises a request with `proof` for the comment in the path. */
async function authorise(
  c: Context<EditEnv>,
  proof: string | undefined,
): Promise<Authorised & { deps: ChangeDeps }> {
  const deps = await editDeps(c)
  const result = await authoriseEdit(c.var.article, c.req.param('id') ?? '', proof, deps)
  return { ...result, deps }
}

/** PATCH, DELETE (Bearer proof, JSON) and their form equivalents (cookie proof). */
export const commentEdits = new Hono<EditEnv>()

const item = paths.commentItem(':slug', ':id')

commentEdits.patch(item, commentOriginGuard, findTarget, limitBody, async (c) => {
  if (!/^application\/([\w.-]+\+)?json$/.test(mediaType(c.req.raw))) {
    return problemResponse(problemFor({ reason: 'unsupported_media_type' }), {
      accept: 'application/json',
    })
  }
  const changes = await c.req.json().catch(() => undefined)
  if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) {
    return problemResponse(
      problemFor({ reason: 'malformed', detail: 'The JSON body must be an object.' }),
    )
  }
  const auth = await authorise(c, bearerProof(c))
  if (!auth.ok) return problemResponse(problemFor(auth.refusal))
  const outcome = await editComment(
    c.var.article,
    auth,
    changes as Record<string, unknown>,
    auth.deps,
  )
  if (!outcome.ok) return problemResponse(problemFor(outcome.refusal))
  await afterEdit(c, outcome)
  return c.json({ ...renderedView(outcome.comment), status: outcome.comment.status }, 200, {
    'cache-control': cacheControl.none,
  })
})

commentEdits.delete(item, commentOriginGuard, findTarget, async (c) => {
  const auth = await authorise(c, bearerProof(c))
  if (!auth.ok) return problemResponse(problemFor(auth.refusal))
  await updateReadersView(c.env, await withdrawComment(auth, auth.deps.store))
  return c.body(null, 204, { 'cache-control': cacheControl.none })
})

/**
 * Answers a refused form edit with the article page: the edit form still open
 * with what the reader typed and why it was refused, when they may still edit.
 */
async function formRefusal(
  c: Context<EditEnv>,
  refusal: IntakeRefusal,
  typed: Partial<Record<EditableField, string>> = {},
): Promise<Response> {
  const p = problemFor(refusal)
  const article = c.var.article
  const t = messagesFor(article.language)
  const own = await ownComments(c, article, new Date())
  const id = c.req.param('id') ?? ''
  const editing = own.find((comment) => comment.id === id)
  const errors: Partial<Record<EditableField, string>> = {}
  for (const issue of refusal.issues ?? []) {
    const field = editableFields.find((name) => name === issue.field)
    if (field) errors[field] = t.fieldErrors[issue.code]
  }
  const approved = await publicComments(c)
    .approved(article.slug)
    .catch(() => [])
  const view = commentsView(approved, {
    heldComments: own.filter((comment) => comment.status === 'pending').map(publicView),
    own: ownView(
      own,
      editing
        ? {
            id,
            values: editValues(editing, typed),
            errors,
            summary: t.refusals[refusal.reason],
          }
        : undefined,
    ),
    ...(editing ? {} : { form: { values: {}, errors: {}, summary: t.refusals[refusal.reason] } }),
  })
  const headers: Record<string, string> = { 'cache-control': cacheControl.none }
  if (p.retryAfter !== undefined) headers['retry-after'] = String(p.retryAfter)
  return c.html(await articleDocument(c, article, view), p.status as 400, headers)
}

async function formFields(c: Context<EditEnv>): Promise<Record<string, unknown> | undefined> {
  if (!formTypes.has(mediaType(c.req.raw))) return undefined
  return (await c.req.parseBody().catch(() => undefined)) as Record<string, unknown> | undefined
}

commentEdits.post(`${item}/edit`, commentOriginGuard, findTarget, limitBody, async (c) => {
  const fields = await formFields(c)
  if (!fields) return formRefusal(c, { reason: 'unsupported_media_type' })
  // Every field PATCH may change, as the form sent it (an uploaded file is not text).
  const typed: Partial<Record<EditableField, string>> = {}
  for (const name of editableFields) {
    const value = fields[name]
    if (typeof value === 'string') typed[name] = value
  }
  const auth = await authorise(c, editCookieProof(c, c.req.param('id') ?? ''))
  if (!auth.ok) return formRefusal(c, auth.refusal, typed)
  const outcome = await editComment(c.var.article, auth, typed, auth.deps)
  if (!outcome.ok) return formRefusal(c, outcome.refusal, typed)
  await afterEdit(c, outcome)
  const { id, status } = outcome.comment
  const page = paths.article(c.var.article.slug)
  // As after a post: a held comment's page names it, which keeps that answer out of caches.
  const target = status === 'pending' ? `${page}?held=${id}` : page
  c.header('cache-control', cacheControl.none)
  return c.redirect(`${target}#comment-${id}`, 303)
})

commentEdits.post(`${item}/delete`, commentOriginGuard, findTarget, async (c) => {
  const auth = await authorise(c, editCookieProof(c, c.req.param('id') ?? ''))
  if (!auth.ok) return formRefusal(c, auth.refusal)
  await updateReadersView(c.env, await withdrawComment(auth, auth.deps.store))
  clearEditCookie(c, c.var.article.slug, auth.comment.id)
  return c.redirect(`${paths.article(c.var.article.slug)}#comments`, 303)
})
