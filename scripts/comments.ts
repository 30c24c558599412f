/**
 * Backs up and restores every comment of a site through its admin API.
 *
 * Usage: npm run comments -- export [--url <site>] > comments.jsonl
 *        npm run comments -- import [--url <site>] < comments.jsonl
 * Export writes one comment a line (JSON Lines), every status and every field,
 * page by page as the site hands them out. Import reads the same lines and sends
 * them in batches; each comment keeps its id, so importing twice changes nothing.
 * Site and token are found as `npm run moderate` finds them.
 * Exit status: 0 done, 1 the site refused or could not be reached, 2 wrong usage,
 * settings or input.
 */
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { AdminApiError, AdminClient } from './moderate-client'
import { resolveBaseUrl, resolveToken, SettingsError } from './moderate-settings'

const usage = `Usage:
  npm run comments -- export [--url <site>] > comments.jsonl
  npm run comments -- import [--url <site>] < comments.jsonl

The site is --url, else SITE_URL, else http://localhost:8787.
The token is ADMIN_TOKEN, else the ADMIN_TOKEN line of .dev.vars.`

/** Comments sent in one import request; the site takes at most 100. */
const batchSize = 100

/** The command line or the input is wrong; the CLI exits 2. */
class UsageError extends Error {}
class InputError extends Error {}

async function write(line: string): Promise<void> {
  if (!process.stdout.write(line)) {
    await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()))
  }
}

async function exportAll(client: AdminClient, baseUrl: string): Promise<void> {
  let count = 0
  for await (const page of client.exportPages()) {
    for (const comment of page) await write(`${JSON.stringify(comment)}\n`)
    count += page.length
  }
  console.error(`Exported ${count} comment${count === 1 ? '' : 's'} from ${baseUrl}.`)
}

async function importAll(client: AdminClient, baseUrl: string): Promise<void> {
  const totals = { created: 0, replaced: 0 }
  let batch: unknown[] = []
  let firstLine = 0
  let lineNumber = 0
  const send = async () => {
    try {
      const result = await client.importBatch(batch)
      totals.created += result.created
      totals.replaced += result.replaced
    } catch (error) {
      if (error instanceof AdminApiError) {
        // comments[i] in the site's answer is line firstLine + i of the input.
        error.message = `lines ${firstLine}–${lineNumber}: ${error.message}`
      }
      throw error
    }
    batch = []
  }
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNumber += 1
    if (line.trim() === '') continue
    let comment: unknown
    try {
      comment = JSON.parse(line)
    } catch {
      throw new InputError(`line ${lineNumber} is not JSON; each line must be one comment.`)
    }
    if (batch.length === 0) firstLine = lineNumber
    batch.push(comment)
    if (batch.length === batchSize) await send()
  }
  if (batch.length > 0) await send()
  const count = totals.created + totals.replaced
  console.error(
    `Imported ${count} comment${count === 1 ? '' : 's'} into ${baseUrl}: ` +
      `${totals.created} new, ${totals.replaced} already there (rewritten as in the backup).`,
  )
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) {
    console.log(usage)
    return
  }
  const [command, ...extra] = positionals
  if (command !== 'export' && command !== 'import') {
    throw new UsageError(command ? `Unknown command "${command}".` : 'Say export or import.')
  }
  if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}`)
  const baseUrl = resolveBaseUrl(values.url, process.env)
  const { token, tokenSource } = resolveToken(process.env)
  const client = new AdminClient(baseUrl, token, tokenSource)
  if (command === 'export') await exportAll(client, baseUrl)
  else await importAll(client, baseUrl)
}

try {
  await run(process.argv.slice(2))
} catch (error) {
  if (error instanceof AdminApiError) {
    console.error(`comments: ${error.message}`)
    process.exitCode = 1
  } else if (error instanceof SettingsError || error instanceof InputError) {
    console.error(`comments: ${error.message}`)
    process.exitCode = 2
  } else if (
    error instanceof UsageError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    console.error(`comments: ${(error as Error).message}\n\n${usage}`)
    process.exitCode = 2
  } else {
    throw error
  }
}
