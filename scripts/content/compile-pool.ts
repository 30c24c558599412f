import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { type CompileJob, type CompileResult, compileJob } from './compile-job'
import { mediaLibrary } from './media'

// The worker is TypeScript: on Node 20 a worker thread does not inherit tsx's
// loader, so it registers tsx itself before importing compile-worker.ts.
const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL('./compile-worker.ts', import.meta.url).href)}) })`

// Below this many files a thread costs more to start (~100 ms with tsx) than it saves.
const threadedFrom = 200

/**
 * Compiles the jobs on every core: one worker thread per core, each taking an
 * equal share. A few jobs (an edit among thousands) are compiled in-process.
 */
export async function compileAll(
  jobs: CompileJob[],
  mediaDir: string,
  stamp: string,
): Promise<CompileResult[]> {
  const threads = Math.min(availableParallelism(), Math.ceil(jobs.length / threadedFrom))
  if (threads <= 1) {
    const media = mediaLibrary(mediaDir)
    return jobs.map((job) => compileJob(job, media, stamp))
  }
  const shares = Array.from({ length: threads }, (_, t) => jobs.filter((_, i) => i % threads === t))
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<CompileResult[]>((resolve, reject) => {
          const worker = new Worker(bootstrap, {
            eval: true,
            workerData: { jobs: share, mediaDir, stamp },
          })
          worker.once('message', resolve)
          worker.once('error', reject)
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`compile worker exited with ${code}`))
          })
        }),
    ),
  )
  return results.flat()
}
