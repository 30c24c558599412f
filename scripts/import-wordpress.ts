/**
 * Moves a WordPress site here: reads the WXR file that WordPress's Tools → Export
 * writes, writes its published posts as content/articles/<slug>.md, and restores
 * their approved comments into the site's KV through the admin API, as
 * `npm run comments -- import` does. Everything else is counted, and private,
 * password-protected and empty posts are named. Ids and file contents come from
 * the export alone, so running it again changes nothing.
 *
 * Usage: npm run import-wordpress -- export.xml [--url <site>] [--content <dir>] [--articles-only]
 *        [--max-mib <n>]
 * Exit status: 0 done, 1 the site refused or could not be reached, 2 wrong usage,
 * settings or file.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { parse as parseYaml } from 'yaml'
import { AdminApiError, AdminClient } from './moderate-client'
import { resolveBaseUrl, resolveToken, SettingsError } from './moderate-settings'
import { type ImportPlan, planImport } from './wordpress/convert'
import { parseWxr, WxrError } from './wordpress/wxr'

/**
 * The largest export read unless --max-mib says otherwise: the whole file is parsed
 * in memory (a 50 MiB export took about 200 MB here, once posts over
 * maxPostCharacters are skipped unconverted; before, a 60 MB post took 2.88 GB).
 */
const defaultMaxMiB = 50

const usage = `Usage:
  npm run import-wordpress -- export.xml [--url <site>] [--content <dir>] [--articles-only]
                                         [--max-mib <n>]

Writes the export's published posts to <dir>/articles (default: content) and sends
their approved comments to the site: --url, else SITE_URL, else http://localhost:8787,
with the token ADMIN_TOKEN, else the ADMIN_TOKEN line of .dev.vars.
--articles-only writes the articles and sends nothing.
--max-mib <n> reads an export larger than ${defaultMaxMiB} MiB (it is held in memory,
a few times its size).`

/** Comments sent in one import request; the site takes at most 100. */
const batchSize = 100

class UsageError extends Error {}

/** The site's language from <dir>/site.yaml, for an export whose channel names none. */
function siteLanguage(contentDir: string): string {
  const path = join(contentDir, 'site.yaml')
  if (!existsSync(path)) return 'en'
  const site = parseYaml(readFileSync(path, 'utf8')) as { language?: unknown } | null
  return typeof site?.language === 'string' ? site.language : 'en'
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

function listCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([what, n]) => `${n} ${what}`)
    .join(', ')
}

/** Writes each article unless the file already holds exactly that text. */
function writeArticles(plan: ImportPlan, contentDir: string): void {
  const dir = join(contentDir, 'articles')
  mkdirSync(dir, { recursive: true })
  const done = { new: 0, changed: 0, unchanged: 0 }
  for (const article of plan.articles) {
    const path = join(dir, `${article.slug}.md`)
    const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined
    if (before === article.text) {
      done.unchanged += 1
      continue
    }
    writeFileSync(path, article.text)
    done[before === undefined ? 'new' : 'changed'] += 1
  }
  console.log(
    `Articles: ${plural(plan.articles.length, 'published post')} in ${dir} ` +
      `(${done.new} new, ${done.changed} changed, ${done.unchanged} unchanged).`,
  )
  for (const post of plan.skippedPosts) {
    console.log(`  skipped ${post.reason} post ${post.id}: ${post.title}`)
  }
  if (Object.keys(plan.skippedItems).length > 0) {
    console.log(`  also skipped: ${listCounts(plan.skippedItems)}`)
  }
}

async function sendComments(plan: ImportPlan, client: AdminClient, baseUrl: string) {
  const totals = { created: 0, replaced: 0 }
  for (let start = 0; start < plan.comments.length; start += batchSize) {
    const result = await client.importBatch(plan.comments.slice(start, start + batchSize))
    totals.created += result.created
    totals.replaced += result.replaced
  }
  console.log(
    `Comments: ${plural(plan.comments.length, 'approved comment')} sent to ${baseUrl} ` +
      `(${totals.created} new, ${totals.replaced} already there).`,
  )
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      content: { type: 'string' },
      'articles-only': { type: 'boolean' },
      'max-mib': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(usage)
    return
  }
  const [file, ...extra] = positionals
  if (file === undefined)
    throw new UsageError('Name the export file (Tools → Export in WordPress).')
  if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}`)
  if (!existsSync(file)) throw new SettingsError(`There is no file ${file}.`)
  const maxMiB = Number(values['max-mib'] ?? defaultMaxMiB)
  if (!Number.isFinite(maxMiB) || maxMiB <= 0) {
    throw new UsageError(`--max-mib must be a positive number of MiB, not ${values['max-mib']}.`)
  }
  // Stated before it is read: a file over the limit never reaches memory.
  const size = statSync(file).size
  if (size > maxMiB * 1024 * 1024) {
    throw new SettingsError(
      `${file} is ${(size / 1024 / 1024).toFixed(1)} MiB (${size} bytes), more than the ` +
        `${maxMiB} MiB this importer reads. If it is a real WordPress export, ` +
        'export fewer posts at a time ' +
        '(Tools → Export → Posts, by date) or raise the limit with --max-mib.',
    )
  }
  const contentDir = values.content ?? 'content'
  let plan: ImportPlan
  try {
    plan = planImport(parseWxr(readFileSync(file, 'utf8')), siteLanguage(contentDir))
  } catch (error) {
    if (error instanceof WxrError) throw new SettingsError(`${file} is ${error.message}.`)
    throw error
  }
  const sending = !values['articles-only'] && plan.comments.length > 0
  // Settings are checked before any file is written, so a missing token changes nothing.
  const baseUrl = sending ? resolveBaseUrl(values.url, process.env) : ''
  let client: AdminClient | undefined
  if (sending) {
    const { token, tokenSource } = resolveToken(process.env)
    client = new AdminClient(baseUrl, token, tokenSource)
  }
  writeArticles(plan, contentDir)
  const skipped = Object.keys(plan.skippedComments).length
  if (skipped > 0) console.log(`  comments skipped: ${listCounts(plan.skippedComments)}`)
  if (client) await sendComments(plan, client, baseUrl)
  else if (plan.comments.length > 0) {
    console.log(
      `Comments: ${plural(plan.comments.length, 'approved comment')} not sent (--articles-only).`,
    )
  }
}

try {
  await run(process.argv.slice(2))
} catch (error) {
  if (error instanceof AdminApiError) {
    console.error(`import-wordpress: ${error.message}`)
    process.exitCode = 1
  } else if (error instanceof SettingsError) {
    console.error(`import-wordpress: ${error.message}`)
    process.exitCode = 2
  } else if (
    error instanceof UsageError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    console.error(`import-wordpress: ${(error as Error).message}\n\n${usage}`)
    process.exitCode = 2
  } else {
    throw error
  }
}
