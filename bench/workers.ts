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

async function running(
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
 * Miniflare options for a built copy of the project with the bindings of its
 * wrangler.toml: KV in memory, or kept in `kvPersist` (a folder) when given.
 */
export function projectOptions(
  project: BuiltProject,
  kvPersist?: string,
  assetReads: AssetRead[] = [],
): MiniflareOptions {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(project.wranglerConfig)
  const { assets: _routedAssets, ...options } = workerOptions
  return {
    ...options,
    serviceBindings: { ...options.serviceBindings, ASSETS: assetsService(project, assetReads) },
    ...direct,
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

/** Starts a built copy of the project with the bindings of its wrangler.toml. */
export function startProject(project: BuiltProject, kvPersist?: string): Promise<RunningWorker> {
  const assetReads: AssetRead[] = []
  return running(projectOptions(project, kvPersist, assetReads), assetReads)
}

/** Starts a one-module Worker (a peer bundled by bundlePeer). */
export function startScript(script: string, compatibilityDate: string): Promise<RunningWorker> {
  return running(scriptOptions(script, compatibilityDate))
}
