/**
 * Moves a WordPress site here: reads the WXR file that WordPress's Tools → Export
 * writes, writes its posts as content/articles/<slug>.md and its pages as
 * content/pages/<slug>.md (published, scheduled, or drafts kept as drafts),
 * copies their images and attachments from the uploads folder into
 * content/media/ when given one, and restores the posts' approved comments into
 * the site's KV through the admin API, as `npm run comments -- import` does. It
 * ends with a report naming everything not brought across and every change made
 * so the build takes a file. Ids and file contents come from the export (and the
 * uploads) alone, so running it again changes nothing.
 *
 * Usage: npm run import-wordpress -- export.xml [--url <site>] [--content <dir>] [--articles-only]
 *        [--uploads <wp-content/uploads>] [--max-mib <n>]
 * Exit status: 0 done, 1 the site refused or could not be reached, 2 wrong usage,
 * settings or file.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import { parse as parseYaml } from 'yaml'
import { imageInfo } from './content/image-size'
import { AdminApiError, AdminClient } from './moderate-client'
import { resolveBaseUrl, resolveToken, SettingsError } from './moderate-settings'
import { type ContentFile, type ImportPlan, planImport } from './wordpress/convert'
import type { UploadsFolder } from './wordpress/media'
import { parseWxr, WxrError } from './wordpress/wxr'

/**
 * The largest export read unless --max-mib says otherwise: the whole file is parsed
 * in memory (a 50 MiB export took about 200 MB here, once posts over
 * maxPostCharacters are skipped unconverted; before, a 60 MB post took 2.88 GB).
 */
const defaultMaxMiB = 50

const usage = `Usage:
  npm run import-wordpress -- export.xml [--url <site>] [--content <dir>] [--articles-only]
                                         [--uploads <dir>] [--max-mib <n>]

Writes the export's posts to <dir>/articles and its pages to <dir>/pages (default
dir: content), drafts as drafts and scheduled posts as scheduled, and sends the
posts' approved comments to the site: --url, else SITE_URL, else
http://localhost:8787, with the token ADMIN_TOKEN, else the ADMIN_TOKEN line of .dev.vars.
--uploads <dir> is the old site's wp-content/uploads: images and attachments found
there are copied to <dir>/media; without it they stay on the old site.
--articles-only writes the files and sends nothing.
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

/** Writes a file unless it already holds exactly these bytes; says which it was. */
function writeIfChanged(path: string, bytes: Buffer): 'new' | 'changed' | 'unchanged' {
  const before = existsSync(path) ? readFileSync(path) : undefined
  if (before?.equals(bytes)) return 'unchanged'
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, bytes)
  return before === undefined ? 'new' : 'changed'
}

function writeAll(files: Iterable<[string, Buffer]>): string {
  const done = { new: 0, changed: 0, unchanged: 0 }
  for (const [path, bytes] of files) done[writeIfChanged(path, bytes)] += 1
  return `${done.new} new, ${done.changed} changed, ${done.unchanged} unchanged`
}

const asFiles = (dir: string, files: ContentFile[]): Array<[string, Buffer]> =>
  files.map((file) => [join(dir, `${file.slug}.md`), Buffer.from(file.text)])

/** Writes the articles, pages and media, then reports what was left out or changed. */
function writeFiles(plan: ImportPlan, contentDir: string): void {
  const articles = join(contentDir, 'articles')
  const pages = join(contentDir, 'pages')
  const media = join(contentDir, 'media')
  console.log(
    `Articles: ${plural(plan.articles.length, 'post')} in ${articles} ` +
      `(${writeAll(asFiles(articles, plan.articles))}).`,
  )
  console.log(
    `Pages: ${plural(plan.pages.length, 'page')} in ${pages} ` +
      `(${writeAll(asFiles(pages, plan.pages))}).`,
  )
  const copies = [...plan.media].map(([name, bytes]): [string, Buffer] => [
    join(media, name),
    bytes,
  ])
  console.log(`Media: ${plural(copies.length, 'file')} in ${media} (${writeAll(copies)}).`)
  const left: string[] = [
    ...plan.skippedPosts.map(
      (post) => `skipped ${post.reason} ${post.kind} ${post.id}: ${post.title}`,
    ),
    ...(Object.keys(plan.skippedItems).length > 0
      ? [`also skipped: ${listCounts(plan.skippedItems)}`]
      : []),
    ...plan.attachmentsLeft.map((name) => `attachment not copied: ${name}`),
    ...(Object.keys(plan.skippedComments).length > 0
      ? [`comments skipped: ${listCounts(plan.skippedComments)}`]
      : []),
  ]
  if (left.length > 0) console.log(`Not brought across:\n${left.map((l) => `  ${l}`).join('\n')}`)
  if (plan.changes.length > 0) {
    console.log('Changed so the build takes them, or left on the old site:')
    for (const change of plan.changes) {
      console.log(`  ${change.file} (WordPress ${change.source}):`)
      for (const note of change.notes) console.log(`    ${note}`)
    }
  }
}

/** The old site's wp-content/uploads, read only inside it; images with their size. */
function uploadsFolder(dir: string): UploadsFolder {
  const root = resolve(dir)
  return {
    file(name) {
      const path = resolve(root, name)
      if (!path.startsWith(root + sep) || !existsSync(path) || !statSync(path).isFile()) {
        return undefined
      }
      const bytes = readFileSync(path)
      const info = imageInfo(bytes)
      return { bytes, ...(info ? { size: { width: info.width, height: info.height } } : {}) }
    },
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
      uploads: { type: 'string' },
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
  // Stated before it is read: a file over the limit never reaches memory. A pipe or a
  // device states no size, so only a regular file is read at all.
  const stats = statSync(file)
  if (!stats.isFile()) {
    throw new SettingsError(
      `${file} is not a regular file; save the export to a file first (a pipe has no size to check).`,
    )
  }
  const size = stats.size
  if (size > maxMiB * 1024 * 1024) {
    throw new SettingsError(
      `${file} is ${(size / 1024 / 1024).toFixed(1)} MiB (${size} bytes), more than the ` +
        `${maxMiB} MiB this importer reads. If it is a real WordPress export, ` +
        'export fewer posts at a time ' +
        '(Tools → Export → Posts, by date) or raise the limit with --max-mib.',
    )
  }
  const contentDir = values.content ?? 'content'
  const uploadsDir = values.uploads
  if (uploadsDir !== undefined && !statSync(uploadsDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new SettingsError(`There is no folder ${uploadsDir} (--uploads: wp-content/uploads).`)
  }
  let plan: ImportPlan
  try {
    plan = planImport(parseWxr(readFileSync(file, 'utf8')), {
      fallbackLanguage: siteLanguage(contentDir),
      ...(uploadsDir ? { uploads: uploadsFolder(uploadsDir) } : {}),
    })
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
  writeFiles(plan, contentDir)
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
