import type { Context, MiddlewareHandler } from 'hono'
import { type AppEnv, config } from '../app/context'
import { isLoopback } from '../lib/loopback'

/**
 * Whether `origin` may post comments: the site itself (SITE_URL, never the
 * request's own Host header, which the client chooses) or one listed in
 * comment_origins. While SITE_URL is a loopback address (`npm start`, tests),
 * any loopback origin is the site.
 */
export function isTrustedOrigin<E extends AppEnv>(c: Context<E>, origin: string): boolean {
  const { siteUrl, site } = config(c)
  const own = new URL(siteUrl).origin
  return (
    origin === own ||
    site.commentOrigins.includes(origin) ||
    (isLoopback(own) && isLoopback(origin))
  )
}

/** Whether `origin` is another site allowed to post comments from its pages (comment_origins). */
export function isCommentPartner<E extends AppEnv>(c: Context<E>, origin: string): boolean {
  return config(c).site.commentOrigins.includes(origin)
}

/**
 * Refuses comment posts made by a page of another site (CSRF and cross-origin
 * scripts): a browser names the page's origin in `Origin` and, in current
 * browsers, the relation in `Sec-Fetch-Site`. Clients that send neither (curl,
 * server code) carry no reader's browser context and are let through. This is
 * Hono's `csrf` check, except that it also covers JSON and lets header-less
 * clients through, which `csrf` refuses. `refuse` answers, given where the
 * request came from: the routes know how a refused comment request reads.
 */
export function crossSiteGuard(refuse: (source: string) => Response): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin')
    const fetchSite = c.req.header('sec-fetch-site')
    if (origin !== undefined) {
      if (isTrustedOrigin(c, origin)) return next()
      return refuse(origin === 'null' ? 'a page without an origin' : origin)
    }
    if (fetchSite === 'cross-site' || fetchSite === 'same-site')
      return refuse(`a ${fetchSite} page`)
    return next()
  }
}
