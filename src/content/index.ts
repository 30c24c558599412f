import compiledText from '../generated/content.json.txt'
import { BoundedMap } from '../lib/bounded-map'
import type { ArticleMeta, CompiledContent } from './types'

const content = JSON.parse(compiledText) as CompiledContent

/** Site-wide settings, validated at build time. */
export const site = content.site

/** Every article, newest first, without bodies (see articleBody). */
export const articles: readonly ArticleMeta[] = content.articles

const bySlug = new Map(articles.map((article) => [article.slug, article]))

/** The article with this slug, if there is one. */
export function findArticle(slug: string): ArticleMeta | undefined {
  return bySlug.get(slug)
}

/** The body of one of the newest `feedSize` articles, held in the bundle for the feeds. */
export function recentBody(slug: string): string | undefined {
  return content.recentBodies[slug]
}

// Older bodies read from assets, newest reads last; a few hundred at most per isolate.
/** The part of the ASSETS binding (a Fetcher) this module uses. */
export interface AssetFetcher {
  fetch(url: string): Promise<Response>
}

const bodyCache = new BoundedMap<string, string>(200)

/**
 * The body HTML of any article: from the bundle for the newest, otherwise from
 * the static asset the build wrote (read once per isolate).
 */
export async function articleBody(article: ArticleMeta, assets: AssetFetcher): Promise<string> {
  const held = recentBody(article.slug) ?? bodyCache.get(article.slug)
  if (held !== undefined) return held
  const response = await assets.fetch(`https://assets.invalid/bodies/${article.slug}.html`)
  if (!response.ok) throw new Error(`body of ${article.slug}: asset answered ${response.status}`)
  const body = await response.text()
  bodyCache.set(article.slug, body)
  return body
}
