import { paths } from '../app/paths'
import type { ArticleMeta, SiteSettings } from '../content/types'
import { streamOf } from '../feeds/article-feed'
import { type FeedLink, feedLinks } from '../feeds/formats'
import { messagesFor } from './i18n'

/** The feeds of a list (the site's, or a tag's when it names one), titled as the feeds are. */
export function listFeedLinks(
  site: SiteSettings,
  list: { tag?: string },
  origin: string,
): FeedLink[] {
  const stream = streamOf(site, list)
  return feedLinks(origin + stream.folder, stream.title)
}

/** The site's feeds, as every page advertises them. */
export function siteFeedLinks(site: SiteSettings, origin: string): FeedLink[] {
  return listFeedLinks(site, {}, origin)
}

/** One article's comment feeds, titled in the article's language. */
export function commentFeedLinks(article: ArticleMeta, origin: string): FeedLink[] {
  return feedLinks(
    origin + paths.commentFeeds(article.slug),
    messagesFor(article.language).comments,
  )
}
