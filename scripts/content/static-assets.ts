import { cacheControl } from '../../src/http/cache-control'
import { favicon } from '../../src/pages/favicon'
import { stylesheet } from '../../src/pages/style'
import { paths } from '../../src/paths'

/**
 * The files served as static assets, without running the Worker (wrangler.toml's
 * run_worker_first leaves out exactly these paths), by their path under the assets.
 * `_headers` gives them the headers the Worker would have set.
 */
export function staticAssetFiles(siteUrl: string): Map<string, string> {
  return new Map([
    ['/site.css', stylesheet],
    ['/favicon.svg', favicon],
    [
      '/robots.txt',
      `User-agent: *\nDisallow: /admin\n\nSitemap: ${siteUrl}${paths.sitemap}\nSitemap: ${siteUrl}${paths.newsSitemap}\n`,
    ],
    [
      '/_headers',
      `/*\n  Cache-Control: ${cacheControl.asset}\n  X-Content-Type-Options: nosniff\n`,
    ],
  ])
}

/**
 * The site's canonical origin for robots.txt: SITE_URL from the environment, else
 * the one wrangler.toml's [vars] give the Worker (a static file cannot read vars).
 */
export function siteUrlFrom(env: NodeJS.ProcessEnv, wranglerToml: string): string {
  const declared = /^SITE_URL\s*=\s*"([^"]*)"/m.exec(wranglerToml)?.[1]
  return (env.SITE_URL || declared || 'http://localhost:8787').replace(/\/+$/, '')
}
