import { Hono } from 'hono'
import type { AppEnv } from '../app/context'
import { paths } from '../app/paths'

/** Addresses feed readers and people guess, and the canonical feed each one means. */
const aliases: Record<string, string> = {
  '/feed': paths.rss,
  '/feed/': paths.rss,
  '/rss': paths.rss,
  '/rss/': paths.rss,
  '/rss.xml': paths.rss,
  '/index.xml': paths.rss,
  '/atom': paths.atom,
  '/atom/': paths.atom,
  '/feed/atom': paths.atom,
  '/feed/atom/': paths.atom,
  '/feed/json': paths.json,
  '/feed/json/': paths.json,
}

/** 301 from each guessed feed address to the canonical one. */
export const feedAliases = new Hono<AppEnv>()

for (const [alias, target] of Object.entries(aliases)) {
  feedAliases.get(alias, (c) => c.redirect(target, 301))
}
