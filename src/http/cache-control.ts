/**
 * Cache-Control per kind of response. Feeds and pages revalidate cheaply with
 * ETag/Last-Modified, so shared caches may keep them briefly; anything that
 * depends on comments stays short so approvals show up soon.
 */
export const cacheControl = {
  /** Site feeds: readers poll; 5 minutes fresh, then a 304 costs almost nothing. */
  feed: 'public, max-age=300, stale-while-revalidate=60',
  /**
   * RFC 5005 archive pages: their entries never change (only the newest page
   * gains a next-archive link when the next one fills), so caches keep them a week.
   */
  archive: 'public, max-age=604800',
  /** Home page. */
  page: 'public, max-age=60, stale-while-revalidate=60',
  /** Article pages and comment feeds/JSON change when comments are approved. */
  comments: 'public, max-age=30, stale-while-revalidate=30',
  /** Static assets that change only on deploy. */
  asset: 'public, max-age=86400',
  /** Anything personal or an answer to a POST. */
  none: 'no-store',
}
