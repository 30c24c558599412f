/**
 * Validates everything under content/ and compiles it into src/generated/content.json,
 * the only form of the content the Worker sees. Exits 1 naming every broken field.
 *
 * Usage: tsx scripts/build-content.ts [contentDir] [outFile]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { renderMarkdown } from '../src/content/markdown'
import { parseArticle } from '../src/content/parse-article'
import { parseSite } from '../src/content/parse-site'
import type { Article, CompiledContent } from '../src/content/types'

const contentDir = process.argv[2] ?? process.env.CONTENT_DIR ?? 'content'
const outFile = process.argv[3] ?? 'src/generated/content.json'

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
const compiled: CompiledContent = { site: site.value, articles }
mkdirSync(dirname(outFile), { recursive: true })
writeFileSync(outFile, `${JSON.stringify(compiled)}\n`)
console.log(`Built ${articles.length} article(s) into ${display(outFile)}`)
