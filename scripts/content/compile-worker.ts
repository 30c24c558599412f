import { parentPort, workerData } from 'node:worker_threads'
import { type CompileJob, compileJob } from './compile-job'
import { mediaLibrary } from './media'

/**
 * A worker thread of compile-pool.ts: compiles each batch of jobs it is sent
 * and posts the batch's results back; the pool closes it when none are left.
 */
const { mediaDir, stamp } = workerData as { mediaDir: string; stamp: string }
const context = { media: mediaLibrary(mediaDir), stamp }
parentPort?.on('message', (jobs: CompileJob[]) => {
  parentPort?.postMessage(jobs.map((job) => compileJob(job, context)))
})
