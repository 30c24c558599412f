import { ids, paths } from '../app/paths'
import type { ArticleMeta, SiteSettings } from '../content/types'
import { feedUrls } from './formats'
import type { FeedDocument, FeedEntry } from './model'

/** The newest-first articles of a feed, with the approved comment count of each. */
export interface ArticleFeedInput {
  site: SiteSettings
  articles: readonly ArticleMeta[]
  origin: string
  commentCount: (slug: string) => number
  /** Body HTML of an article in the feed. */
  bodyOf: (slug: string) => string
}

function entryFor(input: ArticleFeedInput, article: ArticleMeta): FeedEntry {
  const { site, origin } = input
  const published = new Date(article.published)
  return {
    id: ids.article(site.idAuthority, article.slug),
    url: origin + paths.article(article.slug),
    title: article.title,
    summary: article.summary,
    // Feed readers show entries away from the site: the build's /media/ paths become absolute.
    contentHtml: input.bodyOf(article.slug).replaceAll('src="/media/', `src="${origin}/media/`),
    published,
    updated: article.updated ? new Date(article.updated) : published,
    authors: article.authors,
    tags: article.tags,
    language: article.language,
    ...(article.image
      ? {
          image: {
            url: origin + article.image.url,
            type: article.image.type,
            length: article.image.length,
          },
        }
      : {}),
    replies: {
      pageUrl: `${origin}${paths.article(article.slug)}#comments`,
      feeds: feedUrls(origin + paths.commentFeeds(article.slug)),
      count: input.commentCount(article.slug),
    },
  }
}

/** Builds the site feed model: the newest `site.feedSize` articles. */
export function articleFeed(input: ArticleFeedInput): FeedDocument {
  const { site, origin } = input
  const entries = input.articles.slice(0, site.feedSize).map((a) => entryFor(input, a))
  const newest = entries.reduce((max, e) => Math.max(max, e.updated.getTime()), 0)
  return {
    id: ids.siteFeed(site.idAuthority),
    title: site.title,
    publisher: site.title,
    description: site.description,
    language: site.language,
    homeUrl: origin + paths.home,
    links: feedUrls(origin + paths.siteFeeds),
    updated: new Date(newest),
    entries,
  }
}
