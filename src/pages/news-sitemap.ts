import type { ArticleMeta } from '../content/types'
import { escapeHtml } from '../feeds/xml-safe'
import { paths } from '../paths'

/** Google News takes articles of the last two days, at most 1,000 a sitemap. */
export const newsSitemapWindowMs = 2 * 24 * 3600 * 1000
export const newsSitemapLimit = 1000

/**
 * A Google News sitemap (sitemaps.org with the news extension) of `articles`:
 * each URL with the publication (the site's title and the article's language,
 * its ISO 639 primary subtag), the publication date as written and the title.
 * No articles is an empty urlset, still a valid sitemap.
 */
export function newsSitemap(
  articles: readonly ArticleMeta[],
  siteUrl: string,
  siteTitle: string,
): string {
  const urls = articles.map(
    (article) =>
      `<url><loc>${escapeHtml(siteUrl + paths.article(article.slug))}</loc><news:news>` +
      `<news:publication><news:name>${escapeHtml(siteTitle)}</news:name>` +
      `<news:language>${escapeHtml(article.language.split('-')[0]?.toLowerCase() ?? '')}</news:language></news:publication>` +
      `<news:publication_date>${escapeHtml(article.published)}</news:publication_date>` +
      `<news:title>${escapeHtml(article.title)}</news:title></news:news></url>\n`,
  )
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ' +
    'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' +
    urls.join('') +
    '</urlset>\n'
  )
}
