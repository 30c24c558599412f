/**
 * Validates everything under content/ and compiles it into src/generated/: the
 * site settings and the archive's shape as content.json.txt (a Text module the
 * Worker imports; the same size at any number of articles), and everything
 * else as static assets under src/generated/assets/: the articles in shards,
 * the site's and every tag's list of articles in chunks with its newest
 * entries' bodies in one file (what its feed shows), the search index, the
 * feeds' digests for WebSub and the sitemaps (under /_data/, read by the Worker through ASSETS),
 * and the stylesheet, favicon, robots.txt, media and, with `feeds: static`,
 * the site's, tags' and authors' feeds (served without the Worker). Exits 1
 * naming every broken field.
 *
 * Drafts are left out unless CONTENT_INCLUDE_DRAFTS=1 (set by `npm start`).
 * Articles published after the build's clock are built and marked scheduled:
 * the Worker keeps them out of sight until their time.
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
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  assetFileLimit,
  dataFiles,
  shardCountFor,
  shardOf,
  sitemapUrlLimit,
} from '../src/content/data-files'
import { normaliseTag } from '../src/content/tags'
import type {
  Article,
  ArticleMeta,
  ContentManifest,
  MenuLink,
  SitePage,
  SiteSettings,
} from '../src/content/types'
import { namedStream } from '../src/feeds/article-feed'
import { paths, reservedPageSlugs } from '../src/paths'
import { ArticleCache } from './content/article-cache'
import {
  type BuildState,
  compilerStamp,
  holdBuildLock,
  keyOf,
  readState,
  type StoredArticle,
  writeState,
} from './content/build-state'
import type { CompileJob } from './content/compile-job'
import { compileAll } from './content/compile-pool'
import {
  type BuiltArticle,
  type BuiltList,
  buildLists,
  feedDigests,
  listFiles,
} from './content/lists'
import { longDateFormats } from './content/long-dates'
import { readAuthorFiles } from './content/parse-authors'
import { parseSite } from './content/parse-site'
import { withLines } from './content/problem-lines'
import { searchIndexFiles, TermCache } from './content/search-index'
import { siteSections } from './content/sections'
import { buildPages } from './content/site-pages'
import { sitemapFiles } from './content/sitemaps'
import { siteUrlFrom, staticAssetFiles } from './content/static-assets'
import { staticFeedHeaders, staticFeeds, staticFeedsNotices } from './content/static-feeds'

const started = performance.now()
const contentDir = process.argv[2] ?? process.env.CONTENT_DIR ?? 'content'
const outDir = process.argv[3] ?? 'src/generated'
const urlLimit = Number(process.env.SITEMAP_URL_LIMIT) || sitemapUrlLimit
const cacheDir = join('.cache', 'content-build')
const statePath = join(outDir, 'build-state.bin')
// Articles published after this instant are scheduled: the Worker shows them when it comes.
const buildTime = Date.now()
// Only `npm start` sets it: a build that can be deployed never holds a draft.
const includeDrafts = process.env.CONTENT_INCLUDE_DRAFTS === '1'

function display(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel.startsWith('..') ? path : rel
}

const errors: string[] = []
const sitePath = join(contentDir, 'site.yaml')
const siteText = readFileSync(sitePath, 'utf8')
const site = parseSite(display(sitePath), siteText)
if (!site.ok) errors.push(...site.errors)

const articlesDir = join(contentDir, 'articles')
const mediaDir = join(contentDir, 'media')
const here = dirname(fileURLToPath(import.meta.url))
// Everything that shapes an output keyed by its articles' hashes (shards, list chunks).
const compilerFiles = [
  ...readdirSync(join(here, 'content')).map((name) => join(here, 'content', name)),
  join(here, 'build-content.ts'),
  join(here, '..', 'src', 'content', 'types.ts'),
  join(here, '..', 'src', 'content', 'data-files.ts'),
  // The page addresses the routes reserve (reservedPageSlugs).
  join(here, '..', 'src', 'paths.ts'),
  // How the search index folds words: the term cache is keyed by article hash.
  join(here, '..', 'src', 'search', 'terms.ts'),
].sort()
const articleCacheDir = join(cacheDir, keyOf(resolve(outDir)).slice(0, 16))
holdBuildLock(articleCacheDir)
const state: BuildState = readState(statePath, compilerStamp(compilerFiles, mediaDir))
// Asset files are written before the state that records them: a mark beside the
// state says a build was writing them, and one stopped before it saved its state
// leaves the mark, so this build trusts none of the written keys.
const writingMark = `${statePath}.writing`
if (existsSync(writingMark)) state.written = {}

// Files whose stat matches the last build are taken as they were; the rest are
// read and hashed, and compiled unless the hash matches too.
const cache = new ArticleCache(articleCacheDir, state)
const names = readdirSync(articlesDir)
  .filter((name) => name.endsWith('.md'))
  .sort()
const { files, jobs } = changedFiles(names, state, cache.emptied)
let compiled = 0
await compileAll(jobs, mediaDir, state.stamp, cacheDir, (results) => {
  for (const result of results) {
    const record = files[result.name]
    if (!record) continue
    record.hash = result.hash
    if (result.unchanged) {
      const known = state.files[result.name]
      if (known?.article) record.article = known.article
      if (known?.errors) record.errors = known.errors
    } else if ('errors' in result) {
      record.errors = result.errors
    } else {
      record.article = cache.add(result.meta, result.html)
      compiled++
    }
  }
  cache.flush()
})
state.files = files

const stored = compiledArticles(names, files, errors)
// Every record's article, not one per hash: two files with the same text have
// an article each, and compacting moves both.
cache.compact([...new Set(Object.values(files).flatMap((r) => (r.article ? [r.article] : [])))])
Object.assign(state, cache.state)
const metas = newestFirst(stored)
if (metas.length === 0 && errors.length === 0)
  errors.push(`${display(articlesDir)}: no articles found`)

const pagesDir = join(contentDir, 'pages')
const built = await buildPages({
  pagesDir,
  mediaDir,
  stamp: state.stamp,
  siteLanguage: site.ok ? site.value.language : 'en',
  includeDrafts,
  cacheFile: join(articleCacheDir, 'pages.json'),
  display,
})
errors.push(...built.errors)
const sitePages = built.pages
const authorFiles = readAuthorFiles(join(contentDir, 'authors'), display)
errors.push(...authorFiles.errors)
if (site.ok) {
  for (const warning of menuWarnings(site.value.menu, sitePages))
    console.warn(`Warning: ${warning}`)
}
const sections = siteSections(
  site.ok ? site.value.sections : undefined,
  metas.map((entry) => entry.meta),
)
errors.push(...withLines(display(sitePath), siteText, sections.problems))

mkdirSync(outDir, { recursive: true })
if (errors.length > 0 || !site.ok) {
  // What was compiled is kept, so the next build after a fix compiles only the fix.
  writeState(statePath, state)
  const list = errors.map((e) => `  ${e}`).join('\n')
  if (!includeDrafts) {
    console.error(`Content is invalid; nothing was built:\n${list}`)
    process.exit(1)
  }
  // A build for `npm start` succeeds with the problems in the manifest, so that
  // wrangler dev reloads and every page names them, rather than failing (which
  // wrangler reports with its own stack trace, twice, and answers nothing).
  // wrangler refuses to bundle without the assets folder a first build would have made.
  mkdirSync(join(outDir, 'assets'), { recursive: true })
  writeManifestText(JSON.stringify(withProblems(errors)))
  console.error(
    `Content is invalid; the dev server answers every page with these problems until they are fixed:\n${list}`,
  )
  process.exit(0)
}

const settings: SiteSettings = { ...site.value, sections: sections.sections }

const bodyOf = (hash: string) => {
  const article = stored.get(hash)
  if (!article) throw new Error(`no compiled article for ${hash}`)
  return cache.body(article)
}
const withBody = ({ meta, hash }: BuiltArticle): Article => ({ ...meta, html: bodyOf(hash) })
const modifiedOf = (a: ArticleMeta) => a.updated ?? a.published
const isScheduled = (entry: BuiltArticle) => entry.publishedAt > buildTime
const out = metas.filter((entry) => !isScheduled(entry))

/** Every asset file: a key naming its content, and the content, made only if it must be written. */
const outputs = new Map<string, { key: string; content: () => string | Buffer }>()
const text = (path: string, content: string) =>
  outputs.set(path, { key: keyOf(content), content: () => content })

const wranglerToml = readFileSync('wrangler.toml', 'utf8')
const siteUrl = siteUrlFrom(process.env, wranglerToml)
const staticFeedRules = settings.feeds === 'static' ? staticFeedHeaders(settings, siteUrl) : ''
for (const [path, content] of staticAssetFiles(siteUrl, staticFeedRules)) text(path, content)

const shardCount = shardCountFor(metas.length)
const shards = Array.from({ length: shardCount }, () => [] as typeof metas)
for (const entry of metas) shards[shardOf(entry.meta.slug, shardCount)]?.push(entry)
for (const [n, shard] of shards.entries()) {
  if (shard.length === 0) continue
  // By code unit, not localeCompare: the order is only for stable bytes, and
  // ICU's comparison of 10,000 slugs cost more than the rest of the shards.
  shard.sort((a, b) => (a.meta.slug < b.meta.slug ? -1 : 1))
  outputs.set(dataFiles.shard(n), {
    // A shard changes only when one of its articles does: its key is their hashes
    // (of one length, so joined as one string: one hash update, not thousands).
    key: keyOf(shard.map((entry) => entry.hash).join('')),
    content: () =>
      JSON.stringify(Object.fromEntries(shard.map((entry) => [entry.meta.slug, withBody(entry)]))),
  })
}
const { lists, errors: tagErrors } = buildLists(
  [...metas].reverse(),
  buildTime,
  settings.feedSize,
  authorFiles.authors,
)
for (const name of authorFiles.authors.keys()) {
  if (!lists.some((list) => list.name?.kind === 'author' && list.name.name === name))
    console.warn(`Warning: content/authors/ describes "${name}", whom no article credits`)
}
if (tagErrors.length > 0) {
  writeState(statePath, state)
  console.error(
    `Content is invalid; nothing was built:\n${tagErrors.map((e) => `  ${e}`).join('\n')}`,
  )
  process.exit(1)
}
for (const list of lists) {
  for (const [path, file] of listFiles(list, withBody)) outputs.set(path, file)
}
text(dataFiles.feedDigests, JSON.stringify(feedDigests(settings, lists)))
const termCache = new TermCache(join(articleCacheDir, 'search-terms.json'))
const indexed = [...metas].reverse().map((entry) => ({
  hash: entry.hash,
  meta: entry.meta,
  body: () => bodyOf(entry.hash),
}))
for (const [path, file] of searchIndexFiles(indexed, termCache)) outputs.set(path, file)
termCache.save(new Set(metas.map((entry) => entry.hash)))

const comesOut = (entry: BuiltArticle) => (isScheduled(entry) ? { from: entry.publishedAt } : {})
const sitemaps = sitemapFiles(
  [
    { path: paths.home },
    ...sitePages.map((page) => ({
      path: paths.page(page.slug),
      ...(page.updated ? { lastmod: page.updated } : {}),
    })),
    ...metas.map((entry) => ({
      path: paths.article(entry.meta.slug),
      lastmod: modifiedOf(entry.meta),
      ...comesOut(entry),
    })),
    // A tag's or an author's page exists once their oldest article is out.
    ...lists.flatMap((list) =>
      list.name === undefined
        ? []
        : [
            {
              path: namedStream(settings, list.name).page,
              ...comesOut(list.entries[0] as BuiltArticle),
            },
          ],
    ),
  ],
  urlLimit,
)
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

for (const page of sitePages) text(dataFiles.page(page.slug), JSON.stringify(page))
// Last, so that the feeds get what room the version's file limit leaves.
if (settings.feeds === 'static') {
  const feeds = staticFeeds({
    site: settings,
    lists,
    origin: siteUrl,
    rendererStamp: feedRendererStamp(),
    withBody,
    fileBudget: assetFileLimit - outputs.size,
  })
  for (const [path, file] of feeds.files) outputs.set(path, file)
  for (const notice of staticFeedsNotices(feeds, assetFileLimit)) console.log(notice)
}

const siteList = lists[0] as BuiltList
const manifest: ContentManifest = {
  site: settings,
  articles: siteList.head,
  scheduled: metas
    .filter(isScheduled)
    .reverse()
    .map(({ meta }) => ({
      slug: meta.slug,
      published: meta.published,
      modified: modifiedOf(meta),
      tags: meta.tags,
      authors: meta.authors.map((author) => normaliseTag(author.name)),
    })),
  ...(out.length > 0 ? { lastModified: lastModifiedOf(out) } : {}),
  shardCount,
  sitemapFiles: sitemaps.numbered,
  pages: sitePages.map((page) => page.slug),
  longDates: longDateFormats([
    site.value.language,
    ...metas.map(({ meta }) => meta.language),
    ...sitePages.map((page) => page.language),
  ]),
}

const assetsDir = join(outDir, 'assets')
// Without a record of what is there (first build, new compiler), start from nothing.
if (Object.keys(state.written).length === 0) rmSync(assetsDir, { recursive: true, force: true })
const written: BuildState['written'] = {}
let writes = 0
const markWriting = () => writeFileSync(writingMark, '')
for (const [path, output] of outputs) {
  const target = join(assetsDir, path)
  if (state.written[path] !== output.key) {
    if (writes === 0) markWriting()
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, output.content())
    writes++
  }
  written[path] = output.key
}
for (const path of Object.keys(state.written)) {
  if (outputs.has(path)) continue
  markWriting()
  rmSync(join(assetsDir, path), { force: true })
}
state.written = written
// JSON as text: esbuild would inline a .json import as a JS literal with every
// Devanagari character escaped as \uXXXX, twice the bytes to upload and to parse.
writeManifestText(JSON.stringify(manifest))
writeState(statePath, state)
rmSync(writingMark, { force: true })
const ms = Math.round(performance.now() - started)
console.log(
  `Built ${metas.length} article(s) into ${display(outDir)} in ${ms} ms ` +
    `(${jobs.length} file(s) read, ${compiled} compiled, ${writes} asset file(s) written)`,
)

// The phases below run once per article: as functions, not top-level code, so
// that V8 optimises their loops (top-level code ran a third slower).

/**
 * Files whose stat matches the last build are taken as they were; the rest
 * are read and hashed (jobs), and compiled unless the hash matches too.
 */
function changedFiles(
  names: readonly string[],
  last: BuildState,
  cacheEmptied: boolean,
): { files: BuildState['files']; jobs: CompileJob[] } {
  const files: BuildState['files'] = {}
  const jobs: CompileJob[] = []
  // Joined by hand: path.join normalises, and this runs once per article file.
  const prefix = `${articlesDir}${sep}`
  for (const name of names) {
    const path = prefix + name
    const stat = statSync(path)
    const known = last.files[name]
    // With the cache started anew, only files that had errors keep their record.
    const usable = cacheEmptied && !known?.errors ? undefined : known
    if (usable && usable.size === stat.size && usable.mtimeMs === stat.mtimeMs) {
      files[name] = usable
      continue
    }
    files[name] = { size: stat.size, mtimeMs: stat.mtimeMs, hash: '' }
    jobs.push({ name, path, display: display(path), ...(usable ? { knownHash: usable.hash } : {}) })
  }
  return { files, jobs }
}

/** The compiled articles by hash; files' errors and slugs used twice go to `errors`. */
function compiledArticles(
  names: readonly string[],
  files: BuildState['files'],
  errors: string[],
): Map<string, StoredArticle> {
  const seenSlugs = new Map<string, string>()
  const stored = new Map<string, StoredArticle>()
  for (const name of names) {
    const record = files[name]
    if (!record) continue
    if (record.errors) errors.push(...record.errors)
    const article = record.article
    if (!article) continue
    const other = seenSlugs.get(article.slug)
    if (other !== undefined) {
      const [file, otherFile] = [name, other].map((n) => display(join(articlesDir, n)))
      errors.push(`${file}: "slug" must be unique, got "${article.slug}" (also in ${otherFile})`)
    }
    // File names, not their display paths: 10,000 path joins are not free.
    seenSlugs.set(article.slug, name)
    stored.set(record.hash, article)
  }
  return stored
}

/**
 * The articles of this build, newest first (then by slug), each date parsed
 * once. Unchanged articles come as lazy metadata: the outputs load the rest of
 * one only when they write a file that holds it.
 */
function newestFirst(stored: Map<string, StoredArticle>): BuiltArticle[] {
  const metas: BuiltArticle[] = []
  for (const [hash, article] of stored) {
    // Drafts stay in the cache (a build for npm start shows them) but out of this build.
    if (article.draft && !includeDrafts) continue
    metas.push({ meta: cache.lazyMeta(article), hash, publishedAt: Date.parse(article.published) })
  }
  return metas.sort(
    (a, b) => b.publishedAt - a.publishedAt || a.meta.slug.localeCompare(b.meta.slug),
  )
}

/**
 * A menu link to a path that looks like a page's (/about) but names no page of
 * this build is a broken link on every page. Told, not refused: a site folder
 * whose site.yaml was copied without its pages (as tests do) still builds.
 */
function menuWarnings(menu: readonly MenuLink[], pages: readonly SitePage[]): string[] {
  const slugs = new Set(pages.map((page) => page.slug))
  return menu.flatMap((link, n) => {
    const slug = /^\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(link.href)?.[1]
    if (slug === undefined || slugs.has(slug) || reservedPageSlugs.includes(slug)) return []
    return [
      `${display(sitePath)}: "menu.${n}.href" links to ${link.href}, but there is no ` +
        `${display(join(pagesDir, `${slug}.md`))}`,
    ]
  })
}

/** The latest `updated` or `published` of the entries, each date parsed at most once. */
function lastModifiedOf(entries: readonly BuiltArticle[]): string | undefined {
  let latest: string | undefined
  let latestAt = Number.NEGATIVE_INFINITY
  for (const { meta, publishedAt } of entries) {
    const at = meta.updated ? Date.parse(meta.updated) : publishedAt
    if (at > latestAt) {
      latest = meta.updated ?? meta.published
      latestAt = at
    }
  }
  return latest
}

/**
 * Names the code that shapes a static feed's bytes, beyond the compiler's own
 * (compilerFiles), so a change to a renderer writes every static feed again.
 */
function feedRendererStamp(): string {
  const src = join(here, '..', 'src')
  const feedsDir = join(src, 'feeds')
  const files = [
    ...readdirSync(feedsDir).map((name) => join(feedsDir, name)),
    join(src, 'http', 'cache-control.ts'),
    join(src, 'websub', 'link-header.ts'),
  ].sort()
  return keyOf(...files.map((file) => readFileSync(file)))
}

/** Writes the bundle's manifest, only when it changed, so wrangler dev does not reload for nothing. */
function writeManifestText(text: string): void {
  const path = join(outDir, 'content.json.txt')
  if (!existsSync(path) || readFileSync(path, 'utf8') !== text) writeFileSync(path, text)
}

/**
 * The manifest of a dev build that found problems: the last good build's, so
 * its assets still match, or an empty site's when there was none (never read:
 * the Worker answers with the problems), with the problems.
 */
function withProblems(problems: string[]): ContentManifest {
  const path = join(outDir, 'content.json.txt')
  const last = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as ContentManifest)
    : undefined
  const empty: ContentManifest = {
    site: {
      title: '',
      description: '',
      language: 'en',
      idAuthority: '',
      feedSize: 1,
      autoApproveComments: false,
      commentOrigins: [],
      feeds: 'worker',
      menu: [],
      sections: [],
    },
    articles: { count: 0, scheduled: [], newestFrom: 0 },
    scheduled: [],
    shardCount: 1,
    sitemapFiles: 0,
    pages: [],
    longDates: {},
  }
  return { ...(last ?? empty), problems }
}
