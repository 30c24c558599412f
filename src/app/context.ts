import type { Context } from 'hono'
import { SessionStore } from '../admin/session-store'
import { DataCentreCache } from '../comments/store/data-centre-cache'
import { PublicComments } from '../comments/store/public-comments'
import { CommentStore } from '../comments/store/store'
import { defaultCache } from '../http/data-centre'
import type { RenderCache } from '../http/render-cache'
import { type RenderedResponse, serveRendered } from '../http/rendered'
import { SharedRenders } from '../http/shared-renders'
import { type HmacKey, hmacKey } from '../lib/hmac'
import { isLoopback } from '../lib/loopback'
import { type Config, configFrom } from './config'

/** The Hono environment of this app; `rendered` marks an answer served from rendered bytes. */
export type AppEnv = { Bindings: Env; Variables: { rendered?: RenderedResponse } }

/** Answers GET/HEAD from rendered bytes and marks the answer as one the hot cache may keep. */
export function respondRendered<E extends AppEnv>(
  c: Context<E>,
  rendered: RenderedResponse,
): Response {
  c.set('rendered', rendered)
  return serveRendered(c.req.method, c.req.raw.headers, rendered)
}

/**
 * The origin feed and page links are made absolute against: SITE_URL's. The
 * request's own origin is used only when both it and SITE_URL are loopback
 * addresses (`npm start`, the tests on a random port), since a Host header is
 * whatever the client says.
 */
export function originOf<E extends AppEnv>(c: Context<E>): string {
  const site = new URL(config(c).siteUrl).origin
  const served = new URL(c.req.url).origin
  return isLoopback(site) && isLoopback(served) ? served : site
}

/** Configuration for this request. */
export function config<E extends AppEnv>(c: Context<E>): Config {
  return configFrom(c.env)
}

/** The comment store over this request's KV binding and this data centre's cache. */
export function commentStore<E extends AppEnv>(c: Context<E>): CommentStore {
  return new CommentStore(c.env.COMMENTS, DataCentreCache.forSite(config(c).siteUrl))
}

/**
 * The render named `key`: this isolate's (`renders`), else its data centre's,
 * else the one `render` makes, kept in both. The key names everything the
 * bytes depend on in every isolate; the data centre's copies are named by the
 * deployed version too (none without the version binding: every render is
 * then this isolate's own).
 */
export function sharedRender<E extends AppEnv>(
  c: Context<E>,
  renders: RenderCache<RenderedResponse>,
  key: string,
  render: () => Promise<RenderedResponse>,
): Promise<RenderedResponse> {
  return renders.get(key, () =>
    new SharedRenders(defaultCache(), config(c).siteUrl, c.env.VERSION?.id).get(key, render),
  )
}

/** The moderation page's session generation, in this request's KV binding. */
export function sessionStore<E extends AppEnv>(c: Context<E>): SessionStore {
  return new SessionStore(c.env.COMMENTS)
}

/** Readers' view of comments, memoised per isolate. */
export function publicComments<E extends AppEnv>(c: Context<E>): PublicComments {
  return new PublicComments(commentStore(c))
}

/** The key of comment edit proofs, imported once per isolate; undefined when none is set. */
export function editKeyOf<E extends AppEnv>(c: Context<E>): Promise<HmacKey> | undefined {
  const secret = config(c).editSecret
  return secret ? hmacKey(secret) : undefined
}
