import { paths } from '../app/paths'
import type { ArticleMeta, SiteSettings } from '../content/types'
import { messagesFor } from '../pages/i18n'
import type { FeedLink } from '../pages/layout'

/** The site's three feeds, as pages advertise them. */
export function siteFeedLinks(site: SiteSettings, origin: string): FeedLink[] {
  return [
    { title: `${site.title} (RSS)`, type: 'application/rss+xml', href: origin + paths.rss },
    { title: `${site.title} (Atom)`, type: 'application/atom+xml', href: origin + paths.atom },
    {
      title: `${site.title} (JSON Feed)`,
      type: 'application/feed+json',
      href: origin + paths.json,
    },
  ]
}

/** One article's comment feeds. */
export function commentFeedLinks(article: ArticleMeta, origin: string): FeedLink[] {
  const label = messagesFor(article.language).comments
  return [
    {
      title: `${label} (RSS)`,
      type: 'application/rss+xml',
      href: origin + paths.commentsRss(article.slug),
    },
    {
      title: `${label} (Atom)`,
      type: 'application/atom+xml',
      href: origin + paths.commentsAtom(article.slug),
    },
    {
      title: `${label} (JSON Feed)`,
      type: 'application/feed+json',
      href: origin + paths.commentsJson(article.slug),
    },
  ]
}
