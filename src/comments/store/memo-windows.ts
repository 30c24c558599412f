import { cacheControl } from '../../http/cache-control'

/** Seconds of a `max-age=<n>` in a Cache-Control value. */
const maxAgeOf = (value: string) => Number(/max-age=(\d+)/.exec(value)?.[1])

/**
 * How long what was read of comments from KV is kept, counted from the read:
 * by the data centre's cache and by an isolate's memo alike. The comment
 * counts only decorate the site, tag and author feeds, which shared caches may
 * already keep for their `max-age` (5 minutes): an isolate keeping them as long
 * shows nothing older than a reader's cache may, and reads `v1:counts` a tenth
 * as often. What readers see of comments themselves (article pages, comment
 * feeds, comments JSON, the site comment feeds) is kept as long as their own
 * `max-age` (30 s). Moderation seen by this isolate forgets both at once, in
 * its memo and in its data centre's cache.
 */
export const memoWindows = {
  countsMs: maxAgeOf(cacheControl.feed) * 1000,
  commentsMs: maxAgeOf(cacheControl.comments) * 1000,
}
