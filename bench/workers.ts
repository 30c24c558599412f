import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Miniflare, type MiniflareOptions } from 'miniflare'
import { unstable_getMiniflareWorkerOptions } from 'wrangler'
import { type AssetRead, countingAssets } from '../test/harness/asset-reads'
import { pinWorker } from './cores'
import type { BuiltProject } from './project'
import { cpuSeconds, withWorkerdPid } from './workerd-cpu'

/** A Worker running in its own workerd, reachable over HTTP on 127.0.0.1. */
export interface RunningWorker {
  /** http://127.0.0.1:<port>, no trailing slash. */
  origin: string
  miniflare: Miniflare
  /** CPU seconds its workerd has used so far (NaN where /proc is missing). */
  cpuSeconds(): number
  /** The files read through ASSETS since the last call (a project's Worker only), in order. */
  takeAssetReads(): AssetRead[]
  stop(): Promise<void>
}

const name = 'bench'

// A direct socket reaches the Worker itself. Miniflare's default entry socket runs
// its own dev-only Worker in front of ours first, which on this machine costs
// more than a constant Worker and would squeeze every ratio toward 1.
const direct = { host: '127.0.0.1', port: 0, unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }] }

/** Starts a workerd with `options`, pinned to the bench's core, its CPU read from /proc. */
export async function running(
  options: MiniflareOptions,
  assetReads: AssetRead[] = [],
): Promise<RunningWorker> {
  const [miniflare, pid] = await withWorkerdPid(async () => {
    const started = new Miniflare(options)
    await started.ready
    return started
  })
  pinWorker(pid)
  return {
    origin: await directOrigin(miniflare),
    miniflare,
    cpuSeconds: () => cpuSeconds(pid),
    takeAssetReads: () => assetReads.splice(0),
    stop: () => miniflare.dispose(),
  }
}

/**
 * ASSETS as a plain service that serves the build's asset files. Miniflare puts
 * a router Worker in front of any Worker with static assets (about 130 µs a
 * request here, three times a constant Worker); on Cloudflare that routing is
 * done by the edge before the Worker runs. Binding the same files this way
 * measures the Worker itself, and notes every file it reads (takeAssetReads).
 * The tests use the real [assets] setup unless they count reads too.
 */
function assetsService(project: BuiltProject, reads: AssetRead[]) {
  return countingAssets(join(project.dir, 'src/generated/assets'), reads)
}

/**
 * A data centre a fresh workerd can be started in: the folder its cache is kept
 * in, shared by every workerd started with it, as a data centre's isolates
 * share theirs, and one deployed version for all of them (Miniflare gives each
 * start its own), under which they share what they rendered.
 */
export interface DataCentre {
  cachePersist: string
  /** The port every workerd of it answers on: one origin, as a site's isolates share theirs. */
  port: number
}

const benchDeployment = { id: 'bench', tag: '', timestamp: '2026-12-07T00:00:00.000Z' }

/**
 * Miniflare options for a built copy of the project with the bindings of its
 * wrangler.toml: KV in memory, or kept in `kvPersist` (a folder) when given;
 * the cache in memory, or a data centre's when given.
 */
export function projectOptions(
  project: BuiltProject,
  kvPersist?: string,
  assetReads: AssetRead[] = [],
  dataCentre?: DataCentre,
): MiniflareOptions {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(project.wranglerConfig)
  const { assets: _routedAssets, ...options } = workerOptions
  return {
    ...options,
    ...(dataCentre
      ? {
          versionMetadata: undefined,
          bindings: { ...options.bindings, VERSION: benchDeployment },
          cachePersist: dataCentre.cachePersist,
        }
      : {}),
    serviceBindings: { ...options.serviceBindings, ASSETS: assetsService(project, assetReads) },
    ...direct,
    ...(dataCentre ? { unsafeDirectSockets: [{ host: '127.0.0.1', port: dataCentre.port }] } : {}),
    name,
    modules: true,
    scriptPath: project.bundlePath,
    // Module names are paths below this root; the copy lives outside the working directory.
    modulesRoot: project.dir,
    ...(kvPersist ? { kvPersist } : {}),
  } as MiniflareOptions
}

/** Miniflare options for a one-module Worker (a peer bundled by bundlePeer). */
export function scriptOptions(script: string, compatibilityDate: string): MiniflareOptions {
  return { ...direct, name, modules: true, script, compatibilityDate }
}

/** The URL origin of the Worker started with projectOptions or scriptOptions. */
export async function directOrigin(miniflare: Miniflare): Promise<string> {
  return (await miniflare.unsafeGetDirectURL(name)).origin
}

/** Starts a built copy of the project with the bindings of its wrangler.toml, in `dataCentre` if given. */
export function startProject(
  project: BuiltProject,
  kvPersist?: string,
  dataCentre?: DataCentre,
): Promise<RunningWorker> {
  const assetReads: AssetRead[] = []
  return running(projectOptions(project, kvPersist, assetReads, dataCentre), assetReads)
}

/** Starts a one-module Worker (a peer bundled by bundlePeer). */
export function startScript(script: string, compatibilityDate: string): Promise<RunningWorker> {
  return running(scriptOptions(script, compatibilityDate))
}

/**
 * A data centre where one workerd answered `paths` once each and stopped: a
 * fresh workerd started in it is a cold isolate in a warm data centre, finding
 * what the first rendered (src/http/shared-renders.ts). `remove` deletes it.
 */
export async function dataCentreThatServed(
  project: BuiltProject,
  kvPersist: string,
  paths: readonly string[],
): Promise<DataCentre & { remove(): void }> {
  const cachePersist = mkdtempSync(join(tmpdir(), 'bench-data-centre-'))
  const dataCentre = {
    cachePersist,
    port: await freePort(),
    remove: () => rmSync(cachePersist, { recursive: true, force: true }),
  }
  const worker = await startProject(project, kvPersist, dataCentre)
  try {
    for (const path of paths) {
      const response = await fetch(worker.origin + path)
      await response.arrayBuffer()
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`)
    }
  } catch (error) {
    dataCentre.remove()
    throw error
  } finally {
    await worker.stop()
  }
  return dataCentre
}

/** A TCP port free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}
