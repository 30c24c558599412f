import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MiniflareOptions } from 'miniflare'
import { startCounted } from './callgrind'
import { captureRoutes } from './capture'
import { coldNotFound, type EdgeRoute } from './edge-routes'
import { bundlePeer } from './peer-bundle'
import type { BuiltProject } from './project'
import { emptyWorker } from './startup'
import { median } from './stats'
import {
  dataCentreThatServed,
  directOrigin,
  projectOptions,
  scriptOptions,
  startProject,
} from './workers'

/** Instructions of one route: the project's and the constant Worker's. */
export interface RouteInstructions {
  route: EdgeRoute
  project: number
  constant: number
}

/** A cold route's instructions, and the project's in a data centre where another isolate answered it. */
export interface ColdInstructions extends RouteInstructions {
  sharedProject: number
}

/** What the instruction-count mode measured of one built project. */
export interface InstructionCounts {
  articles: number
  /**
   * The first request of each route on a fresh workerd, after one 404: in an
   * empty data centre, and in one where another workerd answered it before.
   */
  cold: ColdInstructions[]
  /** Per request once every route has been asked many times (the median request). */
  warm: RouteInstructions[]
  /**
   * Start, load and one 404: the empty Worker's, the empty Worker's given this
   * project's bindings (Miniflare then runs its KV, queue and ASSETS simulators
   * in the same workerd, which Cloudflare does not run in the isolate), and this
   * bundle's (median over its fresh starts).
   */
  startup: { empty: number; emptyBound: number; project: number }
}

/** Warm-up requests per route, then rounds of requests per route taking turns (as the count did, smaller). */
export const warmSchedule = { warmup: 20, rounds: 4, block: 10 }

async function drained(origin: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(origin + path, { headers })
  await response.arrayBuffer()
  return response.status
}
/**
 * Cold: a fresh counted workerd per route; its start to the end of a 404 is a
 * startup figure, the route's request after it the cold figure. A route that
 * does not answer 200 is measured once more on another fresh workerd (a run
 * under valgrind on a loaded machine once saw a 500 the same route never gave
 * again), and stops the bench, with the answer, if it fails again.
 */
async function coldOf(options: MiniflareOptions, route: EdgeRoute, attempt = 1) {
  const counted = await startCounted(options)
  let failure: string | undefined
  try {
    const origin = await directOrigin(counted.miniflare)
    await drained(origin, coldNotFound)
    const startup = counted.cut()
    const response = await fetch(origin + route.path)
    const body = await response.text()
    if (response.status === 200) return { startup, cold: counted.cut() }
    failure = `${route.path} answered ${response.status} on a cold start: ${body.slice(0, 500)}`
  } finally {
    await counted.stop()
  }
  if (attempt > 1) throw new Error(failure)
  console.error(`  ${failure}; measuring it again on a fresh workerd`)
  return coldOf(options, route, attempt + 1)
}

/** Instructions from a fresh counted workerd's start to the end of one 404. */
async function startupOf(options: MiniflareOptions): Promise<number> {
  const counted = await startCounted(options)
  try {
    await drained(await directOrigin(counted.miniflare), coldNotFound)
    return counted.cut()
  } finally {
    await counted.stop()
  }
}

/**
 * Warm: one counted workerd, every route asked `warmup` times, then rounds of
 * `block` requests per route, each request counted alone; a route's figure is
 * its median request. Under valgrind a request takes about fifty times its
 * native time, so the hot answers' 10 s and the memos' 30 s end every few
 * rounds here, where natively each such reload is shared by the thousands of
 * requests of its window: the median leaves them out, as it leaves out a GC,
 * and is the steady warm path.
 */
async function warmOf(options: MiniflareOptions, routes: readonly EdgeRoute[]) {
  const counted = await startCounted(options)
  try {
    const origin = await directOrigin(counted.miniflare)
    for (const route of routes) {
      for (let i = 0; i < warmSchedule.warmup; i++) await drained(origin, route.path)
    }
    counted.cut()
    const requests = routes.map((): number[] => [])
    for (let round = 0; round < warmSchedule.rounds; round++) {
      for (const [i, route] of routes.entries()) {
        for (let n = 0; n < warmSchedule.block; n++) {
          await drained(origin, route.path)
          requests[i]?.push(counted.cut())
        }
      }
    }
    return requests.map((list) => median(list))
  } finally {
    await counted.stop()
  }
}

/**
 * Counts instructions for `routes` of a built project (KV kept in `kvPersist`,
 * seeded beforehand) and for the constant Worker serving the bytes and headers
 * the project answered for them.
 */
export async function countInstructions(
  project: BuiltProject,
  routes: readonly EdgeRoute[],
  kvPersist: string,
  compatibilityDate: string,
  log: (line: string) => void,
): Promise<InstructionCounts> {
  const real = await startProject(project, kvPersist)
  const captured = await captureRoutes(
    real.origin,
    routes.map((route) => route.path),
  ).finally(() => real.stop())
  const capturedPath = join(project.dir, 'edge-captured.json')
  writeFileSync(capturedPath, JSON.stringify(captured))
  const constantScript = await bundlePeer({
    file: 'bench/peers/constant.ts',
    factory: 'constantWorker',
    data: capturedPath,
  })
  const options = {
    project: projectOptions(project, kvPersist),
    constant: scriptOptions(constantScript, compatibilityDate),
  }

  log('    startup of an empty Worker under callgrind, bare and with the project’s bindings…')
  const { scriptPath: _bundle, modulesRoot: _root, ...bindings } = options.project
  const emptyStartup = await startupOf(scriptOptions(emptyWorker, compatibilityDate))
  const emptyBound = await startupOf({ ...bindings, modules: true, script: emptyWorker })

  const cold: ColdInstructions[] = []
  const startups: number[] = []
  for (const route of routes) {
    log(`    cold ${route.path} (project, constant, project in a data centre that answered it)…`)
    const ownCold = await coldOf(options.project, route)
    const constant = await coldOf(options.constant, route)
    const dataCentre = await dataCentreThatServed(project, kvPersist, [route.path])
    const shared = await coldOf(projectOptions(project, kvPersist, [], dataCentre), route).finally(
      () => dataCentre.remove(),
    )
    startups.push(ownCold.startup)
    cold.push({
      route,
      project: ownCold.cold,
      constant: constant.cold,
      sharedProject: shared.cold,
    })
  }
  log('    warm path (project, then constant)…')
  const warmProject = await warmOf(options.project, routes)
  const warmConstant = await warmOf(options.constant, routes)
  return {
    articles: project.articleCount,
    cold,
    warm: routes.map((route, i) => ({
      route,
      project: warmProject[i] ?? Number.NaN,
      constant: warmConstant[i] ?? Number.NaN,
    })),
    startup: { empty: emptyStartup, emptyBound, project: median(startups) },
  }
}
