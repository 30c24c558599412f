import { createMiddleware } from 'hono/factory'
import {
  type AppEnv,
  originOf,
  publicComments,
  respondRendered,
  sharedRender,
} from '../app/context'
import { Hono } from '../app/hono'
import { renderedView } from '../comments/public-view'
import type { ArticleComments } from '../comments/store/public-comments'
import { repliesTo } from '../comments/thread'
import { findPublicArticle, site } from '../content/index'
import type { ArticleMeta } from '../content/types'
import { commentFeed, siteCommentFeed, threadFeed } from '../feeds/comment-feed'
import { contentTypeOf, type FeedFormat, feedFormats, feedUrls } from '../feeds/formats'
import { cacheControl } from '../http/cache-control'
import { latest } from '../http/last-modified'
import { problemResponse, storeUnavailable } from '../http/problem'
import { RenderCache } from '../http/render-cache'
import { type RenderedResponse, renderedResponse } from '../http/rendered'
import { siteCommentFeedNames } from '../pages/advertised-feeds'
import { paths } from '../paths'
import { notFound } from './not-found'

const rendered = new RenderCache<RenderedResponse>(256)

type ReadsEnv = AppEnv & { Variables: { article: ArticleMeta; comments: ArticleComments } }

/** Finds the article (404 without one) and loads its approved comments (503 if KV fails). */
const loadComments = createMiddleware<ReadsEnv>(async (c, next) => {
  const article = await findPublicArticle(c.req.param('slug') ?? '', c.env.ASSETS, Date.now())
  if (!article) return notFound(c)
  const comments = await publicComments(c)
    .forArticle(article.slug)
    .catch(() => null)
  if (!comments) {
    return problemResponse(storeUnavailable('Comments cannot be read right now.'))
  }
  c.set('article', article)
  c.set('comments', comments)
  return next()
})

/** An article's approved comments as JSON and as a feed in every format. */
export const commentReads = new Hono<ReadsEnv>()

commentReads.get(paths.comments(':slug'), loadComments, async (c) => {
  const { article, comments } = c.var
  const { approved, moderated } = comments
  const key = `json|${article.slug}|${moderated ?? 'none'}`
  const response = await sharedRender(c, rendered, key, () =>
    renderedResponse(
      JSON.stringify({
        article: article.slug,
        count: approved.length,
        comments: approved.map(renderedView),
      }),
      latest(article.published, approved.at(-1)?.created, moderated),
      {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': cacheControl.comments,
      },
    ),
  )
  return respondRendered(c, response)
})

const feedRoutes = Object.entries(feedUrls(paths.commentFeeds(':slug'))) as Array<
  [FeedFormat, string]
>

for (const [format, path] of feedRoutes) {
  commentReads.get(path, loadComments, async (c) => {
    const { article, comments } = c.var
    const { approved, moderated } = comments
    const origin = originOf(c)
    const key = `${format}|${article.slug}|${origin}|${moderated ?? 'none'}`
    const response = await sharedRender(c, rendered, key, () => {
      const doc = commentFeed(site, article, origin, approved)
      return renderedResponse(feedFormats[format].render(doc), latest(doc.updated, moderated), {
        'content-type': contentTypeOf(format),
        'cache-control': cacheControl.comments,
      })
    })
    return respondRendered(c, response)
  })
}

const threadRoutes = Object.entries(feedUrls(paths.threadFeeds(':slug', ':id'))) as Array<
  [FeedFormat, string]
>

// One small feed per approved comment: the replies under it ("follow replies").
for (const [format, path] of threadRoutes) {
  commentReads.get(path, loadComments, async (c) => {
    const { article, comments } = c.var
    const { approved, moderated } = comments
    const id = c.req.param('id') ?? ''
    const parent = approved.find((comment) => comment.id === id)
    if (!parent) return notFound(c)
    const origin = originOf(c)
    const key = `${format}|${article.slug}|${id}|${origin}|${moderated ?? 'none'}`
    const response = await sharedRender(c, rendered, key, () => {
      const doc = threadFeed(site, article, origin, parent, repliesTo(approved, id))
      return renderedResponse(feedFormats[format].render(doc), latest(doc.updated, moderated), {
        'content-type': contentTypeOf(format),
        'cache-control': cacheControl.comments,
      })
    })
    return respondRendered(c, response)
  })
}

const siteCommentRoutes = Object.entries(feedUrls(paths.siteCommentFeeds)) as Array<
  [FeedFormat, string]
>

// The newest approved comments across articles: one KV read of the updater's v1:recent,
// memoised per isolate, and the shards of their articles through ASSETS.
for (const [format, path] of siteCommentRoutes) {
  commentReads.get(path, async (c) => {
    const recent = await publicComments(c)
      .recent()
      .catch(() => null)
    if (!recent) return problemResponse(storeUnavailable('Comments cannot be read right now.'))
    const origin = originOf(c)
    const response = await rendered.get(
      `site|${format}|${origin}|${recent.updated ?? 'none'}`,
      async () => {
        const now = Date.now()
        const slugs = [...new Set(recent.comments.map((comment) => comment.article))]
        const found = await Promise.all(
          slugs.map((slug) => findPublicArticle(slug, c.env.ASSETS, now)),
        )
        const articles = new Map(
          found.flatMap((article) => (article ? [[article.slug, article]] : [])),
        )
        const doc = siteCommentFeed(
          site,
          origin,
          siteCommentFeedNames(site),
          recent.comments,
          (slug) => articles.get(slug),
        )
        return renderedResponse(
          feedFormats[format].render(doc),
          latest(doc.updated, recent.updated),
          { 'content-type': contentTypeOf(format), 'cache-control': cacheControl.comments },
        )
      },
    )
    return respondRendered(c, response)
  })
}
