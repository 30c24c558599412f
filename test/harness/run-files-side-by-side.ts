/**
 * Runs test files as `node --test` does, a process for each, but several at a
 * time and the slow ones first: `node --import tsx test/harness/run-files-side-by-side.ts
 * test/worker` (every *.test.ts in the folder) or with the files to run.
 *
 * The worker layer's files mostly wait (for workerd, a queue's batch, a fixture
 * site's build, a scheduled instant), so four run side by side even on two cores
 * (TEST_CONCURRENCY changes it; 1 runs them one after another). Each file starts
 * its own Workers on ports the system picks and keeps its data in memory or in a
 * folder of its own, so files share nothing but the test site's bundle, built
 * before they start. The files that build a fixture site of their own (wrangler,
 * tens of seconds) start first, so the run does not end waiting for one of them.
 * A file that loads the Worker hard on purpose (200 posts at once) says
 * `test-runner: alone` in a comment: it runs after the others, by itself, so its
 * connections do not wait on theirs.
 *
 * `node --test` sorts the files it is given by name and takes no order; node:test's
 * run() takes them in the order given. It reports as `node --test` does: spec on
 * a terminal, else TAP, and exits non-zero when a test failed.
 */
import { readFileSync } from 'node:fs'
import { run } from 'node:test'
import { spec, tap } from 'node:test/reporters'
import { testFilesFrom } from './test-files'

const files = testFilesFrom(process.argv.slice(2), 'run-files-side-by-side.ts')
const text = (file: string) => readFileSync(file, 'utf8')
const alone = files.filter((file) => text(file).includes('test-runner: alone'))
const together = files.filter((file) => !alone.includes(file))
const buildsASite = (file: string) => text(file).includes('buildFixtureBundle(')
const ordered = [...together.filter(buildsASite), ...together.filter((file) => !buildsASite(file))]

const concurrency = Number(process.env.TEST_CONCURRENCY ?? 4)
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(
    `TEST_CONCURRENCY must be a whole number from 1, not ${process.env.TEST_CONCURRENCY}`,
  )
  process.exit(2)
}

/** Runs `list`, `concurrency` files at a time, reporting to standard output; resolves when done. */
function runFiles(list: string[], concurrency: number): Promise<void> {
  if (list.length === 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    run({ files: list, concurrency })
      .on('test:fail', () => {
        process.exitCode = 1
      })
      .compose(process.stdout.isTTY ? new spec() : tap)
      .on('end', resolve)
      .on('error', reject)
      .pipe(process.stdout, { end: false })
  })
}

await runFiles(ordered, concurrency)
await runFiles(alone, 1)
