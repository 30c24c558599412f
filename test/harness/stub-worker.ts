import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { startWorker, type TestWorker } from './worker'

/** What the stub Worker answers every request with (status 500). */
export const workerRan = 'the Worker ran'

/**
 * A built site's assets and wrangler.toml (beside `bundle`, as buildFixtureBundle
 * leaves them) in front of a Worker that only says it ran: whatever answers
 * `workerRan` went through the Worker, anything else did not.
 */
export async function startStubBehindAssets(bundle: string): Promise<TestWorker> {
  const built = dirname(dirname(bundle))
  const root = mkdtempSync(join(tmpdir(), 'stub-worker-'))
  cpSync(join(built, 'wrangler.toml'), join(root, 'wrangler.toml'))
  mkdirSync(join(root, 'src'))
  symlinkSync(join(built, 'src', 'generated'), join(root, 'src', 'generated'), 'dir')
  mkdirSync(join(root, 'dist'))
  writeFileSync(
    join(root, 'dist', 'index.js'),
    `export default { fetch: () => new Response(${JSON.stringify(workerRan)}, { status: 500 }) }\n`,
  )
  const worker = await startWorker({ scriptPath: join(root, 'dist', 'index.js') })
  return {
    ...worker,
    stop: async () => {
      await worker.stop()
      rmSync(root, { recursive: true, force: true })
    },
  }
}
