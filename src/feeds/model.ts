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
    count: number
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
}
