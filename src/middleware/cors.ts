import type { Context, MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import type { AppEnv } from '../app/context'
import { publicRead } from '../http/public-read'
import { isCommentPartner, isTrustedOrigin } from './origin-guard'

const maxAge = 86_400
const conditionalHeaders = ['If-None-Match', 'If-Modified-Since']

/**
 * CORS for feeds and their aliases: anyone may read them from any page, with
 * conditional requests (so the preflight allows If-None-Match) and ETag visible.
 */
export const publicReadCors: MiddlewareHandler<AppEnv> = cors({
  origin: publicRead.origin,
  allowMethods: ['GET', 'HEAD'],
  allowHeaders: conditionalHeaders,
  exposeHeaders: publicRead.exposeHeaders,
  maxAge,
})

/**
 * CORS for /articles/:slug/comments, which is both the public comments JSON
 * (readable from anywhere) and the comment intake: a preflight offers POST only
 * to origins listed in comment_origins, so scripts elsewhere cannot post.
 */
export const commentsCors: MiddlewareHandler<AppEnv> = cors({
  // Reads are public and involve no credentials, so `*` is enough for them. A post's
  // answer is for the page that posted: only a partner site (comment_origins) needs
  // to read one across origins, and nobody else is told it may.
  origin: (origin, c) => {
    if (c.req.method !== 'POST') return '*'
    return origin && isCommentPartner(c as Context<AppEnv>, origin) ? origin : null
  },
  allowMethods: (origin, c) =>
    origin && isTrustedOrigin(c as Context<AppEnv>, origin)
      ? ['GET', 'HEAD', 'POST']
      : ['GET', 'HEAD'],
  allowHeaders: ['Content-Type', ...conditionalHeaders],
  exposeHeaders: ['ETag', 'Location', 'Retry-After'],
  maxAge,
})

/**
 * CORS for /articles/:slug/comments/:id, where an author changes (PATCH) or deletes
 * (DELETE) their comment with the edit token as a Bearer token. Only a partner site
 * (comment_origins), whose page took the comment and holds its token, is told it may:
 * its preflight is offered PATCH and DELETE with Authorization and Content-Type, and the
 * answers name it in Access-Control-Allow-Origin. Any other origin gets no CORS answer,
 * so a browser sends neither request from its pages.
 */
const isPartner = (origin: string, c: Context) =>
  origin !== '' && isCommentPartner(c as Context<AppEnv>, origin)

export const commentEditsCors: MiddlewareHandler<AppEnv> = cors({
  origin: (origin, c) => (isPartner(origin, c) ? origin : null),
  allowMethods: (origin, c) => (isPartner(origin, c) ? ['PATCH', 'DELETE'] : []),
  allowHeaders: ['Authorization', 'Content-Type'],
  exposeHeaders: ['Retry-After'],
  maxAge,
})
