/**
 * Validates everything under content/ and compiles it into src/generated/: the
 * metadata and newest bodies as content.json.txt (a Text module, imported by the
 * Worker and parsed once), and every body as assets/bodies/<slug>.html (a static
 * asset the Worker reads through its ASSETS binding). Exits 1 naming every broken field.
 *
 * Usage: tsx scripts/build-content.ts [contentDir] [outDir]
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Article, CompiledContent } from '../src/content/types'
import { renderMarkdown } from './content/markdown'
import { parseArticle } from './content/parse-article'
import { parseSite } from './content/parse-site'

const contentDir = process.argv[2] ?? process.env.CONTENT_DIR ?? 'content'
const outDir = process.argv[3] ?? 'src/generated'

function display(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel.startsWith('..') ? path : rel
}

const errors: string[] = []
const sitePath = join(contentDir, 'site.yaml')
const site = parseSite(display(sitePath), readFileSync(sitePath, 'utf8'))
if (!site.ok) errors.push(...site.errors)

const articlesDir = join(contentDir, 'articles')
const articles: Article[] = []
const seenSlugs = new Map<string, string>()
for (const name of readdirSync(articlesDir).sort()) {
  if (!name.endsWith('.md')) continue
  const file = display(join(articlesDir, name))
  const parsed = parseArticle(file, readFileSync(join(articlesDir, name), 'utf8'), renderMarkdown)
  if (!parsed.ok) {
    errors.push(...parsed.errors)
    continue
  }
  const other = seenSlugs.get(parsed.value.slug)
  if (other)
    errors.push(`${file}: "slug" must be unique, got "${parsed.value.slug}" (also in ${other})`)
  seenSlugs.set(parsed.value.slug, file)
  articles.push(parsed.value)
}
if (articles.length === 0 && errors.length === 0)
  errors.push(`${display(articlesDir)}: no articles found`)

if (errors.length > 0 || !site.ok) {
  console.error(`Content is invalid; nothing was built:\n${errors.map((e) => `  ${e}`).join('\n')}`)
  process.exit(1)
}

articles.sort(
  (a, b) => Date.parse(b.published) - Date.parse(a.published) || a.slug.localeCompare(b.slug),
)
const compiled: CompiledContent = {
  site: site.value,
  articles: articles.map(({ html: _body, ...meta }) => meta),
  recentBodies: Object.fromEntries(
    articles.slice(0, site.value.feedSize).map((article) => [article.slug, article.html]),
  ),
}
const bodiesDir = join(outDir, 'assets', 'bodies')
rmSync(join(outDir, 'assets'), { recursive: true, force: true })
mkdirSync(bodiesDir, { recursive: true })
for (const article of articles) writeFileSync(join(bodiesDir, `${article.slug}.html`), article.html)
// JSON as text: esbuild would inline a .json import as a JS literal with every
// Devanagari character escaped as \uXXXX, twice the bytes to upload and to parse.
writeFileSync(join(outDir, 'content.json.txt'), JSON.stringify(compiled))
console.log(`Built ${articles.length} article(s) into ${display(outDir)}`)
