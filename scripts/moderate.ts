/**
 * Moderates comments from a terminal through the site's admin API.
 *
 * Usage: npm run moderate -- list [--status pending|approved|spam] [--article <slug>]
 *        npm run moderate -- approve|spam|delete <id>
 * approve takes a comment `list` printed, and approves it only if its author has
 * not edited it since (the version list kept in .cache/moderate-listed.json).
 * Options: --url <site> (else SITE_URL, else http://localhost:8787).
 * Token: ADMIN_TOKEN from the environment, else the ADMIN_TOKEN line of ./.dev.vars.
 * Exit status: 0 done, 1 the site refused or could not be reached, 2 wrong usage or settings.
 */
import { parseArgs } from 'node:util'
import { AdminApiError, AdminClient } from './moderate-client'
import { keepListed, listedVersion } from './moderate-listed'
import { resolveBaseUrl, resolveToken, SettingsError } from './moderate-settings'
import { commentTable, printable } from './moderate-table'

const usage = `Usage:
  npm run moderate -- list [--status pending|approved|spam] [--article <slug>] [--url <site>]
  npm run moderate -- approve <id> [--url <site>]
  npm run moderate -- spam <id> [--url <site>]
  npm run moderate -- delete <id> [--url <site>]

approve takes a comment that list printed, and only if its author has not
edited it since.
The site is --url, else SITE_URL, else http://localhost:8787.
The token is ADMIN_TOKEN, else the ADMIN_TOKEN line of .dev.vars.`

const statuses = ['pending', 'approved', 'spam']

/** The command line itself is wrong; the CLI prints the usage and exits 2. */
class UsageError extends Error {}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      status: { type: 'string' },
      article: { type: 'string' },
      url: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const [command, id, ...extra] = positionals
  if (values.help) {
    console.log(usage)
    return
  }
  if (command === undefined) throw new UsageError('Say what to do: list, approve, spam or delete.')
  if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}`)
  const isList = command === 'list'
  if (!isList && !['approve', 'spam', 'delete'].includes(command)) {
    throw new UsageError(`Unknown command "${command}".`)
  }
  if (isList && id !== undefined) throw new UsageError(`list takes no id (got "${id}").`)
  // An empty id (a shell variable that was never set) would ask for a comment that cannot exist.
  if (!isList && (id === undefined || id.trim() === '')) {
    throw new UsageError(`${command} needs a comment id.`)
  }
  if (values.article?.trim() === '') throw new UsageError('--article needs a slug.')
  if (!isList && (values.status !== undefined || values.article !== undefined)) {
    throw new UsageError('--status and --article go with list only.')
  }
  const status = values.status ?? 'pending'
  if (!statuses.includes(status)) {
    throw new UsageError(`--status must be pending, approved or spam, got "${status}".`)
  }

  const baseUrl = resolveBaseUrl(values.url, process.env)
  const { token, tokenSource } = resolveToken(process.env)
  const client = new AdminClient(baseUrl, token, tokenSource)

  if (command === 'list') {
    const comments = await client.list(status, values.article)
    keepListed(baseUrl, comments)
    const where = `${values.article ? `on ${values.article} ` : ''}at ${baseUrl}`
    if (comments.length === 0) {
      console.log(`No ${status} comments ${where}.`)
      return
    }
    const noun = comments.length === 1 ? 'comment' : 'comments'
    console.log(`${comments.length} ${status} ${noun} ${where}:\n\n${commentTable(comments)}`)
  } else if (command === 'approve') {
    // Only what the operator read is approved: the version `list` showed goes with it.
    const version = listedVersion(baseUrl, id as string)
    if (version === undefined) {
      throw new UsageError(
        `${id} was not in a list of ${baseUrl} yet: list it first (npm run moderate -- list), ` +
          'so that approve publishes only the text you read.',
      )
    }
    const comment = await client.approve(id as string, version)
    console.log(`Approved ${comment.id} by ${printable(comment.author)} on ${comment.article}.`)
  } else if (command === 'spam') {
    const comment = await client.spam(id as string)
    console.log(
      `Marked ${comment.id} by ${printable(comment.author)} on ${comment.article} as spam.`,
    )
  } else {
    await client.delete(id as string)
    console.log(`Deleted ${id}.`)
  }
}

try {
  await run(process.argv.slice(2))
} catch (error) {
  if (error instanceof AdminApiError) {
    console.error(`moderate: ${error.message}`)
    process.exitCode = 1
  } else if (error instanceof SettingsError) {
    console.error(`moderate: ${error.message}`)
    process.exitCode = 2
  } else if (
    error instanceof UsageError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    console.error(`moderate: ${(error as Error).message}\n\n${usage}`)
    process.exitCode = 2
  } else {
    throw error
  }
}
