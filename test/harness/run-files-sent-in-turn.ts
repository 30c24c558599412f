/**
 * The other end of run-files-side-by-side.ts: a process that runs the test files
 * its parent sends, one after another, each wrapped in a suite named for it, and
 * sends every node:test event back (through test/harness/report-to-parent.ts).
 *
 * A process of its own per file cost each worker test file about 3.4 s of CPU
 * before its first test (tsx, Miniflare's 3.8 MB module, the JIT warming to
 * them), more than most files spend on their tests. Here those are paid once per
 * process. The suite keeps what a file declares at its top level (`before`,
 * `after`, tests) to that file: its Workers start when its suite starts and stop
 * when it ends. Files share this process's globals, so a file that changes one
 * (an environment variable, a mock) puts it back within its own suite.
 */
import { describe } from 'node:test'
import { pathToFileURL } from 'node:url'
import { sendOutsideError } from './report-to-parent'

/** What the parent sends: the next file, as its name and absolute path, or that none is left. */
export type NextFile = { name: string; path: string } | { done: true }

// How long a file may take before its suite is cancelled: a hung test would
// otherwise hold the run, and show nothing, since a file reports when it ends.
const fileTimeoutMs = Number(process.env.TEST_FILE_TIMEOUT_SECONDS ?? 600) * 1000

// node:test keeps an error thrown after its test ended for the report at the end
// of the process, which this process never reaches: it goes to the parent now.
process.on('uncaughtException', sendOutsideError)
process.on('unhandledRejection', sendOutsideError)

process.on('message', (next: NextFile) => {
  // Every event has been sent by then (the parent asks for no more after a file's
  // end), and exiting also stops a Worker a file left running.
  if ('done' in next) process.exit()
  describe(next.name, { timeout: fileTimeoutMs }, async () => {
    await import(pathToFileURL(next.path).href)
  })
})
