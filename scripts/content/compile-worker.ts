import { parentPort, workerData } from 'node:worker_threads'
import { type CompileJob, compileJob } from './compile-job'
import { mediaLibrary } from './media'

/** A worker thread of compile-pool.ts: compiles its share of the articles and posts the results. */
const { jobs, mediaDir, stamp } = workerData as {
  jobs: CompileJob[]
  mediaDir: string
  stamp: string
}
const media = mediaLibrary(mediaDir)
parentPort?.postMessage(jobs.map((job) => compileJob(job, media, stamp)))
