import type { Context } from 'hono'
import {
  type AppEnv,
  originOf,
  publicComments,
  respondRendered,
  sharedRender,
} from '../app/context'
import { Hono } from '../app/hono'
import type { CommentCounts } from '../comments/store/views'
import { type ArticleList, listArticles, listEntries, site, visibleList } from '../content/index'
import type { ListKind, ListName } from '../content/types'
import { archiveLayout, archivePageRange } from '../feeds/archive'
import { articleFeed, streamOf } from '../feeds/article-feed'
import { contentTypeOf, type FeedFormat, feedFormatIds, feedFormats } from '../feeds/formats'
import { cacheControl } from '../http/cache-control'
import { latest } from '../http/last-modified'
import { RenderCache } from '../http/render-cache'
import { type RenderedResponse, renderedResponse } from '../http/rendered'
import { ownEntry } from '../lib/own-entry'
import { paths, routePatterns } from '../paths'
import { websubLinkHeader } from '../websub/link-header'
import { notFound } from './not-found'

const rendered = new RenderCache<RenderedResponse>(64)
const noCounts: CommentCounts = { updated: null, articles: {} }

/**
 * The article feeds in every format: the site's, each tag's and each author's subscription
 * feed, and their RFC 5005 archive pages. Each is rendered once per origin,
 * number of visible articles and (subscription feeds) the counts' last change,
 * and shared by the data centre's isolates (shared-renders.ts), except a feed
 * rendered without counts, which lasts only while KV cannot be read.
 */
export const siteFeeds = new Hono<AppEnv>()

type FeedContext = Context<AppEnv>

/** Positions [start, end) of a list, newest first, with their bodies. */
async function feedArticles(c: FeedContext, list: ArticleList, start: number, end: number) {
  const articles = (await listArticles(list, start, end, c.env.ASSETS)).reverse()
  const bodyOf = new Map(articles.map((article) => [article.slug, article.html]))
  return {
    articles,
    bodyOf: (slug: string) => {
      const body = bodyOf.get(slug)
      if (body === undefined) throw new Error(`no body for feed entry ${slug}`)
      return body
    },
  }
}

async function subscriptionFeed(c: FeedContext, format: FeedFormat, named: ListName | undefined) {
  const found = await visibleList(named, c.env.ASSETS, Date.now())
  if (!found) return notFound(c)
  const { list, visible } = found
  const origin = originOf(c)
  // Counts only decorate the feed (slash:comments, thr:count): if KV fails, serve without them.
  const counts = await publicComments(c)
    .counts()
    .catch(() => noCounts)
  // The counts' last change names them, alike in every isolate (shared-renders.ts).
  const countsSeen = counts === noCounts ? 'unavailable' : (counts.updated ?? 'none')
  const key = `feed|${list.id}|${format}|${origin}|${countsSeen}|${visible}`
  const render = async () => {
    const layout = archiveLayout(visible, site.feedSize)
    const doc = articleFeed({
      site,
      stream: streamOf(site, list),
      ...(await feedArticles(c, list, layout.currentStart, visible)),
      archivePages: layout.pageCount,
      origin,
      commentCount: (slug) => ownEntry(counts.articles, slug) ?? 0,
    })
    return renderedResponse(feedFormats[format].render(doc), latest(doc.updated, counts.updated), {
      'content-type': contentTypeOf(format),
      'cache-control': cacheControl.feed,
      // WebSub subscribers look for the hub in the HTTP headers first.
      ...(doc.hub ? { link: websubLinkHeader(doc.hub, doc.links[format]) } : {}),
    })
  }
  const response = await (counts === noCounts
    ? rendered.get(key, render)
    : sharedRender(c, rendered, key, render))
  return respondRendered(c, response)
}

async function archiveFeed(c: FeedContext, format: FeedFormat, named: ListName | undefined) {
  const now = Date.now()
  const found = await visibleList(named, c.env.ASSETS, now)
  if (!found) return notFound(c)
  const { list, visible } = found
  const page = Number(c.req.param('page'))
  const range = archivePageRange(visible, site.feedSize, page)
  if (!range) return notFound(c)
  const { pageCount } = archiveLayout(visible, site.feedSize)
  const origin = originOf(c)
  const hasNext = page < pageCount
  const key = `archive|${list.id}|${page}|${format}|${origin}|${hasNext}`
  const render = async () => {
    const doc = articleFeed({
      site,
      stream: streamOf(site, list),
      ...(await feedArticles(c, list, range.start, range.end)),
      archivePages: pageCount,
      archivePage: page,
      origin,
    })
    // The one later change to an archive page: its next-archive link, added when the
    // article that filled the page after the next one came out.
    const filler = hasNext
      ? (
          await listEntries(
            list,
            range.end + 2 * site.feedSize - 1,
            range.end + 2 * site.feedSize,
            c.env.ASSETS,
          )
        )[0]
      : undefined
    return renderedResponse(
      feedFormats[format].render(doc),
      latest(doc.updated, filler?.published),
      {
        'content-type': contentTypeOf(format),
        'cache-control': cacheControl.archive,
      },
    )
  }
  const response = await sharedRender(c, rendered, key, render)
  return respondRendered(c, response)
}

/** The route pattern of each kind of named list's feed folder; its parameter is named after the kind. */
const namedFeedFolders: Array<[ListKind, string]> = [
  ['tag', routePatterns.tagFeeds],
  ['author', routePatterns.authorFeeds],
]

for (const format of feedFormatIds) {
  const { file } = feedFormats[format]
  const archivePattern = (folder: string) =>
    `${paths.archiveFeeds(folder, ':page{[1-9][0-9]*}')}${file}`
  siteFeeds.get(paths.siteFeeds + file, (c) => subscriptionFeed(c, format, undefined))
  siteFeeds.get(archivePattern(paths.siteFeeds), (c) => archiveFeed(c, format, undefined))
  for (const [kind, folder] of namedFeedFolders) {
    const named = (c: FeedContext): ListName => ({ kind, name: c.req.param(kind) ?? '' })
    siteFeeds.get(folder + file, (c) => subscriptionFeed(c, format, named(c)))
    siteFeeds.get(archivePattern(folder), (c) => archiveFeed(c, format, named(c)))
  }
}
