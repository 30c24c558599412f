import type { Context } from 'hono'
import { PublicComments } from '../comments/public-comments'
import { CommentStore } from '../comments/store'
import { type Config, configFrom } from '../config'

/** The Hono environment of this app. */
export type AppEnv = { Bindings: Env }

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
