import type { ArticleMeta, SiteSettings } from '../content/types'
import { ids, paths } from '../paths'
import { articleFeed } from './article-feed'
import { feedFormatIds, feedUrls } from './formats'
import type { FeedDocument, FeedFormat } from './model'
import { escapeHtml } from './xml-safe'

/** The `?q=` a search address carries, percent-encoded. */
export function searchParam(query: string): string {
  return `?q=${encodeURIComponent(query)}`
}

/**
 * The feed of one query's newest matches. Entries carry the summary, not the
 * body: a search feed tells a reader what is new about a subject, and bodies
 * would cost one article shard read per match on a cold isolate, where the
 * summaries come with the list chunks the results page reads anyway.
 */
export function searchFeed(input: {
  site: SiteSettings
  query: string
  title: string
  articles: readonly ArticleMeta[]
  origin: string
  commentCount?: (slug: string) => number
}): FeedDocument {
  const { site, query, origin } = input
  const summaries = new Map(input.articles.map((a) => [a.slug, `<p>${escapeHtml(a.summary)}</p>`]))
  const doc = articleFeed({
    site,
    stream: {
      id: ids.searchFeed(site.idAuthority, query),
      title: input.title,
      folder: paths.searchFeeds,
      page: paths.search,
    },
    articles: input.articles,
    archivePages: 0,
    origin,
    ...(input.commentCount ? { commentCount: input.commentCount } : {}),
    bodyOf: (slug) => summaries.get(slug) ?? '',
  })
  const folderUrls = feedUrls(origin + paths.searchFeeds)
  const links = {} as Record<FeedFormat, string>
  for (const format of feedFormatIds) links[format] = folderUrls[format] + searchParam(query)
  // No hub: a WebSub hub is told of the site's feeds, not of every query's.
  const { hub: _hub, ...rest } = doc
  return { ...rest, homeUrl: origin + paths.search + searchParam(query), links }
}
