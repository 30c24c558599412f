import type { Context } from 'hono'
import { type AppEnv, config, originOf, respondRendered } from '../app/context'
import { Hono } from '../app/hono'
import { searchPageSize } from '../content/data-files'
import { entriesAt, site, siteList, visibleList } from '../content/index'
import { searchPositions } from '../content/search-index'
import {
  contentTypeOf,
  type FeedFormat,
  feedFormatIds,
  feedFormats,
  feedLinks,
} from '../feeds/formats'
import { searchFeed, searchParam } from '../feeds/search-feed'
import { cacheControl } from '../http/cache-control'
import { latest } from '../http/last-modified'
import { requestedPage } from '../http/page-param'
import { problem, problemResponse } from '../http/problem'
import { RenderCache } from '../http/render-cache'
import { type RenderedResponse, renderedResponse } from '../http/rendered'
import { messagesFor } from '../pages/i18n'
import { type SearchOutcome, SearchPage } from '../pages/search-page'
import { siteHead } from '../pages/site-head'
import { paths } from '../paths'
import { parseQuery } from '../search/query'
import { notFound } from './not-found'

const rendered = new RenderCache<RenderedResponse>(64)
const htmlType = 'text/html; charset=utf-8'
// Results are a view of the articles, not content of their own: kept out of search engines.
const noindex = { 'x-robots-tag': 'noindex' }

/** The search page (`/search?q=…&page=n`) and its feeds (`/search/feed.xml?q=…`, every format). */
export const search = new Hono<AppEnv>()

type SearchContext = Context<AppEnv>

/** The title of a query's feeds: the site's name and the query. */
function feedTitle(query: string): string {
  return `${site.title}: ${messagesFor(site.language).search} “${query}”`
}

/** The page for an empty or too long query: what to type, no results, nothing read. */
async function hintPage(c: SearchContext, kind: 'empty' | 'too_long', query: string) {
  const document = SearchPage({
    head: { ...siteHead(c, []), noindex: true, canonical: config(c).siteUrl + paths.search },
    homeUrl: paths.home,
    query: kind === 'too_long' ? '' : query,
    outcome: { kind },
    articleHref: paths.article,
    feeds: [],
  })
  return c.html(`<!doctype html>${await document.toString()}`, kind === 'too_long' ? 414 : 200, {
    'cache-control': cacheControl.page,
    ...noindex,
  })
}

search.get(paths.search, async (c) => {
  const raw = c.req.query('q')
  const query = parseQuery(raw)
  if (query.kind !== 'terms') return hintPage(c, query.kind, raw?.trim() ?? '')
  const page = requestedPage(c.req.query('page'))
  if (Number.isNaN(page)) return notFound(c)
  const { visible } = (await visibleList(undefined, c.env.ASSETS, Date.now())) ?? { visible: 0 }
  const hits = await searchPositions(query.terms, visible, c.env.ASSETS)
  const pageCount = Math.max(1, Math.ceil(hits.length / searchPageSize))
  if (page > pageCount) return notFound(c)
  const origin = originOf(c)
  const key = `page|${query.text}|${page}|${origin}|${visible}`
  const response = await rendered.get(key, async () => {
    const shown = await entriesAt(
      siteList,
      hits.slice((page - 1) * searchPageSize, page * searchPageSize),
      c.env.ASSETS,
    )
    const hrefOf = (n: number) =>
      `${paths.search}${searchParam(query.text)}${n === 1 ? '' : `&page=${n}`}`
    const feeds = feedLinks(origin + paths.searchFeeds, feedTitle(query.text)).map((feed) => ({
      ...feed,
      href: feed.href + searchParam(query.text),
    }))
    const outcome: SearchOutcome = {
      kind: 'found',
      articles: shown,
      capped: query.capped,
      pager: {
        ...(page > 1 ? { newerHref: hrefOf(page - 1) } : {}),
        ...(page < pageCount ? { olderHref: hrefOf(page + 1) } : {}),
      },
    }
    const document = SearchPage({
      head: {
        ...siteHead(c, feeds),
        title: `${query.text} – ${site.title}`,
        canonical: config(c).siteUrl + hrefOf(page),
        noindex: true,
      },
      homeUrl: paths.home,
      query: query.text,
      outcome,
      articleHref: paths.article,
      feeds,
    })
    return renderedResponse(
      `<!doctype html>${await document.toString()}`,
      latest(...shown.map((article) => article.updated ?? article.published)),
      { 'content-type': htmlType, 'cache-control': cacheControl.page, ...noindex },
    )
  })
  return respondRendered(c, response)
})

async function queryFeed(c: SearchContext, format: FeedFormat) {
  const query = parseQuery(c.req.query('q'))
  if (query.kind === 'too_long') {
    return problemResponse(problem(414, 'A search may be at most 100 characters.'), noindex)
  }
  if (query.kind === 'empty') {
    return problemResponse(problem(400, 'A search feed needs words to find: ?q=…'), noindex)
  }
  const { visible } = (await visibleList(undefined, c.env.ASSETS, Date.now())) ?? { visible: 0 }
  const origin = originOf(c)
  const key = `feed|${query.text}|${format}|${origin}|${visible}`
  const response = await rendered.get(key, async () => {
    const hits = await searchPositions(query.terms, visible, c.env.ASSETS)
    const articles = await entriesAt(siteList, hits.slice(0, searchPageSize), c.env.ASSETS)
    const doc = searchFeed({
      site,
      query: query.text,
      title: feedTitle(query.text),
      articles,
      origin,
    })
    return renderedResponse(feedFormats[format].render(doc), latest(doc.updated), {
      'content-type': contentTypeOf(format),
      'cache-control': cacheControl.feed,
      ...noindex,
    })
  })
  return respondRendered(c, response)
}

for (const format of feedFormatIds) {
  search.get(paths.searchFeeds + feedFormats[format].file, (c) => queryFeed(c, format))
}
