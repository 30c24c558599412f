/**
 * Runs test files as `node --test` does, a process for each, but several at a
 * time and the longest first: `node --import tsx test/harness/run-files-side-by-side.ts
 * test/worker` (every *.test.ts in the folder) or with the files to run.
 *
 * The worker layer's files mostly wait (for workerd, a queue's batch, a scheduled
 * instant), so four run side by side even on two cores (TEST_CONCURRENCY changes
 * it; 1 runs them one after another). Each file starts its own Workers on ports
 * the system picks and keeps its data in memory or in a folder of its own, so
 * files share nothing but the test site's bundle, built before they start.
 *
 * The run ends when its longest file ends, so the longest start first: each file
 * takes the time it took in the last run here (kept in .cache/test-times.json), and
 * without one, files that say `test-runner: long` in a comment go first, then
 * those that build a site of their own, then the rest. A file that loads the
 * Worker hard on purpose (200 posts at once) says `test-runner: alone`: it runs
 * after the others, by itself, so its connections do not wait on theirs.
 *
 * It reports as `node --test` does (spec on a terminal, else TAP), a file's
 * tests together when the file ends, then each file's time, longest first, and
 * exits non-zero when a test failed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { PassThrough } from 'node:stream'
import { run } from 'node:test'
import { spec, tap } from 'node:test/reporters'
import { fileURLToPath } from 'node:url'
import { testFilesFrom } from './test-files'

const files = testFilesFrom(process.argv.slice(2), 'run-files-side-by-side.ts')
const concurrency = Number(process.env.TEST_CONCURRENCY ?? 4)
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(
    `TEST_CONCURRENCY must be a whole number from 1, not ${process.env.TEST_CONCURRENCY}`,
  )
  process.exit(2)
}

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url))
const timesFile = join(repositoryRoot, '.cache', 'test-times.json')
const name = (file: string) => relative(repositoryRoot, file)

/** Seconds each file took in the last run, by name; nothing before the first. */
function lastTimes(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(timesFile, 'utf8'))
  } catch {
    return {}
  }
}

const text = (file: string) => readFileSync(file, 'utf8')
const known = lastTimes()
/** A guess of a file's length, larger first: its last time, else what it says it does. */
function expected(file: string): number {
  const last = known[name(file)]
  if (last !== undefined) return last
  const source = text(file)
  if (source.includes('test-runner: long')) return 1e6
  if (source.includes('buildFixtureBundle(')) return 1e5
  return 0
}
const alone = files.filter((file) => text(file).includes('test-runner: alone'))
const together = files
  .filter((file) => !alone.includes(file))
  .map((file) => ({ file, expected: expected(file) }))
  .sort((a, b) => b.expected - a.expected)
  .map(({ file }) => file)

type TestEvent = { type: string; data: { nesting: number; file?: string; [key: string]: unknown } }

// One reporter for every file's events, a file's given all at once when it ends.
const events = new PassThrough({ objectMode: true })
const reported = events.compose(process.stdout.isTTY ? new spec() : tap)
reported.pipe(process.stdout)
const reporterDone = new Promise((resolve) => reported.on('end', resolve))

const totals = new Map<string, number>()
const seconds: Record<string, number> = {}
let topLevel = 0

/** Runs one file in a process of its own; passes its events on when it ends. */
async function runFile(file: string): Promise<void> {
  const started = performance.now()
  const own: TestEvent[] = []
  await new Promise<void>((resolve, reject) => {
    run({ files: [file] })
      .on('data', (event: TestEvent) => own.push(event))
      .on('end', resolve)
      .on('error', reject)
  })
  seconds[name(file)] = Math.round((performance.now() - started) / 100) / 10
  for (const event of own) {
    const { type, data } = event
    // The run's own plan and summary are of this file alone: the whole run's come at the end.
    if (data.nesting === 0 && data.file === undefined) {
      if (type === 'test:diagnostic') {
        const [key, value] = String(data.message).split(' ')
        if (key && key !== 'duration_ms') totals.set(key, (totals.get(key) ?? 0) + Number(value))
      }
      if (type === 'test:plan' || type === 'test:diagnostic') continue
    }
    if (type === 'test:fail') process.exitCode = 1
    if (data.nesting === 0 && (type === 'test:pass' || type === 'test:fail')) {
      topLevel += 1
      events.write({ type, data: { ...data, testNumber: topLevel } })
    } else events.write(event)
  }
}

/** Runs `list`, `concurrency` files at a time, each as soon as a place is free, in order. */
async function runFiles(list: string[], concurrency: number): Promise<void> {
  const queue = [...list]
  const next = async (): Promise<void> => {
    const file = queue.shift()
    if (file === undefined) return
    await runFile(file)
    await next()
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, next))
}

const started = performance.now()
await runFiles(together, concurrency)
await runFiles(alone, 1)
const diagnostic = (message: string) =>
  events.write({ type: 'test:diagnostic', data: { nesting: 0, message } })
events.write({ type: 'test:plan', data: { nesting: 0, count: topLevel } })
for (const [key, value] of totals) diagnostic(`${key} ${value}`)
diagnostic(`duration_ms ${Math.round(performance.now() - started)}`)
diagnostic('seconds each file took, longest first:')
const byTime = Object.entries(seconds).sort((a, b) => b[1] - a[1])
for (const [file, time] of byTime) diagnostic(`${String(time).padStart(6)} s ${file}`)
events.end()
await reporterDone
mkdirSync(dirname(timesFile), { recursive: true })
writeFileSync(timesFile, `${JSON.stringify({ ...known, ...seconds }, null, 2)}\n`)
