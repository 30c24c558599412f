/**
 * Validates everything under content/ and compiles it into src/generated/: the
 * site settings and the archive's shape as content.json.txt (a Text module the
 * Worker imports; the same size at any number of articles), and everything
 * else as static assets under src/generated/assets/: the articles in shards,
 * the home page's pages, the feed's newest articles and the sitemaps (under
 * /_data/, read by the Worker through ASSETS), and the stylesheet, favicon,
 * robots.txt and media (served without the Worker). Exits 1 naming every broken field.
 *
 * Incremental: an article file whose size and modification time, or content
 * hash, are those of the last build is not compiled again (its body waits in
 * .cache/content-build/), and only asset files whose content changed are written.
 * Many changed files are compiled on every core.
 *
 * Usage: tsx scripts/build-content.ts [contentDir] [outDir]
 * SITEMAP_URL_LIMIT lowers the URLs per sitemap (tests); SITE_URL sets robots.txt's origin.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  dataFiles,
  indexPageSize,
  shardCountFor,
  shardOf,
  sitemapUrlLimit,
} from '../src/content/data-files'
import type { Article, ArticleMeta, ContentManifest } from '../src/content/types'
import { type BuildState, compilerStamp, keyOf, readState } from './content/build-state'
import type { CompileJob } from './content/compile-job'
import { compileAll } from './content/compile-pool'
import { parseSite } from './content/parse-site'
import { sitemapFiles } from './content/sitemaps'
import { siteUrlFrom, staticAssetFiles } from './content/static-assets'

const started = performance.now()
const contentDir = process.argv[2] ?? process.env.CONTENT_DIR ?? 'content'
const outDir = process.argv[3] ?? 'src/generated'
const urlLimit = Number(process.env.SITEMAP_URL_LIMIT) || sitemapUrlLimit
const bodyCache = join('.cache', 'content-build', 'bodies')
const statePath = join(outDir, 'build-state.json')

function display(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel.startsWith('..') ? path : rel
}

const errors: string[] = []
const sitePath = join(contentDir, 'site.yaml')
const site = parseSite(display(sitePath), readFileSync(sitePath, 'utf8'))
if (!site.ok) errors.push(...site.errors)

const articlesDir = join(contentDir, 'articles')
const mediaDir = join(contentDir, 'media')
const here = dirname(fileURLToPath(import.meta.url))
const compilerFiles = [
  ...readdirSync(join(here, 'content')).map((name) => join(here, 'content', name)),
  join(here, '..', 'src', 'content', 'types.ts'),
].sort()
const state: BuildState = readState(statePath, compilerStamp(compilerFiles, mediaDir))

// Files whose stat matches the last build are taken as they were; the rest are
// read and hashed, and compiled unless the hash matches too.
const names = readdirSync(articlesDir)
  .filter((name) => name.endsWith('.md'))
  .sort()
const files: BuildState['files'] = {}
const jobs: CompileJob[] = []
for (const name of names) {
  const path = join(articlesDir, name)
  const stat = statSync(path)
  const known = state.files[name]
  if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) {
    files[name] = known
    continue
  }
  files[name] = { size: stat.size, mtimeMs: stat.mtimeMs, hash: '' }
  jobs.push({ name, path, display: display(path), ...(known ? { knownHash: known.hash } : {}) })
}
const freshBodies = new Map<string, string>()
mkdirSync(bodyCache, { recursive: true })
for (const result of await compileAll(jobs, mediaDir, state.stamp)) {
  const record = files[result.name]
  if (!record) continue
  record.hash = result.hash
  if (result.unchanged) {
    const known = state.files[result.name]
    if (known?.meta) record.meta = known.meta
    if (known?.errors) record.errors = known.errors
  } else if ('errors' in result) {
    record.errors = result.errors
  } else {
    record.meta = result.meta
    freshBodies.set(result.hash, result.html)
    writeFileSync(join(bodyCache, `${result.hash}.html`), result.html)
  }
}
state.files = files

const metas: Array<{ meta: ArticleMeta; hash: string }> = []
const seenSlugs = new Map<string, string>()
for (const name of names) {
  const record = files[name]
  if (!record) continue
  if (record.errors) errors.push(...record.errors)
  if (!record.meta) continue
  const file = display(join(articlesDir, name))
  const other = seenSlugs.get(record.meta.slug)
  if (other)
    errors.push(`${file}: "slug" must be unique, got "${record.meta.slug}" (also in ${other})`)
  seenSlugs.set(record.meta.slug, file)
  metas.push({ meta: record.meta, hash: record.hash })
}
if (metas.length === 0 && errors.length === 0)
  errors.push(`${display(articlesDir)}: no articles found`)

mkdirSync(outDir, { recursive: true })
if (errors.length > 0 || !site.ok) {
  // What was compiled is kept, so the next build after a fix compiles only the fix.
  writeFileSync(statePath, JSON.stringify(state))
  console.error(`Content is invalid; nothing was built:\n${errors.map((e) => `  ${e}`).join('\n')}`)
  process.exit(1)
}

metas.sort(
  (a, b) =>
    Date.parse(b.meta.published) - Date.parse(a.meta.published) ||
    a.meta.slug.localeCompare(b.meta.slug),
)
const articles = metas.map((m) => m.meta)
const bodyOf = (hash: string) =>
  freshBodies.get(hash) ?? readFileSync(join(bodyCache, `${hash}.html`), 'utf8')
const withBody = ({ meta, hash }: { meta: ArticleMeta; hash: string }): Article => ({
  ...meta,
  html: bodyOf(hash),
})
const modifiedOf = (a: ArticleMeta) => a.updated ?? a.published

/** Every asset file: a key naming its content, and the content, made only if it must be written. */
const outputs = new Map<string, { key: string; content: () => string | Buffer }>()
const text = (path: string, content: string) =>
  outputs.set(path, { key: keyOf(content), content: () => content })

const wranglerToml = readFileSync('wrangler.toml', 'utf8')
for (const [path, content] of staticAssetFiles(siteUrlFrom(process.env, wranglerToml))) {
  text(path, content)
}

const shardCount = shardCountFor(metas.length)
const shards = Array.from({ length: shardCount }, () => [] as typeof metas)
for (const entry of metas) shards[shardOf(entry.meta.slug, shardCount)]?.push(entry)
for (const [n, shard] of shards.entries()) {
  shard.sort((a, b) => a.meta.slug.localeCompare(b.meta.slug))
  outputs.set(dataFiles.shard(n), {
    // A shard changes only when one of its articles does: its key is their hashes.
    key: keyOf(...shard.map((entry) => entry.hash)),
    content: () =>
      JSON.stringify(Object.fromEntries(shard.map((entry) => [entry.meta.slug, withBody(entry)]))),
  })
}
for (let start = 0, page = 1; start < articles.length; start += indexPageSize, page++) {
  text(dataFiles.indexPage(page), JSON.stringify(articles.slice(start, start + indexPageSize)))
}
const newest = metas.slice(0, site.value.feedSize)
outputs.set(dataFiles.feed, {
  key: keyOf(...newest.map((entry) => entry.hash)),
  content: () => JSON.stringify(newest.map(withBody)),
})
const sitemaps = sitemapFiles(articles, urlLimit)
for (const [path, content] of sitemaps.files) text(path, content)
if (existsSync(mediaDir)) {
  for (const name of readdirSync(mediaDir, { recursive: true }).map(String)) {
    const path = join(mediaDir, name)
    const stat = statSync(path)
    if (!stat.isFile()) continue
    outputs.set(`/media/${name}`, {
      key: keyOf(String(stat.size), String(stat.mtimeMs)),
      content: () => readFileSync(path),
    })
  }
}

const manifest: ContentManifest = {
  site: site.value,
  articleCount: articles.length,
  newestArticle: modifiedOf(articles[0] as ArticleMeta),
  lastModified: articles.map(modifiedOf).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)),
  shardCount,
  sitemapFiles: sitemaps.numbered,
}

const assetsDir = join(outDir, 'assets')
// Without a record of what is there (first build, new compiler), start from nothing.
if (Object.keys(state.written).length === 0) rmSync(assetsDir, { recursive: true, force: true })
const written: BuildState['written'] = {}
let writes = 0
for (const [path, output] of outputs) {
  const target = join(assetsDir, path)
  if (state.written[path] !== output.key) {
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, output.content())
    writes++
  }
  written[path] = output.key
}
for (const path of Object.keys(state.written)) {
  if (!outputs.has(path)) rmSync(join(assetsDir, path), { force: true })
}
state.written = written
// JSON as text: esbuild would inline a .json import as a JS literal with every
// Devanagari character escaped as \uXXXX, twice the bytes to upload and to parse.
const manifestText = JSON.stringify(manifest)
const manifestPath = join(outDir, 'content.json.txt')
if (!existsSync(manifestPath) || readFileSync(manifestPath, 'utf8') !== manifestText) {
  // Rewritten only when it changed, so wrangler dev does not reload for nothing.
  writeFileSync(manifestPath, manifestText)
}
writeFileSync(statePath, JSON.stringify(state))
const ms = Math.round(performance.now() - started)
console.log(
  `Built ${articles.length} article(s) into ${display(outDir)} in ${ms} ms ` +
    `(${jobs.length} file(s) read, ${freshBodies.size} compiled, ${writes} asset file(s) written)`,
)
