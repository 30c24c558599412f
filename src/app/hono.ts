import type { Env } from 'hono'
import { HonoBase } from 'hono/hono-base'
import { SmartRouter } from 'hono/router/smart-router'
import { TrieRouter } from 'hono/router/trie-router'

/**
 * Hono routed by TrieRouter alone. Hono's default SmartRouter tries RegExpRouter
 * first and keeps it only if it takes every route; it refuses this site's (a
 * parameter beside a static segment, as in /articles/:slug/comments/:id/feed.xml),
 * so every fresh isolate's first request built RegExpRouter's tries, threw them
 * away and built TrieRouter's. Routing is TrieRouter's either way; this skips the
 * failed build and keeps RegExpRouter out of the bundle. SmartRouter stays in
 * front: it only records routes until the first match, so the route modules' own
 * apps, whose routes `app.route` copies into the site's app, never build a trie.
 */
export class Hono<E extends Env> extends HonoBase<E> {
  constructor() {
    super({ router: new SmartRouter({ routers: [new TrieRouter()] }) })
  }
}
