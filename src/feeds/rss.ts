import { Feed } from 'feed'
import { historyLinks, historyNamespace } from './feed-history'
import { feedItem, feedOptions } from './feed-package'
import type { FeedDocument, FeedEntry } from './model'
import { entryTitlesAsText, plainTextAsHexReferences, xmlText } from './xml-safe'

const namespaces =
  ' xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/"'

function extensionsFor(entry: FeedEntry) {
  // RSS <author> must be an e-mail address; names go in dc:creator instead.
  const extensions = [
    {
      name: 'dc:creator',
      // An array in xml-js's compact form writes one element per author; `feed` types it as a record.
      objects: entry.authors.map((a) => ({ _text: xmlText(a.name) })) as unknown as Record<
        string,
        unknown
      >,
    },
    { name: 'dc:language', objects: { _text: xmlText(entry.language) } },
  ]
  if (entry.replies) {
    extensions.push(
      { name: 'comments', objects: { _text: entry.replies.pageUrl } },
      { name: 'wfw:commentRss', objects: { _text: entry.replies.feeds.rss } },
    )
    if (entry.replies.count !== undefined) {
      extensions.push({ name: 'slash:comments', objects: { _text: String(entry.replies.count) } })
    }
  }
  return extensions
}

/** Renders a feed document as RSS 2.0 with the content, dc, wfw and slash modules. */
export function renderRss(doc: FeedDocument): string {
  const feed = new Feed({
    ...feedOptions(doc),
    language: doc.language,
    feedLinks: { rss: doc.links.rss },
    ...(doc.hub ? { hub: doc.hub } : {}),
  })
  for (const entry of doc.entries) {
    feed.addItem({
      ...feedItem(entry),
      ...(entry.image
        ? {
            enclosure: {
              url: entry.image.url,
              type: entry.image.type,
              length: entry.image.length,
            },
          }
        : {}),
      category: entry.tags.map((tag) => ({ name: xmlText(tag) })),
      extensions: extensionsFor(entry),
    })
  }
  // `feed` declares only the namespaces it uses itself; wfw, slash and fh are ours.
  const declared = doc.history?.archive
    ? `${namespaces} xmlns:fh="${historyNamespace}"`
    : namespaces
  const self = 'rel="self" type="application/rss+xml"/>'
  return plainTextAsHexReferences(entryTitlesAsText(feed.rss2()))
    .replace('<rss version="2.0"', `<rss version="2.0"${declared}`)
    .replace(
      self,
      () => self + historyLinks(doc.history, 'rss', 'atom:link', 'application/rss+xml'),
    )
}
