import manifestText from '../generated/content.json.txt'
import { BoundedMap } from '../lib/bounded-map'
import { ownEntry } from '../lib/own-entry'
import { dataFiles, listChunkSize, listKey, shardOf } from './data-files'
import { normaliseTag } from './tags'
import type {
  Article,
  ArticleMeta,
  ArticleShard,
  AuthorProfile,
  ContentManifest,
  ListHead,
  ListName,
  NamedListHead,
  NewestEntries,
  ScheduledArticle,
  SitePage,
  StoryCard,
} from './types'
import { isOut, visibleCount } from './visible'

const manifest = JSON.parse(manifestText) as ContentManifest

/** What is wrong with the content, in a dev build that found it invalid (else undefined). */
export const contentProblems: readonly string[] | undefined = manifest.problems

/** Site-wide settings, validated at build time. */
export const site = manifest.site

/** Long date formats by language, read from Intl at build time (src/lib/long-date.ts). */
export const longDates = manifest.longDates

/** The articles the build found still ahead of its clock, oldest first. */
export const schedule: readonly ScheduledArticle[] = manifest.scheduled

/** The archive's dates and sitemap layout, known without reading any asset. */
export const archive = {
  /** The latest published or updated time of the articles already out at build time. */
  lastModified: manifest.lastModified,
  sitemapFiles: manifest.sitemapFiles,
}

/** The part of the ASSETS binding (a Fetcher) this module uses. */
export interface AssetFetcher {
  fetch(url: string): Promise<Response>
}

/** A list of articles, oldest first: the whole site's, one tag's or one author's. */
export interface ArticleList {
  /** Names the list in cache keys: `site`, or the kind (`tag:`, `author:`) and the name's key. */
  id: string
  /** The tag or author, for a named list. */
  name?: ListName
  /** An author's profile, for an author's list. */
  author?: AuthorProfile
  head: ListHead
  chunkPath: (chunk: number) => string
  /** Its newest entries with their bodies (NewestEntries), from head.newestFrom on. */
  newestPath: string
  /** A tag's last entries as cards, oldest first (NamedListHead.latest). */
  latest?: StoryCard[]
}

/** The whole site's list. */
export const siteList: ArticleList = {
  id: 'site',
  head: manifest.articles,
  chunkPath: dataFiles.siteList,
  newestPath: dataFiles.siteNewest,
}

// Only finished values are kept, never a read in progress: workerd cancels a
// request that waits on a promise another request began. Requests that miss
// at the same moment each read the file once.
// Shards hold one or two articles up to 8,192 (about eight at 100,000): many
// fit. A newest file holds a feed's articles (up to 2 x feed_size - 1 bodies).
const shards = new BoundedMap<number, ArticleShard>(256)
const chunks = new BoundedMap<string, ArticleMeta[]>(64)
const newestFiles = new BoundedMap<string, NewestEntries>(16)
const namedLists = new BoundedMap<string, ArticleList | null>(256)

const pageSlugs = new Set(manifest.pages)
const sitePages = new BoundedMap<string, SitePage>(64)

/** The page of content/pages/<slug>.md, or undefined when there is none (no asset read then). */
export async function findSitePage(
  slug: string,
  assets: AssetFetcher,
): Promise<SitePage | undefined> {
  if (!pageSlugs.has(slug)) return undefined
  const held = sitePages.get(slug)
  if (held) return held
  const page = (await (await readAsset(assets, dataFiles.page(slug))).json()) as SitePage
  sitePages.set(slug, page)
  return page
}

/** A build output by its path under the assets (ASSETS takes a URL and ignores its host). */
function fetchAsset(assets: AssetFetcher, path: string): Promise<Response> {
  return assets.fetch(`https://assets.invalid${path}`)
}

async function readAsset(assets: AssetFetcher, path: string): Promise<Response> {
  const response = await fetchAsset(assets, path)
  if (!response.ok) throw new Error(`${path}: asset answered ${response.status}`)
  return response
}

async function shardFor(slug: string, assets: AssetFetcher): Promise<ArticleShard> {
  const shard = shardOf(slug, manifest.shardCount)
  const held = shards.get(shard)
  if (held) return held
  const path = dataFiles.shard(shard)
  const response = await fetchAsset(assets, path)
  let read: ArticleShard = {}
  if (response.ok) read = (await response.json()) as ArticleShard
  else {
    // No slug hashes to this shard: the build wrote no file for it.
    await response.body?.cancel()
    if (response.status !== 404) throw new Error(`${path}: asset answered ${response.status}`)
  }
  shards.set(shard, read)
  return read
}

/**
 * The article with this slug, if there is one, scheduled or not: for the
 * moderator. Readers' routes use findPublicArticle. (Its shard is read once per isolate.)
 */
export async function findArticle(
  slug: string,
  assets: AssetFetcher,
): Promise<ArticleMeta | undefined> {
  const shard = await shardFor(slug, assets)
  return ownEntry(shard, slug)
}

/** The article with this slug if readers may see it at `now`: not while it is scheduled. */
export async function findPublicArticle(
  slug: string,
  assets: AssetFetcher,
  now: number,
): Promise<ArticleMeta | undefined> {
  const article = await findArticle(slug, assets)
  if (!article) return undefined
  const waiting = schedule.some((s) => s.slug === article.slug && !isOut(s.published, now))
  return waiting ? undefined : article
}

/** The body HTML of an article found by findArticle, from the same shard. */
export async function articleBody(article: ArticleMeta, assets: AssetFetcher): Promise<string> {
  const shard = await shardFor(article.slug, assets)
  const found = ownEntry(shard, article.slug)
  if (!found) throw new Error(`body of ${article.slug}: not in its shard`)
  return found.html
}

/** The site's list, or the named one (undefined when no article has that tag or author). */
function listOf(
  named: ListName | undefined,
  assets: AssetFetcher,
): Promise<ArticleList | undefined> {
  return named === undefined ? Promise.resolve(siteList) : namedList(named, assets)
}

/**
 * The list a route names (the site's, a tag's or an author's) with how many of
 * its entries readers may see at `now`. Undefined for a tag or an author none of
 * whose articles is out: they exist once one is, while the site's list always
 * does (empty at launch).
 */
export async function visibleList(
  named: ListName | undefined,
  assets: AssetFetcher,
  now: number,
): Promise<{ list: ArticleList; visible: number } | undefined> {
  const list = await listOf(named, assets)
  if (!list) return undefined
  const visible = visibleCount(list.head, now)
  return visible === 0 && list.name !== undefined ? undefined : { list, visible }
}

/**
 * A tag's or an author's list (the name in any normal form), or undefined when
 * no article has that tag or author.
 */
export async function namedList(
  named: ListName,
  assets: AssetFetcher,
): Promise<ArticleList | undefined> {
  const { kind } = named
  const name = normaliseTag(named.name)
  const key = listKey(name)
  const held = namedLists.get(`${kind}:${name}`)
  if (held !== undefined) return held ?? undefined
  const response = await fetchAsset(assets, dataFiles.listHead(kind, key))
  let list: ArticleList | null = null
  if (response.ok) {
    const head = (await response.json()) as NamedListHead
    // The build refuses two names with one key; this guards a name that merely shares it.
    if (head.list.kind === kind && head.list.name === name) {
      list = {
        id: `${kind}:${key}`,
        name: head.list,
        ...(head.author ? { author: head.author } : {}),
        ...(head.latest ? { latest: head.latest } : {}),
        head,
        chunkPath: (n) => dataFiles.namedList(kind, key, n),
        newestPath: dataFiles.namedNewest(kind, key),
      }
    }
  } else {
    await response.body?.cancel()
    if (response.status !== 404)
      throw new Error(`${kind} ${key}: asset answered ${response.status}`)
  }
  namedLists.set(`${kind}:${name}`, list)
  return list ?? undefined
}

/** The entries at positions [start, end) of a list, oldest first (reads the chunks they are in). */
export async function listEntries(
  list: ArticleList,
  start: number,
  end: number,
  assets: AssetFetcher,
): Promise<ArticleMeta[]> {
  if (end <= start) return []
  const first = Math.floor(start / listChunkSize)
  const last = Math.floor((end - 1) / listChunkSize)
  const read = await Promise.all(
    Array.from({ length: last - first + 1 }, async (_, i) => {
      const path = list.chunkPath(first + i)
      const held = chunks.get(path)
      if (held) return held
      const metas = (await (await readAsset(assets, path)).json()) as ArticleMeta[]
      chunks.set(path, metas)
      return metas
    }),
  )
  return read.flat().slice(start - first * listChunkSize, end - first * listChunkSize)
}

/**
 * The entries at `positions` of a list, in the order given: each chunk they
 * fall in is read once (search results, which are scattered over the archive).
 */
export async function entriesAt(
  list: ArticleList,
  positions: readonly number[],
  assets: AssetFetcher,
): Promise<ArticleMeta[]> {
  const chunkStarts = [...new Set(positions.map((p) => p - (p % listChunkSize)))]
  const read = new Map(
    await Promise.all(
      chunkStarts.map(
        async (start) =>
          [
            start,
            await listEntries(
              list,
              start,
              Math.min(start + listChunkSize, list.head.count),
              assets,
            ),
          ] as const,
      ),
    ),
  )
  return positions.map((p) => {
    const chunkStart = p - (p % listChunkSize)
    const entry = read.get(chunkStart)?.[p - chunkStart]
    if (!entry) throw new Error(`no list entry at ${p}`)
    return entry
  })
}

/**
 * The list's entries readers may see at `now` published at or after `since`,
 * newest first, at most `limit`: read a chunk at a time from the newest end,
 * so a news sitemap reads one or two chunks however long the archive is.
 */
export async function entriesSince(
  list: ArticleList,
  since: number,
  now: number,
  limit: number,
  assets: AssetFetcher,
): Promise<ArticleMeta[]> {
  const recent: ArticleMeta[] = []
  let end = visibleCount(list.head, now)
  while (end > 0 && recent.length < limit) {
    const start = Math.max(0, (Math.ceil(end / listChunkSize) - 1) * listChunkSize)
    const entries = (await listEntries(list, start, end, assets)).reverse()
    for (const entry of entries) {
      if (Date.parse(entry.published) < since || recent.length === limit) return recent
      recent.push(entry)
    }
    end = start
  }
  return recent
}

/**
 * The articles at positions [start, end) of a list, oldest first, with their
 * bodies. A range inside the list's newest entries (every subscription feed)
 * is one read of its newest file; an older one (an archive page) reads the
 * chunks it spans and the shard of each article.
 */
export async function listArticles(
  list: ArticleList,
  start: number,
  end: number,
  assets: AssetFetcher,
): Promise<Article[]> {
  if (end <= start) return []
  const from = list.head.newestFrom
  if (start >= from) {
    let newest = newestFiles.get(list.newestPath)
    if (!newest) {
      newest = (await (await readAsset(assets, list.newestPath)).json()) as NewestEntries
      newestFiles.set(list.newestPath, newest)
    }
    return newest.slice(start - from, end - from)
  }
  const metas = await listEntries(list, start, end, assets)
  return Promise.all(
    metas.map(async (meta) => ({ ...meta, html: await articleBody(meta, assets) })),
  )
}

// An isolate runs one deployed version, whose assets never change: read once.
let builtFeedDigests: Readonly<Record<string, string>> | undefined

/**
 * The build's digest of each subscription feed (dataFiles.feedDigests), for
 * the WebSub announcer, read once per isolate.
 */
export async function feedDigests(assets: AssetFetcher): Promise<Readonly<Record<string, string>>> {
  if (builtFeedDigests) return builtFeedDigests
  // The build writes this file from the same type; nothing else does.
  const read = (await (await readAsset(assets, dataFiles.feedDigests)).json()) as Record<
    string,
    string
  >
  builtFeedDigests = read
  return read
}

/**
 * A sitemap file as the build wrote it (its URLs start with siteUrlToken):
 * `undefined` is /sitemap.xml, a number one of the sitemaps behind its index.
 */
export async function sitemapFile(n: number | undefined, assets: AssetFetcher): Promise<string> {
  const path = n === undefined ? dataFiles.sitemap : dataFiles.numberedSitemap(n)
  return (await readAsset(assets, path)).text()
}
