/**
 * Where the content build puts the Worker's data among the static assets, and
 * how an article's slug picks its shard. The build (scripts/build-content.ts)
 * and the loader (index.ts) both derive every path from here. Everything sits
 * under /_data/, which wrangler.toml's run_worker_first sends to the Worker,
 * so none of it is reachable by URL; the Worker reads it through ASSETS.
 */

import type { ListKind } from './types'

/** Articles per page of the home page and of every tag page. */
export const indexPageSize = 30

/** How many other stories of its section an article page shows under the article. */
export const sectionCardCount = 3

/**
 * Article metas per chunk of a list (the site's or a tag's), oldest first: a
 * chunk never changes when newer articles arrive, and one page of the home
 * page or one feed (at most 2 x feed_size - 1 ≤ 199 entries) spans few chunks.
 */
export const listChunkSize = 100

/** The files a Worker version's assets may hold on the free plan (100,000 on the paid plan). */
export const assetFileLimit = 20_000

/**
 * The most shard files an archive is split into: at 100,000 articles about 8
 * share one, and with the lists, newest files and sitemaps the assets stay
 * near 15,000 files, under the free plan's 20,000 per version.
 */
export const maxShardCount = 12_000

/**
 * Files the search index is split into, by a hash of the term (shardOf): fixed,
 * so an article's terms always land in the same files and a rebuild rewrites
 * only those whose terms changed; 512 keeps the archive under the free plan's
 * 20,000 files at 100,000 articles (about 15,300 + 512) and a term's file small.
 */
export const searchShardCount = 512

/**
 * The most articles one term's postings hold, the newest: a word in every
 * article would otherwise make its file as long as the archive. A query finds
 * its matches among each term's newest this many.
 */
export const maxPostings = 1000

/** Results per page of a search, and entries in a search feed. */
export const searchPageSize = 10

/** The sitemaps protocol's limit of URLs per sitemap file. */
export const sitemapUrlLimit = 50_000

/** Stands for the site's origin in the sitemap files; the Worker puts SITE_URL in its place. */
export const siteUrlToken = '{{SITE_URL}}'

const root = '/_data'

/** The folder under /_data/ of each kind of named list. */
const listFolders: Record<ListKind, string> = { tag: 'tags', author: 'authors' }

export const dataFiles = {
  /** Chunk `chunk` (from 0) of the site's list of articles, oldest first (ArticleMeta[]). */
  siteList: (chunk: number) => `${root}/list/${chunk}.json`,
  /** The site's newest entries with their bodies, from ListHead.newestFrom on (NewestEntries). */
  siteNewest: `${root}/list/newest.json`,
  /** A tag's or an author's list head (NamedListHead); `key` is listKey(name). */
  listHead: (kind: ListKind, key: string) => `${root}/${listFolders[kind]}/${key}/head.json`,
  /** Chunk `chunk` (from 0) of a tag's or an author's list of articles, oldest first (ArticleMeta[]). */
  namedList: (kind: ListKind, key: string, chunk: number) =>
    `${root}/${listFolders[kind]}/${key}/${chunk}.json`,
  /** A named list's newest entries with their bodies, from its head's newestFrom on (NewestEntries). */
  namedNewest: (kind: ListKind, key: string) => `${root}/${listFolders[kind]}/${key}/newest.json`,
  /** The page served at /<slug> (SitePage). */
  page: (slug: string) => `${root}/pages/${slug}.json`,
  /**
   * The articles whose slug hashes to this shard (ArticleShard). A shard no
   * slug hashes to has no file: the Worker takes its absence as no article.
   */
  shard: (shard: number) => `${root}/articles/${shard}.json`,
  /**
   * What each subscription feed said at build time, for the WebSub announcer:
   * a digest per feed folder (`/`, `/tags/<tag>/`), Record<string, string>.
   */
  feedDigests: `${root}/feed-digests.json`,
  /**
   * The search terms that hash to this file (SearchShard): each folded term
   * (search/terms.ts) with the site-list positions of its articles, newest
   * first, as gaps. A file no term hashes to is not written.
   */
  searchShard: (shard: number) => `${root}/search/${shard}.json`,
  /** /sitemap.xml: the only sitemap, or the index of the numbered ones. */
  sitemap: `${root}/sitemaps/sitemap.xml`,
  /** /sitemaps/<n>.xml, numbered from 1 when there is a sitemap index. */
  numberedSitemap: (n: number) => `${root}/sitemaps/${n}.xml`,
}

/**
 * How many shards a site of `articleCount` articles has: the power of two at
 * or above it, so that an article page reads a file of one or two articles,
 * up to maxShardCount. The count (and so every shard file) changes only when
 * the archive passes a power of two, not with every few articles.
 */
export function shardCountFor(articleCount: number): number {
  let count = 1
  while (count < articleCount && count < maxShardCount) count *= 2
  return Math.min(count, maxShardCount)
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

/**
 * The file-name key of a tag or an author's name (given in NFC): 64 bits of two
 * FNV-1a hashes of its UTF-16 code units, as hex. Names are Devanagari and of any
 * length; the key is ASCII and short, and the build refuses two names of one kind
 * with one key.
 */
export function listKey(tag: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193
  for (let i = 0; i < tag.length; i++) {
    const unit = tag.charCodeAt(i)
    a = Math.imul(a ^ unit, 0x01000193) >>> 0
    b = Math.imul(b ^ unit, 0x050c5d1f) >>> 0
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')
}
