/**
 * Where the content build puts the Worker's data among the static assets, and
 * how an article's slug picks its shard. The build (scripts/build-content.ts)
 * and the loader (index.ts) both derive every path from here. Everything sits
 * under /_data/, which wrangler.toml's run_worker_first sends to the Worker,
 * so none of it is reachable by URL; the Worker reads it through ASSETS.
 */

/** Articles per page of the home page (and per paged index file). */
export const indexPageSize = 30

/** About this many articles share one shard file (metadata and body). */
export const articlesPerShard = 16

/** The sitemaps protocol's limit of URLs per sitemap file. */
export const sitemapUrlLimit = 50_000

/** Stands for the site's origin in the sitemap files; the Worker puts SITE_URL in its place. */
export const siteUrlToken = '{{SITE_URL}}'

const root = '/_data'

export const dataFiles = {
  /** One page of the home page's list, newest first (ArticleMeta[]). */
  indexPage: (page: number) => `${root}/index/${page}.json`,
  /** The articles whose slug hashes to this shard (ArticleShard). */
  shard: (shard: number) => `${root}/articles/${shard}.json`,
  /** The newest feed_size articles with their bodies (Article[]). */
  feed: `${root}/feed.json`,
  /** /sitemap.xml: the only sitemap, or the index of the numbered ones. */
  sitemap: `${root}/sitemaps/sitemap.xml`,
  /** /sitemaps/<n>.xml, numbered from 1 when there is a sitemap index. */
  numberedSitemap: (n: number) => `${root}/sitemaps/${n}.xml`,
}

/** How many shards a site of `articleCount` articles has. */
export function shardCountFor(articleCount: number): number {
  return Math.max(1, Math.ceil(articleCount / articlesPerShard))
}

/** The shard holding `slug`: FNV-1a over its UTF-16 code units, so build and Worker agree. */
export function shardOf(slug: string, shardCount: number): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < slug.length; i++) {
    hash ^= slug.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash % shardCount
}
