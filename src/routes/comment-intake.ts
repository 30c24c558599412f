import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { validator } from 'hono/validator'
import {
  type AppEnv,
  commentStore,
  config,
  forgetPublicComments,
  originOf,
  publicComments,
} from '../app/context'
import { paths } from '../app/paths'
import { takeComment } from '../comments/intake'
import { publicFields } from '../comments/public-view'
import { findArticle } from '../content/index'
import type { ArticleMeta } from '../content/types'
import { cacheControl } from '../http/cache-control'
import { mediaType, prefersHtml } from '../http/negotiate'
import { type Problem, problem, problemResponse, storeUnavailable } from '../http/problem'
import { commentOriginGuard } from '../middleware/cross-origin'
import { articleDocument, commentsView } from '../pages/article-view'
import type { CommentFormState } from '../pages/comment-form'
import { messagesFor } from '../pages/i18n'
import { notFound } from '../pages/not-found'

/** Largest accepted request body (DESIGN: 413 over 64 KiB). */
export const maxBodyBytes = 64 * 1024

const formTypes = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])
const typedFields = ['author', 'email', 'url', 'content', 'parent'] as const

function isFormPost(c: Context<AppEnv>): boolean {
  return formTypes.has(mediaType(c.req.raw))
}

function typedValues(body: Record<string, unknown>): CommentFormState['values'] {
  const values: CommentFormState['values'] = {}
  for (const field of typedFields) {
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
  c: Context<AppEnv>,
  article: ArticleMeta,
  p: Problem,
  body: Record<string, unknown> = {},
): Promise<Response> {
  if (!(isFormPost(c) && prefersHtml(c.req.raw))) return problemResponse(p)
  const t = messagesFor(article.language)
  const errors: CommentFormState['errors'] = {}
  for (const error of p.errors ?? [])
    errors[error.field] = t.fieldErrors[error.code] ?? error.message
  const form: CommentFormState = {
    values: typedValues(body),
    errors,
    summary: t.problems[p.status] ?? p.detail ?? p.title,
  }
  const approved = await publicComments(c)
    .approved(article.slug)
    .then((loaded) => loaded.value)
    .catch(() => [])
  const parent = typeof body.parent === 'string' ? body.parent : undefined
  const view = commentsView(approved, { form, ...(parent ? { replyTo: parent } : {}) })
  const headers: Record<string, string> = { 'cache-control': cacheControl.none }
  if (p.retryAfter !== undefined) headers['retry-after'] = String(p.retryAfter)
  return c.html(await articleDocument(c, article, view), p.status as 400, headers)
}

/** POST /articles/:slug/comments: form, multipart and JSON comment intake. */
export const commentIntake = new Hono<AppEnv>()

commentIntake.post(
  '/articles/:slug/comments',
  commentOriginGuard,
  async (c, next) => {
    const article = findArticle(c.req.param('slug'))
    if (!article) return notFound(c)
    if (article.comments === 'closed') {
      return refusal(c, article, problem(403, 'Comments are closed for this article.'))
    }
    return next()
  },
  bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) =>
      refusal(
        c,
        findArticle(c.req.param('slug') ?? '') as ArticleMeta,
        problem(413, `The request body is larger than ${maxBodyBytes} bytes.`),
      ),
  }),
  async (c, next) => {
    const type = mediaType(c.req.raw)
    if (formTypes.has(type) || /^application\/([\w.-]+\+)?json$/.test(type)) return next()
    return problemResponse(
      problem(
        415,
        'Send application/x-www-form-urlencoded, multipart/form-data or application/json.',
      ),
      { accept: 'application/x-www-form-urlencoded, multipart/form-data, application/json' },
    )
  },
  validator('form', (value) => value as Record<string, unknown>),
  validator('json', (value) => value as unknown),
  async (c) => {
    const article = findArticle(c.req.param('slug')) as ArticleMeta
    const body = isFormPost(c) ? c.req.valid('form') : c.req.valid('json')
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return problemResponse(problem(400, 'The JSON body must be an object.'))
    }
    const fields = body as Record<string, unknown>
    const settings = config(c)
    const store = commentStore(c)
    let outcome: Awaited<ReturnType<typeof takeComment>>
    try {
      outcome = await takeComment(article, fields, {
        store,
        limiter: c.env.COMMENT_RATE_LIMITER,
        clientAddress: c.req.header('cf-connecting-ip') ?? 'unknown',
        clientSalt: settings.clientSalt,
        autoApprove: settings.site.autoApproveComments,
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
      outcome = {
        ok: false,
        problem: storeUnavailable('Comments cannot be saved right now.'),
      }
    }
    if (!outcome.ok) return refusal(c, article, outcome.problem, fields)

    const comment = outcome.comment
    if (comment.status === 'approved') {
      await store.recount(article.slug, { id: comment.id, approved: true })
      forgetPublicComments(c, article.slug)
    }
    if (isFormPost(c)) {
      const page = paths.article(article.slug)
      const target = comment.status === 'pending' ? `${page}?held=${comment.id}` : page
      return c.redirect(`${target}#comment-${comment.id}`, 303)
    }
    return c.json({ ...publicFields(comment), status: comment.status }, 201, {
      location: `${originOf(c)}${paths.comment(article.slug, comment.id)}`,
      'cache-control': cacheControl.none,
    })
  },
)
