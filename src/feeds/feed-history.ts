import type { FeedFormat, FeedHistory } from './model'
import { xmlAttribute } from './xml-safe'

/** RFC 5005's namespace, declared by documents that carry fh:archive. */
export const historyNamespace = 'http://purl.org/syndication/history/1.0'

/**
 * The RFC 5005 links of one XML format, written as `<element rel=… href=…/>`
 * (atom:link in RSS, link in Atom), each pointing to the same format.
 */
export function historyLinks(
  history: FeedHistory | undefined,
  format: Exclude<FeedFormat, 'json'>,
  element: string,
  type: string,
): string {
  if (!history) return ''
  const rels: Array<[string, Record<FeedFormat, string> | undefined]> = [
    ['current', history.current],
    ['prev-archive', history.prevArchive],
    ['next-archive', history.nextArchive],
  ]
  let xml = ''
  for (const [rel, urls] of rels) {
    if (urls) {
      xml += `\n        <${element} rel="${rel}" type="${type}" href="${xmlAttribute(urls[format])}"/>`
    }
  }
  if (history.archive) xml += '\n        <fh:archive/>'
  return xml
}
