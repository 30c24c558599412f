/**
 * Runs test files in this one process: `node --import tsx test/harness/run-in-one-process.ts
 * test/unit` (every *.test.ts in the folder) or with the files to run. node:test
 * collects what each file declares and runs it as `node --test` would, one file
 * after another, reporting the same way (spec on a terminal, TAP otherwise, or
 * --test-reporter), and exits non-zero when a test failed.
 *
 * `node --test` starts a process per file, and tsx compiles what each imports
 * again in every one of them: the unit layer spent most of its time starting
 * processes. Files run here share their globals, so a file that changes one
 * (a mock, an environment variable, a hook at the top level) puts it back
 * within its own describe.
 */
import { pathToFileURL } from 'node:url'
import { testFilesFrom } from './test-files'

const files = testFilesFrom(process.argv.slice(2), 'run-in-one-process.ts')
for (const file of files) await import(pathToFileURL(file).href)
