import { Hono } from 'hono'
import { type AppEnv, config, respondHeld } from '../app/context'
import { articles } from '../content/index'
import { cacheControl } from '../http/cache-control'
import { latest } from '../http/last-modified'
import { RenderCache } from '../http/render-cache'
import { type HeldResponse, hold } from '../http/rendered'
import { favicon } from '../pages/favicon'
import { renderSitemap } from '../pages/sitemap'
import { stylesheet } from '../pages/style'

const held = new RenderCache<HeldResponse>(16)
const newest = latest(...articles.map((a) => a.updated ?? a.published))
// Assets change only with a deploy; the module's load time stands in for it.
const deployed = latest(new Date())

/** Stylesheet, favicon, robots.txt and sitemap.xml. */
export const staticFiles = new Hono<AppEnv>()

const files: Array<[string, string, () => string, Date]> = [
  ['/site.css', 'text/css; charset=utf-8', () => stylesheet, deployed],
  ['/favicon.svg', 'image/svg+xml', () => favicon, deployed],
]

for (const [path, contentType, body, modified] of files) {
  staticFiles.get(path, async (c) =>
    respondHeld(
      c,
      await held.get(path, () =>
        hold(body(), modified, {
          'content-type': contentType,
          'cache-control': cacheControl.asset,
        }),
      ),
    ),
  )
}

staticFiles.get('/favicon.ico', (c) => c.redirect('/favicon.svg', 301))

staticFiles.get('/robots.txt', async (c) => {
  const { siteUrl } = config(c)
  const response = await held.get(`robots|${siteUrl}`, () =>
    hold(`User-agent: *\nDisallow: /admin/\n\nSitemap: ${siteUrl}/sitemap.xml\n`, deployed, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': cacheControl.asset,
    }),
  )
  return respondHeld(c, response)
})

staticFiles.get('/sitemap.xml', async (c) => {
  const { siteUrl } = config(c)
  const response = await held.get(`sitemap|${siteUrl}`, () =>
    hold(renderSitemap(siteUrl, articles), newest, {
      'content-type': 'application/xml; charset=utf-8',
      'cache-control': cacheControl.page,
    }),
  )
  return respondHeld(c, response)
})
