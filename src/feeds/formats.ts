import { renderAtom } from './atom'
import { renderJsonFeed } from './json-feed'
import type { FeedDocument } from './model'
import { renderRss } from './rss'

/** The three feed formats: how each is rendered and the media type it is served with. */
export const feedFormats = {
  rss: { render: renderRss, contentType: 'application/rss+xml; charset=utf-8' },
  atom: { render: renderAtom, contentType: 'application/atom+xml; charset=utf-8' },
  json: { render: renderJsonFeed, contentType: 'application/feed+json; charset=utf-8' },
} satisfies Record<string, { render: (doc: FeedDocument) => string; contentType: string }>

export type FeedFormat = keyof typeof feedFormats
