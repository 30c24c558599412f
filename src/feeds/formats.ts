import { renderAtom } from './atom'
import { renderJsonFeed } from './json-feed'
import type { FeedDocument, FeedFormat } from './model'
import { renderRss } from './rss'

export type { FeedFormat }

/** What the site needs to know of one feed format. */
export interface FeedFormatSpec {
  /** The feed's file name inside a folder of feeds (`/`, `/articles/<slug>/comments/`). */
  file: string
  mediaType: string
  /** The format's name as readers know it, in links and the Subscribe block. */
  label: string
  render: (doc: FeedDocument) => string
}

/**
 * The feed formats, in the order pages list them. Routes, autodiscovery links,
 * the Subscribe block and each feed's links to its siblings are all derived from
 * this list: a new format is its writer, its name in FeedFormat and a line here.
 */
export const feedFormats: Record<FeedFormat, FeedFormatSpec> = {
  rss: { file: 'feed.xml', mediaType: 'application/rss+xml', label: 'RSS', render: renderRss },
  atom: { file: 'atom.xml', mediaType: 'application/atom+xml', label: 'Atom', render: renderAtom },
  json: {
    file: 'feed.json',
    mediaType: 'application/feed+json',
    label: 'JSON Feed',
    render: renderJsonFeed,
  },
}

/** Every format's id, in list order. */
export const feedFormatIds = Object.keys(feedFormats) as FeedFormat[]

/** The Content-Type a format is served with. */
export function contentTypeOf(format: FeedFormat): string {
  return `${feedFormats[format].mediaType}; charset=utf-8`
}

/** The address of each format's feed inside a folder of feeds (a path or a full URL). */
export function feedUrls(folder: string): Record<FeedFormat, string> {
  const urls = {} as Record<FeedFormat, string>
  for (const format of feedFormatIds) urls[format] = folder + feedFormats[format].file
  return urls
}

/** A feed as pages advertise it: <link rel="alternate"> and the Subscribe block. */
export interface FeedLink {
  title: string
  label: string
  type: string
  href: string
}

/** One format's feed of a folder as a link, titled "<title> (<format>)". */
export function feedLink(folder: string, title: string, format: FeedFormat): FeedLink {
  const { file, mediaType, label } = feedFormats[format]
  return { title: `${title} (${label})`, label, type: mediaType, href: folder + file }
}

/** The feeds of one folder as links, each titled "<title> (<format>)". */
export function feedLinks(folder: string, title: string): FeedLink[] {
  return feedFormatIds.map((format) => feedLink(folder, title, format))
}
