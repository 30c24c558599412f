import { bodyLimit } from 'hono/body-limit'
import { type AppEnv, publicComments } from '../app/context'
import { Hono } from '../app/hono'
import { rateLimits } from '../app/rate-limits'
import { commentFieldNames, commentFields } from '../comments/fields'
import { renderCommentMarkdown } from '../comments/markdown'
import { normalise } from '../comments/rules'
import { findPublicArticle } from '../content/index'
import { cacheControl } from '../http/cache-control'
import { requestClientNetwork } from '../http/client-network'
import { mediaType } from '../http/negotiate'
import { problemResponse } from '../http/problem'
import { articleDocument, commentsView } from '../pages/article-view'
import type { CommentFormState } from '../pages/comment-form'
import { paths } from '../paths'
import { maxBodyBytes } from './comment-intake'
import { commentOriginGuard } from './comment-origin-guard'
import { problemFor } from './comment-problems'
import { notFound } from './not-found'

const formTypes = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])

/** The longest text a preview renders: exactly what a comment may hold. */
const maxContent = commentFields.content.max

/**
 * The key previews are counted under on the comment limiter: the client network
 * as for posts, but apart from them, so previewing a comment does not use up the
 * post that follows it, while a script still gets one rendering per period.
 */
function previewKey(request: Request): string {
  return `preview:${requestClientNetwork(request)}`
}

/**
 * POST /articles/:slug/comments/preview: the comment form's Preview button
 * (formaction). The article page again, with the text rendered as it will look
 * and every field as typed; nothing is stored, and only the text's length is
 * checked (a text no comment could hold is not rendered).
 */
export const commentPreview = new Hono<AppEnv>()

commentPreview.post(
  paths.commentPreview(':slug'),
  commentOriginGuard,
  bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => problemResponse(problemFor({ reason: 'too_large' })),
  }),
  async (c) => {
    const article = await findPublicArticle(c.req.param('slug') ?? '', c.env.ASSETS, Date.now())
    if (!article) return notFound(c)
    if (article.comments !== 'open') return problemResponse(problemFor({ reason: 'closed' }))
    if (!formTypes.has(mediaType(c.req.raw))) {
      return problemResponse(problemFor({ reason: 'unsupported_media_type' }), {
        accept: 'application/x-www-form-urlencoded, multipart/form-data',
      })
    }
    const body = await c.req.parseBody()
    const values: CommentFormState['values'] = {}
    for (const field of commentFieldNames) {
      const value = body[field]
      if (typeof value === 'string') values[field] = value
    }
    const content = normalise(values.content ?? '')
    if ([...content].length > maxContent) {
      return problemResponse(
        problemFor({
          reason: 'invalid_fields',
          issues: [{ field: 'content', code: 'too_long' }],
          detail: `A comment's text is at most ${maxContent} characters; this one is not previewed.`,
        }),
      )
    }
    const limiter = c.env.COMMENT_RATE_LIMITER
    const period = rateLimits.COMMENT_RATE_LIMITER.period
    if (limiter && !(await limiter.limit({ key: previewKey(c.req.raw) })).success) {
      return problemResponse(
        problemFor({
          reason: 'rate_limited',
          retryAfter: period,
          detail: `Please wait ${period} seconds between previews.`,
        }),
      )
    }
    const approved = await publicComments(c)
      .approved(article.slug)
      .catch(() => [])
    const view = commentsView(approved, {
      form: { values, errors: {} },
      preview: renderCommentMarkdown(content),
      ...(values.parent ? { replyTo: values.parent } : {}),
    })
    return c.html(await articleDocument(c, article, view), 200, {
      'cache-control': cacheControl.none,
    })
  },
)
