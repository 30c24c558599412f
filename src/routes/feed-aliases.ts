import type { AppEnv } from '../app/context'
import { Hono } from '../app/hono'
import { feedUrls } from '../feeds/formats'
import { paths } from '../paths'

/** Addresses feed readers and people guess, and the canonical feed each one means. */
const site = feedUrls(paths.siteFeeds)
const aliases: Record<string, string> = {
  '/feed': site.rss,
  '/feed/': site.rss,
  '/rss': site.rss,
  '/rss/': site.rss,
  '/rss.xml': site.rss,
  '/index.xml': site.rss,
  '/atom': site.atom,
  '/atom/': site.atom,
  '/feed/atom': site.atom,
  '/feed/atom/': site.atom,
  '/feed/json': site.json,
  '/feed/json/': site.json,
}

/** 301 from each guessed feed address to the canonical one. */
export const feedAliases = new Hono<AppEnv>()

for (const [alias, target] of Object.entries(aliases)) {
  feedAliases.get(alias, (c) => c.redirect(target, 301))
}
