import type { FeedOptions, Item } from 'feed'
import type { FeedDocument, FeedEntry } from './model'
import { cdataHtml, escapeHtml, xmlText } from './xml-safe'

/** The `feed` options both XML formats share, every string made safe for `feed`. */
export function feedOptions(doc: FeedDocument): FeedOptions {
  return {
    id: doc.id,
    title: xmlText(doc.title),
    description: xmlText(doc.description),
    link: doc.homeUrl,
    updated: doc.updated,
    generator: false,
  }
}

/**
 * The `feed` item fields both XML formats share. Summaries go in as HTML; titles too, and
 * the renderers turn them back into text with entryTitlesAsText.
 */
export function feedItem(entry: FeedEntry): Item {
  return {
    title: escapeHtml(entry.title),
    id: entry.id,
    link: entry.url,
    date: entry.updated,
    published: entry.published,
    ...(entry.summary ? { description: escapeHtml(entry.summary) } : {}),
    content: cdataHtml(entry.contentHtml),
  }
}
