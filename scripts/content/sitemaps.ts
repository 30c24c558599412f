import { dataFiles, siteUrlToken } from '../../src/content/data-files'
import { scheduledMark } from '../../src/content/sitemap-marks'
import { escapeHtml } from '../../src/feeds/xml-safe'
import { paths } from '../../src/paths'

/** One URL of a sitemap, its address relative to the site's origin. */
export interface SitemapUrl {
  path: string
  lastmod?: string
  /** When it comes out (ms), if that is after the build: the Worker leaves it out until then. */
  from?: number
}

const header = '<?xml version="1.0" encoding="UTF-8"?>\n'
const xmlns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'

function urlset(urls: readonly SitemapUrl[]): string {
  const lines = urls.map(
    (u) =>
      `${u.from === undefined ? '' : scheduledMark(u.from)}<url><loc>${siteUrlToken}${escapeHtml(u.path)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`,
  )
  return `${header}<urlset ${xmlns}>\n${lines.join('\n')}\n</urlset>\n`
}

function newest(urls: readonly SitemapUrl[]): string | undefined {
  let best: SitemapUrl | undefined
  for (const u of urls) {
    if (
      u.lastmod &&
      u.from === undefined &&
      (!best?.lastmod || Date.parse(u.lastmod) > Date.parse(best.lastmod))
    )
      best = u
  }
  return best?.lastmod
}

/**
 * The sitemap files of the site (home page, every article with lastmod, every
 * tag page), by their path under the assets: one urlset at /sitemap.xml while
 * the URLs fit in `limit`, else a sitemap index there and numbered urlsets of
 * at most `limit` URLs. URLs start with siteUrlToken; the Worker puts its
 * SITE_URL in its place, and drops each scheduled URL's line until its time.
 */
export function sitemapFiles(
  urls: readonly SitemapUrl[],
  limit: number,
): { files: Map<string, string>; numbered: number } {
  if (urls.length <= limit)
    return { files: new Map([[dataFiles.sitemap, urlset(urls)]]), numbered: 0 }
  const files = new Map<string, string>()
  const entries: string[] = []
  for (let start = 0, n = 1; start < urls.length; start += limit, n++) {
    const chunk = urls.slice(start, start + limit)
    files.set(dataFiles.numberedSitemap(n), urlset(chunk))
    const lastmod = newest(chunk)
    entries.push(
      `<sitemap><loc>${siteUrlToken}${paths.numberedSitemap(n)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</sitemap>`,
    )
  }
  files.set(
    dataFiles.sitemap,
    `${header}<sitemapindex ${xmlns}>\n${entries.join('\n')}\n</sitemapindex>\n`,
  )
  return { files, numbered: entries.length }
}
