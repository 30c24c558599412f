import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after } from 'node:test'
import { type StartOptions, startWorker, type TestWorker } from '../harness/worker'

/**
 * Data centres for one test file: each a KV namespace and a cache kept in a
 * folder, which fresh Workers started in it share, as the isolates of one data
 * centre do. Every Worker is stopped and every folder removed after the file.
 */
export function dataCentres() {
  const folders: string[] = []
  const workers: TestWorker[] = []
  after(async () => {
    await Promise.all(workers.map((worker) => worker.stop()))
    for (const folder of folders) rmSync(folder, { recursive: true, force: true })
  })
  /** A new data centre; the function it gives starts a fresh isolate there. */
  return function open(defaults: StartOptions = {}) {
    const folder = mkdtempSync(join(tmpdir(), 'data-centre-'))
    folders.push(folder)
    // Start them one after another: two workerd starting at once on one folder find its SQLite busy.
    return async (options: StartOptions = {}): Promise<TestWorker> => {
      const worker = await startWorker({
        kvPersist: join(folder, 'kv'),
        cachePersist: join(folder, 'cache'),
        ...defaults,
        ...options,
      })
      workers.push(worker)
      return worker
    }
  }
}
