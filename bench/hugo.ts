import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'

/** Hugo's version line, installing Debian's `hugo` when it is missing; undefined when neither works. */
export function hugoVersion(): string | undefined {
  const version = () => spawnSync('hugo', ['version'], { encoding: 'utf8' })
  let found = version()
  if (found.status !== 0) {
    spawnSync('apt-get', ['install', '-y', 'hugo'], { stdio: 'ignore' })
    found = version()
  }
  return found.status === 0 ? found.stdout.trim() : undefined
}

// The same work as the content build, no more: each article to an HTML page,
// the home page, and one RSS feed of the newest 20; no taxonomies or sitemap.
const config = (contentDir: string) => `baseURL = "http://localhost:8787/"
contentDir = ${JSON.stringify(contentDir)}
disableKinds = ["taxonomy", "term", "sitemap", "robotsTXT", "404", "section"]
[outputs]
home = ["HTML", "RSS"]
page = ["HTML"]
[services.rss]
limit = 20
`

const layouts: Record<string, string> = {
  '_default/single.html':
    '<!doctype html><html lang="{{ .Params.language }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>',
  'index.html':
    '<!doctype html><html><head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head><body><ol>{{ range first 30 .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></body></html>',
}

/** Wall time of Hugo rendering the articles in `articlesDir` to HTML pages and an RSS feed. */
export function hugoBuildMs(articlesDir: string): number {
  const site = mkdtempSync(join(tmpdir(), 'hugo-site-'))
  try {
    writeFileSync(join(site, 'hugo.toml'), config(resolve(articlesDir)))
    for (const [path, text] of Object.entries(layouts)) {
      mkdirSync(join(site, 'layouts', path, '..'), { recursive: true })
      writeFileSync(join(site, 'layouts', path), text)
    }
    const started = performance.now()
    const run = spawnSync(
      'hugo',
      ['--quiet', '--source', site, '--destination', join(site, 'public')],
      {
        encoding: 'utf8',
      },
    )
    const ms = performance.now() - started
    if (run.status !== 0) throw new Error(`hugo failed:\n${run.stdout}\n${run.stderr}`)
    return ms
  } finally {
    rmSync(site, { recursive: true, force: true })
  }
}
