import { paths } from '../app/paths'
import type { ArticleMeta, SiteSettings } from '../content/types'
import { type FeedLink, feedLinks } from '../feeds/formats'
import { messagesFor } from './i18n'

/** The site's feeds, as every page advertises them. */
export function siteFeedLinks(site: SiteSettings, origin: string): FeedLink[] {
  return feedLinks(origin + paths.siteFeeds, site.title)
}

/** One article's comment feeds, titled in the article's language. */
export function commentFeedLinks(article: ArticleMeta, origin: string): FeedLink[] {
  return feedLinks(
    origin + paths.commentFeeds(article.slug),
    messagesFor(article.language).comments,
  )
}
