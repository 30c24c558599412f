import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app/context'
import { normaliseTag } from '../content/tags'
import type { ListKind } from '../content/types'
import { paths } from '../paths'

const pageOf: Record<ListKind, (name: string) => string> = { tag: paths.tag, author: paths.author }

/**
 * A tag's or an author's page and feeds have one address: the percent-encoded
 * UTF-8 of the name in NFC. An address spelling it in another normal form (NFD,
 * as some keyboards and editors write it) answers 301 to that one, so a feed's
 * self link is always where it was fetched and caches hold one copy. The route's
 * parameter is named after the kind (`:tag`, `:author`).
 */
export function canonicalListAddress(kind: ListKind): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const name = c.req.param(kind)
    if (name === undefined || name === normaliseTag(name)) return next()
    const url = new URL(c.req.url)
    // '', 'tags' or 'authors', the name's segment, then whatever follows it (a feed, an archive page).
    const rest = url.pathname.split('/').slice(3)
    const target = [pageOf[kind](normaliseTag(name)), ...rest].join('/')
    return c.redirect(target + url.search, 301)
  }
}
