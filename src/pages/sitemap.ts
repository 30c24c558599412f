import { paths } from '../app/paths'
import type { ArticleMeta } from '../content/types'
import { escapeHtml } from '../feeds/xml-safe'

/** sitemaps.org XML listing the home page and every article. */
export function renderSitemap(siteUrl: string, articles: readonly ArticleMeta[]): string {
  const urls = [
    `<url><loc>${escapeHtml(siteUrl + paths.home)}</loc></url>`,
    ...articles.map(
      (a) =>
        `<url><loc>${escapeHtml(siteUrl + paths.article(a.slug))}</loc><lastmod>${a.updated ?? a.published}</lastmod></url>`,
    ),
  ]
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`
}
