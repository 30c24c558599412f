import manifestText from '../generated/content.json.txt'
import { BoundedMap } from '../lib/bounded-map'
import { dataFiles, shardOf } from './data-files'
import type { Article, ArticleMeta, ArticleShard, ContentManifest } from './types'

const manifest = JSON.parse(manifestText) as ContentManifest

/** Site-wide settings, validated at build time. */
export const site = manifest.site

/** The archive's size and dates, known without reading any asset. */
export const archive = {
  articleCount: manifest.articleCount,
  newestArticle: manifest.newestArticle,
  lastModified: manifest.lastModified,
  sitemapFiles: manifest.sitemapFiles,
}

/** The part of the ASSETS binding (a Fetcher) this module uses. */
export interface AssetFetcher {
  fetch(url: string): Promise<Response>
}

// Only finished values are kept, never a read in progress: workerd cancels a
// request that waits on a promise another request began. Requests that miss
// at the same moment each read the file once.
const shards = new BoundedMap<number, ArticleShard>(64)
const indexPages = new BoundedMap<number, ArticleMeta[]>(16)
let feedArticles: Article[] | undefined

async function readAsset(assets: AssetFetcher, path: string): Promise<Response> {
  const response = await assets.fetch(`https://assets.invalid${path}`)
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

/** The article with this slug, if there is one (its shard is read once per isolate). */
export async function findArticle(
  slug: string,
  assets: AssetFetcher,
): Promise<ArticleMeta | undefined> {
  const shard = await shardFor(slug, assets)
  return Object.hasOwn(shard, slug) ? shard[slug] : undefined
}

/** The body HTML of an article found by findArticle, from the same shard. */
export async function articleBody(article: ArticleMeta, assets: AssetFetcher): Promise<string> {
  const shard = await shardFor(article.slug, assets)
  const found = Object.hasOwn(shard, article.slug) ? shard[article.slug] : undefined
  if (!found) throw new Error(`body of ${article.slug}: not in its shard`)
  return found.html
}

/** One page (from 1) of the home page's list, newest first. */
export async function indexPage(page: number, assets: AssetFetcher): Promise<ArticleMeta[]> {
  const held = indexPages.get(page)
  if (held) return held
  const read = (await (await readAsset(assets, dataFiles.indexPage(page))).json()) as ArticleMeta[]
  indexPages.set(page, read)
  return read
}

/** The newest `site.feedSize` articles with their bodies, for the site feeds. */
export async function newestArticles(assets: AssetFetcher): Promise<readonly Article[]> {
  if (feedArticles) return feedArticles
  const read = (await (await readAsset(assets, dataFiles.feed)).json()) as Article[]
  feedArticles = read
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
