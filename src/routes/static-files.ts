import { Hono } from 'hono'
import { type AppEnv, config, respondRendered } from '../app/context'
import { articles } from '../content/index'
import { cacheControl } from '../http/cache-control'
import { latest } from '../http/last-modified'
import { RenderCache } from '../http/render-cache'
import { type RenderedResponse, renderedResponse } from '../http/rendered'
import { favicon } from '../pages/favicon'
import { renderSitemap } from '../pages/sitemap'
import { stylesheet } from '../pages/style'

const rendered = new RenderCache<RenderedResponse>(16)
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
    respondRendered(
      c,
      await rendered.get(path, () =>
        renderedResponse(body(), modified, {
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
  const response = await rendered.get(`robots|${siteUrl}`, () =>
    renderedResponse(
      `User-agent: *\nDisallow: /admin\n\nSitemap: ${siteUrl}/sitemap.xml\n`,
      deployed,
      {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': cacheControl.asset,
      },
    ),
  )
  return respondRendered(c, response)
})

staticFiles.get('/sitemap.xml', async (c) => {
  const { siteUrl } = config(c)
  const response = await rendered.get(`sitemap|${siteUrl}`, () =>
    renderedResponse(renderSitemap(siteUrl, articles), newest, {
      'content-type': 'application/xml; charset=utf-8',
      'cache-control': cacheControl.page,
    }),
  )
  return respondRendered(c, response)
})
