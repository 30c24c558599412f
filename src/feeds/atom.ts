import { Feed } from 'feed'
import { historyLinks, historyNamespace } from './feed-history'
import { feedItem, feedOptions } from './feed-package'
import type { FeedDocument, FeedEntry } from './model'
import { entryTitlesAsText, plainTextAsHexReferences, xmlAttribute, xmlText } from './xml-safe'

function repliesLinks(entry: FeedEntry): string {
  if (!entry.replies) return ''
  const { feeds, pageUrl, count } = entry.replies
  const counted = count === undefined ? '' : ` thr:count="${count}"`
  // RFC 4685: rel="replies" with thr:count; `feed` has no way to add links to an entry.
  return (
    `\n        <link rel="replies" type="application/atom+xml" href="${xmlAttribute(feeds.atom)}"${counted}/>` +
    `\n        <link rel="replies" type="text/html" href="${xmlAttribute(pageUrl)}"${counted}/>`
  )
}

function inReplyTo(entry: FeedEntry): string {
  if (!entry.inReplyTo) return ''
  const { id, url } = entry.inReplyTo
  // RFC 4685 section 3: ref is the answered entry's id, href a page that shows it.
  return `\n        <thr:in-reply-to ref="${xmlAttribute(id)}" href="${xmlAttribute(url)}" type="text/html"/>`
}

// `feed` guesses an enclosure's type from the file name (image/jpg, image/svg); ours is exact.
function enclosureLink(entry: FeedEntry): string {
  if (!entry.image) return ''
  const { url, type, length } = entry.image
  return `\n        <link rel="enclosure" type="${xmlAttribute(type)}" length="${length}" href="${xmlAttribute(url)}"/>`
}

/** Renders a feed document as Atom 1.0 with RFC 4685 reply links and in-reply-to. */
export function renderAtom(doc: FeedDocument): string {
  const feed = new Feed({
    ...feedOptions(doc),
    author: { name: xmlText(doc.publisher) },
    feedLinks: { atom: doc.links.atom },
    ...(doc.hub ? { hub: doc.hub } : {}),
  })
  for (const entry of doc.entries) {
    feed.addItem({
      ...feedItem(entry),
      author: entry.authors.map((a) => ({
        name: xmlText(a.name),
        ...(a.url ? { link: a.url } : {}),
      })),
      category: entry.tags.map((tag) => ({ term: tag })),
    })
  }
  const fh = doc.history?.archive ? ` xmlns:fh="${historyNamespace}"` : ''
  const self = `<link rel="self" href="${xmlAttribute(doc.links.atom)}"/>`
  let xml = plainTextAsHexReferences(entryTitlesAsText(feed.atom1()))
    .replace(
      '<feed xmlns="http://www.w3.org/2005/Atom">',
      `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0"${fh} xml:lang="${xmlAttribute(doc.language)}">`,
    )
    .replace(self, () => self + historyLinks(doc.history, 'atom', 'link', 'application/atom+xml'))
  for (const entry of doc.entries) {
    const idElement = `<id>${xmlText(entry.id)}</id>`
    // A function, so that a `$` in a link is never read as a replacement pattern.
    xml = xml.replace(
      idElement,
      () => `${idElement}${inReplyTo(entry)}${repliesLinks(entry)}${enclosureLink(entry)}`,
    )
  }
  return xml
}
