/**
 * Creates content/articles/<slug>.md from a template that passes the build's
 * validation, for the operator to fill in. Refuses a slug that is taken or not
 * lowercase ASCII kebab-case.
 *
 * Usage: npm run new-article -- <slug>    (CONTENT_DIR overrides content/)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderBody } from './content/markdown'
import { mediaLibrary } from './content/media'
import { parseArticle } from './content/parse-article'
import { parseSite } from './content/parse-site'
import { articleFrontMatter } from './content/schema'
import { articleTemplate, localIsoMinute, suggestSlug } from './new-article-template'

const usage =
  'Usage: npm run new-article -- <slug>   (e.g. npm run new-article -- monsoon-arrives-early)'

function fail(message: string): never {
  console.error(`new-article: ${message}`)
  process.exit(1)
}

const args = process.argv.slice(2)
const slug = args[0]
if (slug === undefined || args.length > 1 || slug.startsWith('-')) fail(usage)

if (!articleFrontMatter.shape.slug.safeParse(slug).success) {
  const suggestion = suggestSlug(slug)
  fail(
    `"${slug}" is not a valid slug: use lowercase ASCII letters and digits in words joined ` +
      `by single hyphens${suggestion ? `, e.g. "${suggestion}"` : ''}. The slug is the ` +
      "article's address (/articles/<slug>) and its file name.",
  )
}

const contentDir = process.env.CONTENT_DIR ?? 'content'
const sitePath = join(contentDir, 'site.yaml')
const articlesDir = join(contentDir, 'articles')
if (!existsSync(sitePath)) {
  fail(`no ${sitePath} here; run this from the project's root folder.`)
}
const file = join(articlesDir, `${slug}.md`)
if (existsSync(file)) {
  fail(`${file} already exists. Choose another slug, or edit that file to change the article.`)
}

const site = parseSite(sitePath, readFileSync(sitePath, 'utf8'))
if (!site.ok) fail(`fix ${sitePath} first:\n  ${site.errors.join('\n  ')}`)

const text = articleTemplate({
  slug,
  published: localIsoMinute(new Date()),
  language: site.value.language,
  author: site.value.title,
})
// The same check the build runs, so the new file can never break it.
const media = mediaLibrary(join(contentDir, 'media'))
const parsed = parseArticle(file, text, (markdown) => renderBody(markdown, media))
if (!parsed.ok) fail(`the template is invalid (a bug):\n  ${parsed.errors.join('\n  ')}`)

// A site whose last article was removed (git drops the empty folder) starts it again.
mkdirSync(articlesDir, { recursive: true })
writeFileSync(file, text, { flag: 'wx' })
console.log(`Created ${file}.
Next: replace every TODO (title, summary, body; authors if needed), then run
"npm start" to preview it at http://localhost:8787/articles/${slug}.
It is a draft until you set "draft: false": a deploy leaves it out until then.
The build checks the front matter and names any field it cannot accept.`)
