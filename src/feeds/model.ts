/** The id of a feed format (see formats.ts for what each is). */
export type FeedFormat = 'rss' | 'atom' | 'json'

/** A person credited in a feed. */
export interface FeedPerson {
  name: string
  url?: string
}

/** One entry of a feed, format-neutral; every text field is plain text unless named html. */
export interface FeedEntry {
  id: string
  url: string
  title: string
  summary?: string
  contentHtml: string
  /** The same content as plain text, when it has a source readers can read as is (JSON Feed). */
  contentText?: string
  published: Date
  updated: Date
  authors: FeedPerson[]
  tags: string[]
  language: string
  /** What the entry answers (a comment's parent comment or article): its id and page. */
  inReplyTo?: { id: string; url: string }
  /** The lead image: JSON Feed `image`, the RSS enclosure and Atom's enclosure link. */
  image?: { url: string; type: string; length: number }
  /** The entry's comments page and comment feeds, when it takes comments. */
  replies?: {
    pageUrl: string
    feeds: Record<FeedFormat, string>
    /** Left out of archive pages, whose bytes must not change when comments do. */
    count?: number
  }
}

/** A whole feed, format-neutral: what every renderer takes. */
export interface FeedDocument {
  id: string
  title: string
  description: string
  /** Who publishes the feed: Atom needs a feed-level author when an entry might lack one. */
  publisher: string
  language: string
  homeUrl: string
  /** This feed in every format, itself included. */
  links: Record<FeedFormat, string>
  updated: Date
  entries: FeedEntry[]
  /** The WebSub hub that announces this feed's changes (rel="hub"), if the site names one. */
  hub?: string
  /** RFC 5005 archived-feed links, each to the same format, when the feed has an archive. */
  history?: FeedHistory
}

/** A feed's place in its RFC 5005 archive. */
export interface FeedHistory {
  /** True on an archive page (fh:archive): its entries never change. */
  archive: boolean
  /** The subscription feed (on archive pages). */
  current?: Record<FeedFormat, string>
  /** The next older archive page. */
  prevArchive?: Record<FeedFormat, string>
  /** The next newer archive page. */
  nextArchive?: Record<FeedFormat, string>
}
