import type { Context, MiddlewareHandler } from 'hono'
import { type AppEnv, config, originOf } from '../app/context'
import { problemFor } from '../http/comment-problems'
import { problemResponse } from '../http/problem'

/** Whether `origin` may post comments: this site itself or one listed in comment_origins. */
export function isTrustedOrigin<E extends AppEnv>(c: Context<E>, origin: string): boolean {
  const { siteUrl, site } = config(c)
  return (
    origin === originOf(c) ||
    origin === new URL(siteUrl).origin ||
    site.commentOrigins.includes(origin)
  )
}

/**
 * Refuses comment posts made by a page of another site (CSRF and cross-origin
 * scripts): a browser names the page's origin in `Origin` and, in current
 * browsers, the relation in `Sec-Fetch-Site`. Clients that send neither (curl,
 * server code) carry no reader's browser context and are let through. This is
 * Hono's `csrf` check, except that it also covers JSON and lets header-less
 * clients through, which `csrf` refuses.
 */
export const commentOriginGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const origin = c.req.header('origin')
  const fetchSite = c.req.header('sec-fetch-site')
  if (origin !== undefined) {
    if (isTrustedOrigin(c, origin)) return next()
    return refuseCrossSite(origin === 'null' ? 'a page without an origin' : origin)
  }
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
    return refuseCrossSite(`a ${fetchSite} page`)
  }
  return next()
}

function refuseCrossSite(source: string): Response {
  return problemResponse(
    problemFor({
      reason: 'cross_site',
      detail: `Comments can only be posted from this site's own pages; this request came from ${source}.`,
    }),
  )
}
