import { Feed } from 'feed'
import type { FeedDocument, FeedEntry } from './feed-model'
import { cdataHtml, escapeHtml, xmlText } from './xml-safe'

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
      { name: 'wfw:commentRss', objects: { _text: entry.replies.rssUrl } },
      { name: 'slash:comments', objects: { _text: String(entry.replies.count) } },
    )
  }
  return extensions
}

/** Renders a feed document as RSS 2.0 with the content, dc, wfw and slash modules. */
export function renderRss(doc: FeedDocument): string {
  const feed = new Feed({
    id: doc.id,
    title: xmlText(doc.title),
    description: xmlText(doc.description),
    link: doc.homeUrl,
    language: doc.language,
    updated: doc.updated,
    generator: false,
    feedLinks: { rss: doc.links.rss },
  })
  for (const entry of doc.entries) {
    feed.addItem({
      title: escapeHtml(entry.title),
      id: entry.id,
      link: entry.url,
      date: entry.updated,
      published: entry.published,
      ...(entry.summary ? { description: escapeHtml(entry.summary) } : {}),
      content: cdataHtml(entry.contentHtml),
      category: entry.tags.map((tag) => ({ name: xmlText(tag) })),
      extensions: extensionsFor(entry),
    })
  }
  // `feed` declares only the namespaces it uses itself; wfw and slash are ours.
  return feed.rss2().replace('<rss version="2.0"', `<rss version="2.0"${namespaces}`)
}
