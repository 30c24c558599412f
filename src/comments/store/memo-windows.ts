import { cacheControl } from '../../http/cache-control'

/** Seconds of a `max-age=<n>` in a Cache-Control value. */
const maxAgeOf = (value: string) => Number(/max-age=(\d+)/.exec(value)?.[1])

const hourMs = 3_600_000

/**
 * How long what was read of comments from KV is kept, counted from the read:
 * by the data centre's cache and by an isolate's memo alike. The comment
 * counts only decorate the site, tag and author feeds, which shared caches may
 * already keep for their `max-age` (5 minutes): an isolate keeping them as long
 * shows nothing older than a reader's cache may, and reads `v1:counts` a tenth
 * as often. Whether anything readers see of comments changed (the view
 * versions, the recent comments of the site comment feed) is kept as long as
 * their own `max-age` (30 s). Moderation seen by this isolate forgets all at
 * once, in its memo and in its data centre's cache.
 *
 * An article's view is kept far longer, since the view versions say when to
 * read it again: a view read at one version is that version's for good, and
 * an article missing from the versions has not changed for `versionsListedMs`,
 * so a copy kept `viewsMs` (less by an hour: far more than the 30 s window and
 * KV's 60 s between locations) cannot outlive a change it misses
 * (readers-view.ts).
 */
const versionsListedMs = 24 * hourMs
export const memoWindows = {
  countsMs: maxAgeOf(cacheControl.feed) * 1000,
  commentsMs: maxAgeOf(cacheControl.comments) * 1000,
  viewsMs: versionsListedMs - hourMs,
  versionsListedMs,
}
