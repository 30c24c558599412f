/**
 * RFC 5005 archived feeds over a list of `count` articles, oldest first.
 * Archive page 1 holds the oldest `pageSize` articles, page 2 the next, and a
 * page is published only once the page after it is full too, so its entries
 * never change (new articles only ever arrive at the newest end). The first
 * two pages are published together: a lone archive page would link neither
 * back (prev-archive) nor on (next-archive), which RFC 5005 allows but the W3C
 * validator warns of (ArchiveIncomplete), and marking it fh:complete would tell
 * readers it holds the whole feed (section 2), which it does not. The
 * subscription feed holds everything newer than the last archive page: all of
 * the articles while there are fewer than three pages' worth, then at least
 * `pageSize` and fewer than twice that, so every article is in exactly one
 * document of the chain.
 */
export interface ArchiveLayout {
  /** How many archive pages there are (page numbers 1..pageCount). */
  pageCount: number
  /** The position (from 0, oldest first) of the subscription feed's oldest article. */
  currentStart: number
}

/** Where the boundary between the subscription feed and the archive lies. */
export function archiveLayout(count: number, pageSize: number): ArchiveLayout {
  const full = Math.floor(count / pageSize) - 1
  const pageCount = full >= 2 ? full : 0
  return { pageCount, currentStart: pageCount * pageSize }
}

/** Positions [start, end) of archive page `page`, or undefined when it is not published. */
export function archivePageRange(
  count: number,
  pageSize: number,
  page: number,
): { start: number; end: number } | undefined {
  const { pageCount } = archiveLayout(count, pageSize)
  if (!Number.isInteger(page) || page < 1 || page > pageCount) return undefined
  return { start: (page - 1) * pageSize, end: page * pageSize }
}
