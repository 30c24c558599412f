/**
 * What a page of any origin may read of a public feed: the answer itself, and
 * its ETag (for conditional requests) and Retry-After. The Worker's CORS
 * (middleware/cors.ts) and the static feeds' `_headers` rules both say this.
 */
export const publicRead = {
  origin: '*',
  exposeHeaders: ['ETag', 'Retry-After'],
}
