import compiled from '../generated/content.json'
import type { Article, CompiledContent } from './types'

const content = compiled as CompiledContent

/** Site-wide settings, validated at build time. */
export const site = content.site

/** Every article, newest first. */
export const articles: readonly Article[] = content.articles

const bySlug = new Map(articles.map((article) => [article.slug, article]))

/** The article with this slug, if there is one. */
export function findArticle(slug: string): Article | undefined {
  return bySlug.get(slug)
}
