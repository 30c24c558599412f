import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { nodeBundleOptions } from '../node-bundle.mjs'
import type { CompileJob, CompileResult } from './compile-job'

// Below this many files threads cost more to start than they save.
const threadedFrom = 500
// Small enough that both threads finish together, large enough that messages are few.
const batchSize = 100

/**
 * The worker's code as one plain JavaScript file, bundled by esbuild from the
 * TypeScript sources: a thread that loaded them through tsx would spend about
 * half a second of CPU on loader hooks before compiling anything.
 */
async function bundleWorker(cacheDir: string): Promise<string> {
  const esbuild = await import('esbuild')
  const outfile = resolve(cacheDir, 'compile-worker.mjs')
  const { outputFiles } = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./compile-worker.ts', import.meta.url))],
    outfile,
    write: false,
    ...nodeBundleOptions,
    // Loaded by each thread from node_modules, in parallel, rather than bundled:
    // bundled, they cost the main thread 0.2 s before any thread started, and a
    // full build of 10,000 articles took 6.8 s, against 5.9 s without them.
    external: ['esbuild', 'sanitize-html', 'marked'],
  })
  // Its service process would otherwise outlive the build by a moment.
  await esbuild.stop()
  // Written aside and renamed, so a build running beside this one never starts a half-written file.
  mkdirSync(cacheDir, { recursive: true })
  const aside = `${outfile}.${process.pid}`
  writeFileSync(aside, outputFiles?.[0]?.contents ?? '')
  renameSync(aside, outfile)
  return outfile
}

/**
 * Compiles the jobs on every core: one worker thread per core, each taking the
 * next batch as it finishes one, so both finish together. A few jobs (an edit
 * among thousands) are compiled in-process, without loading esbuild or threads.
 * `onBatch` takes the results as they come; `cacheDir` receives the bundled worker.
 */
export async function compileAll(
  jobs: CompileJob[],
  mediaDir: string,
  stamp: string,
  cacheDir: string,
  onBatch: (results: CompileResult[]) => void,
): Promise<void> {
  if (jobs.length === 0) return
  const threads = Math.min(availableParallelism(), Math.ceil(jobs.length / threadedFrom))
  if (threads <= 1) {
    // Loaded here, so that a build with nothing to compile never loads Markdown, YAML or zod.
    const [{ compileJob }, { mediaLibrary }] = await Promise.all([
      import('./compile-job'),
      import('./media'),
    ])
    const context = { media: mediaLibrary(mediaDir), stamp }
    onBatch(jobs.map((job) => compileJob(job, context)))
    return
  }
  const script = await bundleWorker(cacheDir)
  let next = 0
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(script, {
            // Plain Node: the bundle needs no loader, and tsx's hooks would cost their start again.
            execArgv: [],
            workerData: { mediaDir, stamp },
          })
          let finished = false
          const feed = () => {
            if (next >= jobs.length) {
              finished = true
              void worker.terminate().then(() => resolve())
              return
            }
            worker.postMessage(jobs.slice(next, next + batchSize))
            next += batchSize
          }
          worker.on('message', (batch: CompileResult[]) => {
            // The next batch first, so the thread computes while this one is taken in.
            feed()
            onBatch(batch)
          })
          worker.once('error', reject)
          worker.once('exit', (code) => {
            if (!finished) reject(new Error(`compile worker exited with ${code}`))
          })
          feed()
        }),
    ),
  )
}
