import { Hono } from 'hono'
import { type AppEnv, originOf, publicComments, respondRendered } from '../app/context'
import { paths } from '../app/paths'
import type { CommentCounts } from '../comments/store'
import { newestArticles, site } from '../content/index'
import { articleFeed } from '../feeds/article-feed'
import { contentTypeOf, type FeedFormat, feedFormats, feedUrls } from '../feeds/formats'
import { cacheControl } from '../http/cache-control'
import { latest } from '../http/last-modified'
import { RenderCache } from '../http/render-cache'
import { type RenderedResponse, renderedResponse } from '../http/rendered'

const rendered = new RenderCache<RenderedResponse>(32)
const noCounts = { value: { updated: null, articles: {} } as CommentCounts, version: 0 }

/** The site's feeds in every format, rendered once per origin and comment-count version. */
export const siteFeeds = new Hono<AppEnv>()

for (const [format, path] of Object.entries(feedUrls(paths.siteFeeds)) as Array<
  [FeedFormat, string]
>) {
  siteFeeds.get(path, async (c) => {
    const origin = originOf(c)
    // Counts only decorate the feed (slash:comments, thr:count): if KV fails, serve without them.
    const counts = await publicComments(c)
      .counts()
      .catch(() => noCounts)
    const response = await rendered.get(`${format}|${origin}|${counts.version}`, async () => {
      const articles = await newestArticles(c.env.ASSETS)
      const bodies = new Map(articles.map((article) => [article.slug, article.html]))
      const doc = articleFeed({
        site,
        articles,
        origin,
        commentCount: (slug) => counts.value.articles[slug] ?? 0,
        bodyOf: (slug) => {
          const body = bodies.get(slug)
          // The build writes exactly the newest feed_size articles with their bodies.
          if (body === undefined) throw new Error(`no body for feed entry ${slug}`)
          return body
        },
      })
      return renderedResponse(
        feedFormats[format].render(doc),
        latest(doc.updated, counts.value.updated),
        {
          'content-type': contentTypeOf(format),
          'cache-control': cacheControl.feed,
        },
      )
    })
    return respondRendered(c, response)
  })
}
