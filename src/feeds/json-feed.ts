import type { FeedDocument, FeedEntry, FeedPerson } from './model'

function person(p: FeedPerson) {
  return p.url ? { name: p.name, url: p.url } : { name: p.name }
}

function item(entry: FeedEntry) {
  return {
    id: entry.id,
    url: entry.url,
    title: entry.title,
    content_html: entry.contentHtml,
    ...(entry.contentText ? { content_text: entry.contentText } : {}),
    ...(entry.summary ? { summary: entry.summary } : {}),
    date_published: entry.published.toISOString(),
    date_modified: entry.updated.toISOString(),
    authors: entry.authors.map(person),
    ...(entry.tags.length > 0 ? { tags: entry.tags } : {}),
    language: entry.language,
    ...(entry.image ? { image: entry.image.url } : {}),
    ...(entry.replies
      ? {
          _comments: {
            // Static feeds leave the count out (scripts/content/static-feeds.ts): one text true of both.
            about:
              'Comments on this item: the page and the comment feeds; count, when present, is how many are approved.',
            url: entry.replies.pageUrl,
            feed_url: entry.replies.feeds.json,
            ...(entry.replies.count === undefined ? {} : { count: entry.replies.count }),
          },
        }
      : {}),
  }
}

/**
 * Renders JSON Feed 1.1 (`authors`, `language`); the `feed` package only writes 1.0.
 * JSON.stringify escapes what JSON needs; lone surrogates come out as \u escapes.
 */
export function renderJsonFeed(doc: FeedDocument): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: doc.title,
    home_page_url: doc.homeUrl,
    feed_url: doc.links.json,
    description: doc.description,
    language: doc.language,
    // JSON Feed pages towards older items: the archive page before this document.
    ...(doc.history?.prevArchive ? { next_url: doc.history.prevArchive.json } : {}),
    ...(doc.hub ? { hubs: [{ type: 'WebSub', url: doc.hub }] } : {}),
    items: doc.entries.map(item),
  })
}
