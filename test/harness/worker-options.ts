import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { WorkerOptions } from 'miniflare'

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url))
const kept = join(repositoryRoot, '.cache', 'worker-options')
// Stands for the folder of the wrangler.toml in what is kept.
const rootMark = '{{ROOT}}'

/**
 * The Miniflare options wrangler reads from a wrangler.toml (its bindings,
 * queues, limits, assets), as `unstable_getMiniflareWorkerOptions` gives them.
 * Loading wrangler costs a test process about two seconds of CPU, more than most
 * worker test files spend on their tests, and every copy of the test site holds
 * the same wrangler.toml: so the options are kept in .cache/worker-options/, by
 * a hash of the file and wrangler's version, with the folder's path left open,
 * and wrangler is loaded only when they are not there yet.
 */
export async function workerOptionsFrom(configPath: string): Promise<WorkerOptions> {
  const root = dirname(configPath)
  const wranglerVersion = JSON.parse(
    readFileSync(join(repositoryRoot, 'node_modules', 'wrangler', 'package.json'), 'utf8'),
  ).version
  const key = createHash('sha256')
    .update(`${wranglerVersion}\0${readFileSync(configPath, 'utf8')}`)
    .digest('hex')
    .slice(0, 16)
  const file = join(kept, `${key}.json`)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    const { unstable_getMiniflareWorkerOptions } = await import('wrangler')
    const { workerOptions } = unstable_getMiniflareWorkerOptions(configPath)
    text = JSON.stringify(workerOptions).replaceAll(JSON.stringify(root).slice(1, -1), rootMark)
    mkdirSync(kept, { recursive: true })
    // Written aside and renamed: files starting side by side may write it at once.
    const aside = `${file}.${process.pid}`
    writeFileSync(aside, text)
    renameSync(aside, file)
  }
  return JSON.parse(text.replaceAll(rootMark, JSON.stringify(root).slice(1, -1)))
}
