/**
 * Runs test files as `node --test` does, but in a few processes that each take
 * the next file when they end one (run-files-sent-in-turn.ts), and the longest
 * first: `node --import tsx test/harness/run-files-side-by-side.ts test/worker`
 * (every *.test.ts in the folder) or with the files to run.
 *
 * The worker layer's files mostly wait (for workerd, a queue's batch, a scheduled
 * instant), so four processes run side by side even on two cores (TEST_CONCURRENCY
 * changes it; 1 runs the files one after another). Each file starts its own
 * Workers on ports the system picks and keeps its data in memory or in a folder
 * of its own, so files share nothing but the test site's bundle, built before
 * they start, and the process they run in.
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
import { fork } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { PassThrough } from 'node:stream'
import { spec, tap } from 'node:test/reporters'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { asErrors, isOutsideError } from './report-to-parent'
import type { NextFile } from './run-files-sent-in-turn'
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

type TestEvent = {
  type: string
  data: {
    name?: string
    nesting: number
    skip?: unknown
    todo?: unknown
    details?: { type?: string; duration_ms?: number; error?: { failureType?: string } }
    [key: string]: unknown
  }
}

// One reporter for every file's events, a file's given all at once when it ends.
const events = new PassThrough({ objectMode: true })
const reported = events.compose(process.stdout.isTTY ? new spec() : tap)
reported.pipe(process.stdout)
const reporterDone = new Promise((resolve) => reported.on('end', resolve))

const totals = { tests: 0, suites: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 }
const seconds: Record<string, number> = {}
let topLevel = 0

/**
 * Adds a finished test or suite to the totals, as node --test would give them:
 * the suite each file is wrapped in is not counted, and a suite counts among the
 * failures only when it failed of itself (a hook, a file whose process died), not
 * when a test in it did, which is counted already. Whether it fails the run.
 */
function count({ type, data }: TestEvent): boolean {
  const suite = data.details?.type === 'suite'
  const file = data.nesting === 0
  if (suite && !file) totals.suites += 1
  else if (!suite) totals.tests += 1
  const failure = data.details?.error?.failureType
  if (suite && (type === 'test:pass' || failure === 'subtestsFailed')) return false
  if (data.skip !== undefined) totals.skipped += 1
  else if (data.todo !== undefined) totals.todo += 1
  else if (type === 'test:pass') totals.pass += 1
  else if (failure === 'cancelledByParent') totals.cancelled += 1
  else totals.fail += 1
  return type === 'test:fail' && data.todo === undefined && data.skip === undefined
}

/** Passes on a file's events, its suite numbered among the run's top-level ones. */
function report(own: TestEvent[]): void {
  for (const event of own) {
    const { type, data } = event
    const ended = type === 'test:pass' || type === 'test:fail'
    if (ended && count(event)) process.exitCode = 1
    if (data.nesting === 0 && ended) {
      topLevel += 1
      events.write({ type, data: { ...data, testNumber: topLevel } })
    } else events.write(event)
  }
}

/** A failed top-level entry for `name`, of its own making (not a test's). */
function fileFailure(name: string, error: Error): TestEvent {
  return {
    type: 'test:fail',
    data: {
      name,
      nesting: 0,
      details: {
        type: 'suite',
        duration_ms: 0,
        error: Object.assign(error, { failureType: 'uncaughtException' }),
      },
    },
  }
}

const harness = dirname(fileURLToPath(import.meta.url))
const childArguments = [
  ...process.execArgv,
  `--test-reporter=${pathToFileURL(join(harness, 'report-to-parent.ts')).href}`,
  '--test-reporter-destination=stdout',
]

/**
 * Runs the files of `queue` in one process, each as soon as it ends the one
 * before, until the queue is empty; a process that dies takes only its file
 * with it, and the rest go on in a new one.
 */
async function runInOneProcess(queue: string[]): Promise<void> {
  let file = queue.shift()
  if (file === undefined) return
  const child = fork(join(harness, 'run-files-sent-in-turn.ts'), [], {
    execArgv: childArguments,
    // Whatever a test prints of its own goes to stderr, so stdout stays the report.
    stdio: ['ignore', 2, 2, 'ipc'],
    // Structured clone, not JSON: an assertion's BigInt, Map or undefined arrives as it was.
    serialization: 'advanced',
  })
  let own: TestEvent[] = []
  let started = 0
  const send = (next: NextFile) => child.send(next)
  const sendFile = (path: string) => {
    own = []
    started = performance.now()
    send({ name: name(path), path })
  }
  const ended = new Promise<number | null>((resolve) => child.on('exit', resolve))
  child.on('message', (message: unknown) => {
    if (isOutsideError(message)) {
      // Thrown after its test ended, or by no test: node --test fails the run for it too.
      const error = asErrors(message.outside) as Error
      const where = file === undefined ? 'the last file' : name(file)
      report([
        fileFailure(`${where} (or a file before it in its process), outside any test`, error),
      ])
      return
    }
    const event = asErrors(message) as TestEvent
    own.push(event)
    const { type, data } = event
    if (file === undefined || data.nesting !== 0 || data.name !== name(file)) return
    if (type !== 'test:pass' && type !== 'test:fail') return
    seconds[name(file)] = Math.round((performance.now() - started) / 100) / 10
    report(own)
    own = []
    file = queue.shift()
    if (file === undefined) send({ done: true })
    else sendFile(file)
  })
  sendFile(file)
  const code = await ended
  if (file === undefined) return
  const lost = new Error(`the test process ended (exit code ${code}) before this file did`)
  report([...own, fileFailure(name(file), lost)])
  await runInOneProcess(queue)
}

/** Runs `list` in `processes` processes, each taking the next file in order when it ends one. */
async function runFiles(list: string[], processes: number): Promise<void> {
  const queue = [...list]
  await Promise.all(
    Array.from({ length: Math.min(processes, list.length) }, () => runInOneProcess(queue)),
  )
}

const started = performance.now()
await runFiles(together, concurrency)
await runFiles(alone, 1)
const diagnostic = (message: string) =>
  events.write({ type: 'test:diagnostic', data: { nesting: 0, message } })
events.write({ type: 'test:plan', data: { nesting: 0, count: topLevel } })
for (const [key, value] of Object.entries(totals)) diagnostic(`${key} ${value}`)
diagnostic(`duration_ms ${Math.round(performance.now() - started)}`)
diagnostic('seconds each file took, longest first:')
const byTime = Object.entries(seconds).sort((a, b) => b[1] - a[1])
for (const [file, time] of byTime) diagnostic(`${String(time).padStart(6)} s ${file}`)
events.end()
await reporterDone
mkdirSync(dirname(timesFile), { recursive: true })
// Only files of the repository that are still there: a renamed or deleted file's time goes.
const kept = Object.entries({ ...known, ...seconds }).filter(
  ([file]) => !file.startsWith('..') && existsSync(join(repositoryRoot, file)),
)
writeFileSync(timesFile, `${JSON.stringify(Object.fromEntries(kept), null, 2)}\n`)
