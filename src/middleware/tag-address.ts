import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app/context'
import { paths } from '../app/paths'
import { normaliseTag } from '../content/tags'

/**
 * A tag's page and feeds have one address: the percent-encoded UTF-8 of the tag
 * in NFC. An address spelling the tag in another normal form (NFD, as some
 * keyboards and editors write it) answers 301 to that one, so a feed's self
 * link is always where it was fetched and caches hold one copy.
 */
export const canonicalTagAddress: MiddlewareHandler<AppEnv> = async (c, next) => {
  const tag = c.req.param('tag')
  if (tag === undefined || tag === normaliseTag(tag)) return next()
  const url = new URL(c.req.url)
  // '', 'tags', the tag's segment, then whatever follows it (a feed, an archive page).
  const rest = url.pathname.split('/').slice(3)
  const target = [paths.tag(normaliseTag(tag)), ...rest].join('/')
  return c.redirect(target + url.search, 301)
}
