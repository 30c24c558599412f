import type { Context } from 'hono'
import { PublicComments } from '../comments/public-comments'
import { CommentStore } from '../comments/store'
import { hotResponses } from '../http/hot-responses'
import { type HeldResponse, serveHeld } from '../http/rendered'
import { type Config, configFrom } from './config'

/** The Hono environment of this app; `held` marks an answer served from held bytes. */
export type AppEnv = { Bindings: Env; Variables: { held?: HeldResponse } }

/** Answers GET/HEAD from held bytes and marks the answer as one the hot cache may keep. */
export function respondHeld(c: Context<AppEnv>, held: HeldResponse): Response {
  c.set('held', held)
  return serveHeld(c.req.raw, held)
}

/** After moderation: readers' memo of the article and every hot answer are dropped. */
export function forgetPublicComments(c: Context<AppEnv>, article: string): void {
  publicComments(c).invalidate(article)
  hotResponses.clear()
}

/** The origin the request was served from; feed and page links use it. */
export function originOf(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin
}

/** Configuration for this request. */
export function config(c: Context<AppEnv>): Config {
  return configFrom(c.env)
}

/** The comment store over this request's KV binding. */
export function commentStore(c: Context<AppEnv>): CommentStore {
  return new CommentStore(c.env.COMMENTS)
}

/** Readers' view of comments, memoised per isolate. */
export function publicComments(c: Context<AppEnv>): PublicComments {
  return new PublicComments(commentStore(c))
}
