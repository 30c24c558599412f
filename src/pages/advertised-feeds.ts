import type { PublicComment } from '../comments/types'
import type { ArticleMeta, ListName, SiteSettings } from '../content/types'
import { streamOf } from '../feeds/article-feed'
import { type SiteCommentFeedNames, threadFeedTitle } from '../feeds/comment-feed'
import { type FeedLink, feedLink, feedLinks } from '../feeds/formats'
import { paths } from '../paths'
import { messagesFor } from './i18n'

/** The feeds of a list (the site's, or a tag's or an author's when it names one), titled as the feeds are. */
export function listFeedLinks(
  site: SiteSettings,
  list: { name?: ListName },
  origin: string,
): FeedLink[] {
  const stream = streamOf(site, list)
  return feedLinks(origin + stream.folder, stream.title)
}

/** The site's feeds, as every page advertises them. */
export function siteFeedLinks(site: SiteSettings, origin: string): FeedLink[] {
  return listFeedLinks(site, {}, origin)
}

/** The site comment feed's words in the site's language: "<comments> — <site title>". */
export function siteCommentFeedNames(site: SiteSettings): SiteCommentFeedNames {
  const t = messagesFor(site.language)
  return { title: `${t.comments} — ${site.title}`, entryTitle: t.commentOn }
}

/** The site's comment feeds, as the home page advertises them, titled as the feeds are. */
export function siteCommentFeedLinks(site: SiteSettings, origin: string): FeedLink[] {
  return feedLinks(origin + paths.siteCommentFeeds, siteCommentFeedNames(site).title)
}

/**
 * One article's comment feeds, titled with the article's name in its language
 * ("Comments: <article title>"), so a reader's list of subscriptions tells them apart.
 */
export function commentFeedLinks(article: ArticleMeta, origin: string): FeedLink[] {
  return feedLinks(
    origin + paths.commentFeeds(article.slug),
    `${messagesFor(article.language).comments}: ${article.title}`,
  )
}

/**
 * The RSS feed of the replies under a comment, titled as that feed is (its Atom and JSON
 * Feed siblings are linked from it), for the comment's own "Follow replies" link.
 */
export function threadFeedLink(article: ArticleMeta, parent: PublicComment): FeedLink {
  return feedLink(
    paths.threadFeeds(article.slug, parent.id),
    threadFeedTitle(parent.author, article.title),
    'rss',
  )
}
