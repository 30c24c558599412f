import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { captureRoutes, differences } from './capture'
import type { Contender } from './compare'
import { bundlePeer, type PeerSource } from './peer-bundle'
import type { CapturedRoute } from './peers/captured'
import type { BuiltProject } from './project'
import { type RunningWorker, startProject, startScript } from './workers'

/** The real Worker and the peers measured against it, all running. */
export interface Contenders {
  /** By name: hono (the real Worker), itty, naive, constant. */
  byName: Record<string, Contender>
  /** What the real Worker answered, by path. */
  routes: Map<string, CapturedRoute>
  real: RunningWorker
  stop(): Promise<void>
}

/** Which peers to start besides the real Worker and the constant. */
export interface ContenderOptions {
  itty?: boolean
  naive?: boolean
  /** Runs against the real Worker before anything is captured, e.g. to seed KV. */
  prepare?: (real: RunningWorker) => Promise<void>
}

/**
 * Starts the real bundle, captures its answers for `paths`, then starts the
 * peers built from those answers and checks that the constant and itty peers
 * answer with exactly the same status, headers and bytes.
 */
export async function startContenders(
  project: BuiltProject,
  paths: readonly string[],
  options: ContenderOptions,
  compatibilityDate: string,
): Promise<Contenders> {
  const workers: RunningWorker[] = []
  const stop = () => Promise.all(workers.map((worker) => worker.stop())).then(() => undefined)
  try {
    const real = await startProject(project)
    workers.push(real)
    await options.prepare?.(real)
    const captured = await captureRoutes(real.origin, paths)
    const capturedPath = join(project.dir, `captured-${Date.now()}.json`)
    writeFileSync(capturedPath, JSON.stringify(captured))

    const start = async (
      file: string,
      factory: string,
      data: string,
      uses: PeerSource['uses'] = [],
    ) => {
      const script = await bundlePeer({ file, factory, data, uses })
      const worker = await startScript(script, compatibilityDate)
      workers.push(worker)
      return worker
    }
    const contender = (name: string, worker: RunningWorker): Contender => ({
      name,
      origin: worker.origin,
      cpuSeconds: worker.cpuSeconds,
    })
    const byName: Record<string, Contender> = { hono: contender('hono', real) }
    if (options.itty) {
      const itty = await start('bench/peers/itty.ts', 'ittyWorker', capturedPath, [
        { name: 'serveRendered', from: 'src/http/rendered.ts' },
      ])
      byName.itty = contender('itty', itty)
    }
    if (options.naive) {
      const naive = await start('bench/peers/naive-feed.ts', 'naiveFeedWorker', project.contentPath)
      byName.naive = { ...contender('naive', naive), ownBytes: true }
    }
    const constant = await start('bench/peers/constant.ts', 'constantWorker', capturedPath)
    byName.constant = contender('constant', constant)

    // A limit that answers other bytes would not be the limit: refuse to measure.
    for (const name of ['constant', 'itty']) {
      const peer = byName[name]
      const found = peer ? await differences(peer.origin, captured) : []
      if (found.length > 0) throw new Error(`${name} does not answer as the real Worker: ${found}`)
    }
    return { byName, routes: new Map(captured.map((r) => [r.path, r])), real, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
