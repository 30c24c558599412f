import manifestText from '../generated/content.json.txt'
import { BoundedMap } from '../lib/bounded-map'
import { dataFiles, listChunkSize, shardOf, tagKey } from './data-files'
import { normaliseTag } from './tags'
import type {
  ArticleMeta,
  ArticleShard,
  ContentManifest,
  ListHead,
  ScheduledArticle,
  TagHead,
} from './types'
import { isOut, visibleCount } from './visible'

const manifest = JSON.parse(manifestText) as ContentManifest

/** What is wrong with the content, in a dev build that found it invalid (else undefined). */
export const contentProblems: readonly string[] | undefined = manifest.problems

/** Site-wide settings, validated at build time. */
export const site = manifest.site

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

/** A list of articles, oldest first: the whole site's, or one tag's. */
export interface ArticleList {
  /** Names the list in cache keys: `site`, or `tag:` and the tag's key. */
  id: string
  /** The tag, for a tag's list. */
  tag?: string
  head: ListHead
  chunkPath: (chunk: number) => string
}

/** The whole site's list. */
export const siteList: ArticleList = {
  id: 'site',
  head: manifest.articles,
  chunkPath: dataFiles.siteList,
}

// Only finished values are kept, never a read in progress: workerd cancels a
// request that waits on a promise another request began. Requests that miss
// at the same moment each read the file once.
const shards = new BoundedMap<number, ArticleShard>(64)
const chunks = new BoundedMap<string, ArticleMeta[]>(64)
const tagLists = new BoundedMap<string, ArticleList | null>(256)

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
  const read = (await (await readAsset(assets, dataFiles.shard(shard))).json()) as ArticleShard
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
  return Object.hasOwn(shard, slug) ? shard[slug] : undefined
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
  const found = Object.hasOwn(shard, article.slug) ? shard[article.slug] : undefined
  if (!found) throw new Error(`body of ${article.slug}: not in its shard`)
  return found.html
}

/** The site's list, or the list of `tag` (undefined when no article has it). */
function listOf(tag: string | undefined, assets: AssetFetcher): Promise<ArticleList | undefined> {
  return tag === undefined ? Promise.resolve(siteList) : tagList(tag, assets)
}

/**
 * The list a route names (the site's, or `tag`'s) with how many of its entries
 * readers may see at `now`. Undefined for a tag none of whose articles is out:
 * a tag exists once one is, while the site's list always does (empty at launch).
 */
export async function visibleList(
  tag: string | undefined,
  assets: AssetFetcher,
  now: number,
): Promise<{ list: ArticleList; visible: number } | undefined> {
  const list = await listOf(tag, assets)
  if (!list) return undefined
  const visible = visibleCount(list.head, now)
  return visible === 0 && list.tag !== undefined ? undefined : { list, visible }
}

/** The tag's list (`tag` in any normal form), or undefined when no article has the tag. */
export async function tagList(tag: string, assets: AssetFetcher): Promise<ArticleList | undefined> {
  const name = normaliseTag(tag)
  const key = tagKey(name)
  const held = tagLists.get(name)
  if (held !== undefined) return held ?? undefined
  const response = await fetchAsset(assets, dataFiles.tagHead(key))
  let list: ArticleList | null = null
  if (response.ok) {
    const head = (await response.json()) as TagHead
    // The build refuses two tags with one key; this guards a tag that merely shares it.
    if (head.tag === name) {
      list = { id: `tag:${key}`, tag: name, head, chunkPath: (n) => dataFiles.tagList(key, n) }
    }
  } else {
    await response.body?.cancel()
    if (response.status !== 404) throw new Error(`tag ${key}: asset answered ${response.status}`)
  }
  tagLists.set(name, list)
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
