import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import { validator } from 'hono/validator'
import {
  type AppEnv,
  commentStore,
  config,
  editKeyOf,
  originOf,
  publicComments,
} from '../app/context'
import { Hono } from '../app/hono'
import { rateLimits } from '../app/rate-limits'
import { editProof } from '../comments/edit-proof'
import { editDeadline } from '../comments/edit-window'
import { commentFieldNames } from '../comments/fields'
import { closedRefusal, type IntakeOutcome, takeComment } from '../comments/intake'
import { renderedView } from '../comments/public-view'
import { updateReadersView } from '../comments/store/view-updates'
import { findPublicArticle } from '../content/index'
import type { ArticleMeta } from '../content/types'
import { cacheControl } from '../http/cache-control'
import { requestClientNetwork } from '../http/client-network'
import { setEditCookie } from '../http/edit-cookie'
import { mediaType, prefersHtml } from '../http/negotiate'
import { problemResponse } from '../http/problem'
import { notifyModerator } from '../notifications/notify-moderator'
import { articleDocument, commentsView } from '../pages/article-view'
import type { CommentFormState } from '../pages/comment-form'
import { messagesFor } from '../pages/i18n'
import { paths } from '../paths'
import { commentOriginGuard } from './comment-origin-guard'
import { type IntakeRefusal, problemFor } from './comment-problems'
import { notFound } from './not-found'

/** Largest accepted request body: 64 KiB. */
export const maxBodyBytes = 64 * 1024

const formTypes = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])

type IntakeEnv = AppEnv & { Variables: { article: ArticleMeta } }

function isFormPost(request: Request): boolean {
  return formTypes.has(mediaType(request))
}

function typedValues(body: Record<string, unknown>): CommentFormState['values'] {
  const values: CommentFormState['values'] = {}
  for (const field of commentFieldNames) {
    const value = body[field]
    if (typeof value === 'string') values[field] = value
  }
  return values
}

/**
 * Answers a refused post: browsers that sent the form get the article again
 * with the messages and everything they typed; API clients get problem JSON.
 */
async function refusal(
  c: Context<IntakeEnv>,
  refused: IntakeRefusal,
  body: Record<string, unknown> = {},
): Promise<Response> {
  const p = problemFor(refused)
  if (!(isFormPost(c.req.raw) && prefersHtml(c.req.raw))) return problemResponse(p)
  const article = c.var.article
  const t = messagesFor(article.language)
  const errors: CommentFormState['errors'] = {}
  for (const issue of refused.issues ?? []) errors[issue.field] = t.fieldErrors[issue.code]
  const form: CommentFormState = {
    values: typedValues(body),
    errors,
    summary: t.refusals[refused.reason],
  }
  const approved = await publicComments(c)
    .approved(article.slug)
    .catch(() => [])
  const parent = typeof body.parent === 'string' ? body.parent : undefined
  const view = commentsView(approved, { form, ...(parent ? { replyTo: parent } : {}) })
  const headers: Record<string, string> = { 'cache-control': cacheControl.none }
  if (p.retryAfter !== undefined) headers['retry-after'] = String(p.retryAfter)
  return c.html(await articleDocument(c, article, view), p.status as 400, headers)
}

/** Finds the article posted to (404 without one) and refuses at once if it takes no comments. */
const openArticle = createMiddleware<IntakeEnv>(async (c, next) => {
  const article = await findPublicArticle(c.req.param('slug') ?? '', c.env.ASSETS, Date.now())
  if (!article) return notFound(c)
  c.set('article', article)
  const closed = closedRefusal(article)
  if (closed) return refusal(c, closed)
  return next()
})

/** POST /articles/:slug/comments: form, multipart and JSON comment intake. */
export const commentIntake = new Hono<IntakeEnv>()

commentIntake.post(
  paths.comments(':slug'),
  commentOriginGuard,
  openArticle,
  bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) =>
      refusal(c, {
        reason: 'too_large',
        detail: `The request body is larger than ${maxBodyBytes} bytes.`,
      }),
  }),
  async (c, next) => {
    const type = mediaType(c.req.raw)
    if (formTypes.has(type) || /^application\/([\w.-]+\+)?json$/.test(type)) return next()
    return problemResponse(problemFor({ reason: 'unsupported_media_type' }), {
      accept: 'application/x-www-form-urlencoded, multipart/form-data, application/json',
    })
  },
  validator('form', (value) => value as Record<string, unknown>),
  validator('json', (value) => value as unknown),
  async (c) => {
    const article = c.var.article
    const body = isFormPost(c.req.raw) ? c.req.valid('form') : c.req.valid('json')
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return problemResponse(
        problemFor({ reason: 'malformed', detail: 'The JSON body must be an object.' }),
      )
    }
    const fields = body as Record<string, unknown>
    const settings = config(c)
    const store = commentStore(c)
    let outcome: IntakeOutcome
    try {
      outcome = await takeComment(article, fields, {
        store,
        limiter: c.env.COMMENT_RATE_LIMITER,
        ratePeriod: rateLimits.COMMENT_RATE_LIMITER.period,
        clientNetwork: requestClientNetwork(c.req.raw),
        clientAddress: c.req.header('cf-connecting-ip') ?? 'unknown',
        maxPending: settings.maxPendingPerArticle,
        clientSalt: settings.clientSalt,
        autoApprove: settings.site.autoApproveComments,
        keepDecoys: editKeyOf(c) !== undefined,
        now: new Date(),
        ...(settings.turnstileSecret ? { turnstileSecret: settings.turnstileSecret } : {}),
      })
    } catch (error) {
      console.error(
        JSON.stringify({
          event: 'comment_store_failed',
          article: article.slug,
          error: String(error),
        }),
      )
      return refusal(c, { reason: 'store_unavailable' }, fields)
    }
    if (!outcome.ok) return refusal(c, outcome.refusal, fields)

    const comment = outcome.comment
    await updateReadersView(c.env, outcome.changes).catch((error) => {
      // Stored all the same: the pending count lags, or an auto-approved comment waits
      // for the next change to its article.
      console.error(
        JSON.stringify({ event: 'view_update_not_queued', id: comment.id, error: String(error) }),
      )
    })
    if (outcome.tellModerator) notifyModerator(c, article, comment)
    const key = editKeyOf(c)
    const proof = key ? await editProof(await key, comment) : undefined
    const editUntil = editDeadline(comment)
    if (isFormPost(c.req.raw)) {
      if (proof) {
        const seconds = (editUntil.getTime() - Date.now()) / 1000
        setEditCookie(c, article.slug, comment.id, proof, seconds)
      }
      const page = paths.article(article.slug)
      const target = comment.status === 'pending' ? `${page}?held=${comment.id}` : page
      c.header('cache-control', cacheControl.none)
      return c.redirect(`${target}#comment-${comment.id}`, 303)
    }
    const editing = proof ? { edit_token: proof, edit_until: editUntil.toISOString() } : {}
    return c.json({ ...renderedView(comment), status: comment.status, ...editing }, 201, {
      location: `${originOf(c)}${paths.comment(article.slug, comment.id)}`,
      'cache-control': cacheControl.none,
    })
  },
)
