import { cacheControl } from '../../src/http/cache-control'
import { favicon } from '../../src/pages/favicon'
import { stylesheet } from '../../src/pages/style'
import { paths } from '../../src/paths'

/**
 * The files served as static assets, without running the Worker (a path that
 * has a file and no run_worker_first pattern is the file's), by their path under the assets.
 * `_headers` gives them the headers the Worker would have set; `moreHeaders`
 * adds rules of other files (the static feeds').
 */
export function staticAssetFiles(siteUrl: string, moreHeaders = ''): Map<string, string> {
  return new Map([
    ['/site.css', stylesheet],
    ['/favicon.svg', favicon],
    [
      '/robots.txt',
      `User-agent: *\nDisallow: /admin\n\nSitemap: ${siteUrl}${paths.sitemap}\nSitemap: ${siteUrl}${paths.newsSitemap}\n`,
    ],
    [
      '/_headers',
      `/*\n  Cache-Control: ${cacheControl.asset}\n  X-Content-Type-Options: nosniff\n${moreHeaders}`,
    ],
  ])
}

/**
 * The site's canonical origin for robots.txt and static feeds: SITE_URL from the environment, else
 * the one wrangler.toml's [vars] give the Worker (a static file cannot read vars).
 */
export function siteUrlFrom(env: NodeJS.ProcessEnv, wranglerToml: string): string {
  const declared = /^SITE_URL\s*=\s*"([^"]*)"/m.exec(wranglerToml)?.[1]
  return (env.SITE_URL || declared || 'http://localhost:8787').replace(/\/+$/, '')
}
