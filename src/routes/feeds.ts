import { Hono } from 'hono'
import { type AppEnv, originOf, publicComments, respondHeld } from '../app/context'
import { paths } from '../app/paths'
import type { CommentCounts } from '../comments/store'
import { articles, recentBody, site } from '../content/index'
import { articleFeed } from '../feeds/article-feed'
import { type FeedFormat, feedFormats } from '../feeds/formats'
import { cacheControl } from '../http/cache-control'
import { latest } from '../http/last-modified'
import { RenderCache } from '../http/render-cache'
import { type HeldResponse, hold } from '../http/rendered'

const held = new RenderCache<HeldResponse>(32)
const noCounts = { value: { updated: null, articles: {} } as CommentCounts, version: 0 }

/** The site's RSS, Atom and JSON feeds, rendered once per origin and comment-count version. */
export const siteFeeds = new Hono<AppEnv>()

const routes: Array<[string, FeedFormat]> = [
  [paths.rss, 'rss'],
  [paths.atom, 'atom'],
  [paths.json, 'json'],
]

for (const [path, format] of routes) {
  siteFeeds.get(path, async (c) => {
    const origin = originOf(c)
    // Counts only decorate the feed (slash:comments, thr:count): if KV fails, serve without them.
    const counts = await publicComments(c)
      .counts()
      .catch(() => noCounts)
    const response = await held.get(`${format}|${origin}|${counts.version}`, () => {
      const doc = articleFeed({
        site,
        articles,
        origin,
        commentCount: (slug) => counts.value.articles[slug] ?? 0,
        bodyOf: (slug) => {
          const body = recentBody(slug)
          // The build inlines exactly the newest feed_size bodies; anything else is a bug.
          if (body === undefined) throw new Error(`no inline body for feed entry ${slug}`)
          return body
        },
      })
      const { render, contentType } = feedFormats[format]
      return hold(render(doc), latest(doc.updated, counts.value.updated), {
        'content-type': contentType,
        'cache-control': cacheControl.feed,
      })
    })
    return respondHeld(c, response)
  })
}
