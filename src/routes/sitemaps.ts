import { type AppEnv, config, respondRendered } from '../app/context'
import { Hono } from '../app/hono'
import { siteUrlToken } from '../content/data-files'
import { archive, entriesSince, schedule, site, siteList, sitemapFile } from '../content/index'
import { releaseScheduledLines } from '../content/sitemap-marks'
import { releasedBy } from '../content/visible'
import { escapeHtml } from '../feeds/xml-safe'
import { cacheControl } from '../http/cache-control'
import { latest } from '../http/last-modified'
import { RenderCache } from '../http/render-cache'
import { type RenderedResponse, renderedResponse } from '../http/rendered'
import { newsSitemap, newsSitemapLimit, newsSitemapWindowMs } from '../pages/news-sitemap'
import { paths } from '../paths'
import { notFound } from './not-found'

const rendered = new RenderCache<RenderedResponse>(16)

/**
 * The sitemaps: /sitemap.xml (or the index of the numbered ones) and the
 * news sitemap. The stylesheet, favicon and
 * robots.txt are static assets the build writes, answered without the Worker.
 */
export const sitemaps = new Hono<AppEnv>()

/** /sitemap.xml, and /sitemaps/<n>.xml behind it once the site outgrows one sitemap. */
// The second pattern is paths.numberedSitemap(n) for any n from 1.
for (const path of [paths.sitemap, '/sitemaps/:file{[1-9][0-9]*\\.xml}']) {
  sitemaps.get(path, async (c) => {
    const file = c.req.param('file')
    const n = file === undefined ? undefined : Number.parseInt(file, 10)
    const { siteUrl } = config(c)
    if (n !== undefined && n > archive.sitemapFiles) return notFound(c)
    const now = Date.now()
    const released = releasedBy(schedule, now)
    const response = await rendered.get(
      `sitemap|${n ?? 0}|${siteUrl}|${released.length}`,
      async () => {
        const text = releaseScheduledLines(await sitemapFile(n, c.env.ASSETS), now)
        const lastModified = latest(archive.lastModified, ...released.map((a) => a.modified))
        return renderedResponse(text.split(siteUrlToken).join(escapeHtml(siteUrl)), lastModified, {
          'content-type': 'application/xml; charset=utf-8',
          'cache-control': cacheControl.page,
        })
      },
    )
    return respondRendered(c, response)
  })
}

/**
 * The news sitemap: the articles out now and published in the last two days,
 * newest first, from the site list's newest chunks (no KV). Rendered per
 * request: what it holds changes as articles age out, not only at a deploy.
 */
sitemaps.get(paths.newsSitemap, async (c) => {
  const { siteUrl } = config(c)
  const now = Date.now()
  const recent = await entriesSince(
    siteList,
    now - newsSitemapWindowMs,
    now,
    newsSitemapLimit,
    c.env.ASSETS,
  )
  const released = releasedBy(schedule, now)
  const lastModified = latest(archive.lastModified, ...released.map((a) => a.modified))
  const response = await renderedResponse(newsSitemap(recent, siteUrl, site.title), lastModified, {
    'content-type': 'application/xml; charset=utf-8',
    'cache-control': cacheControl.page,
  })
  return respondRendered(c, response)
})
