import type { Context, MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { type AppEnv, config, originOf } from '../app/context'
import { problem, problemResponse } from '../http/problem'

const maxAge = 86_400
const conditionalHeaders = ['If-None-Match', 'If-Modified-Since']

/** Whether `origin` may post comments: this site itself or one listed in comment_origins. */
export function isTrustedOrigin(c: Context<AppEnv>, origin: string): boolean {
  const { siteUrl, site } = config(c)
  return (
    origin === originOf(c) ||
    origin === new URL(siteUrl).origin ||
    site.commentOrigins.includes(origin)
  )
}

/**
 * CORS for feeds and their aliases: anyone may read them from any page, with
 * conditional requests (so the preflight allows If-None-Match) and ETag visible.
 */
export const publicReadCors: MiddlewareHandler<AppEnv> = cors({
  origin: '*',
  allowMethods: ['GET', 'HEAD'],
  allowHeaders: conditionalHeaders,
  exposeHeaders: ['ETag', 'Retry-After'],
  maxAge,
})

/**
 * CORS for /articles/:slug/comments, which is both the public comments JSON
 * (readable from anywhere) and the comment intake: a preflight offers POST only
 * to origins listed in comment_origins, so scripts elsewhere cannot post.
 */
export const commentsCors: MiddlewareHandler<AppEnv> = cors({
  // No credentials are ever involved, so `*` is enough for every allowed reader.
  origin: () => '*',
  allowMethods: (origin, c) =>
    origin && isTrustedOrigin(c as Context<AppEnv>, origin)
      ? ['GET', 'HEAD', 'POST']
      : ['GET', 'HEAD'],
  allowHeaders: ['Content-Type', ...conditionalHeaders],
  exposeHeaders: ['ETag', 'Location', 'Retry-After'],
  maxAge,
})

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
    problem(
      403,
      `Comments can only be posted from this site's own pages; this request came from ${source}.`,
    ),
  )
}
