import { coldNotFound, type EdgeRoute } from './edge-routes'
import type { BuiltProject } from './project'
import { median } from './stats'
import type { DataCentre } from './workers'
import { dataCentreThatServed, startProject } from './workers'

/** Native CPU of one route: its first request on a fresh workerd, and a warm request. */
export interface RouteCpu {
  route: EdgeRoute
  /** Median over fresh processes, after one 404. */
  coldMs: number
  /** The same, each process started in a data centre where another had answered the route. */
  sharedColdMs: number
  /** Mean over `warmRequests` requests once the route is warm. */
  warmMs: number
}

const warmRequests = 50

async function drained(origin: string, path: string) {
  const response = await fetch(origin + path)
  await response.arrayBuffer()
  if (response.status !== 200 && path !== coldNotFound) {
    throw new Error(`${path} answered ${response.status}`)
  }
}

/** CPU ms of `path`'s first request on a fresh workerd, after one 404. */
async function firstRequestMs(
  project: BuiltProject,
  kvPersist: string,
  path: string,
  dataCentre?: DataCentre,
): Promise<number> {
  const worker = await startProject(project, kvPersist, dataCentre)
  try {
    await drained(worker.origin, coldNotFound)
    const before = worker.cpuSeconds()
    await drained(worker.origin, path)
    return (worker.cpuSeconds() - before) * 1000
  } finally {
    await worker.stop()
  }
}

/**
 * CPU milliseconds of each route's first request on a fresh workerd (after a
 * 404, so the runtime's own first-request cost is not the route's), read from
 * the process's CPU time: an upper bound, since the local KV simulator and
 * cache run in the same process. `rounds` fresh processes per route, in an
 * empty data centre and in one where another workerd answered the route
 * before; the first also gives the warm figure.
 */
export async function measureColdCpu(
  project: BuiltProject,
  routes: readonly EdgeRoute[],
  kvPersist: string,
  rounds: number,
): Promise<RouteCpu[]> {
  const figures: RouteCpu[] = []
  for (const route of routes) {
    const colds: number[] = []
    const sharedColds: number[] = []
    let warmMs = Number.NaN
    for (let round = 0; round < rounds; round++) {
      const worker = await startProject(project, kvPersist)
      try {
        await drained(worker.origin, coldNotFound)
        const before = worker.cpuSeconds()
        await drained(worker.origin, route.path)
        colds.push((worker.cpuSeconds() - before) * 1000)
        if (round === 0) {
          for (let i = 0; i < 10; i++) await drained(worker.origin, route.path)
          const start = worker.cpuSeconds()
          for (let i = 0; i < warmRequests; i++) await drained(worker.origin, route.path)
          warmMs = ((worker.cpuSeconds() - start) * 1000) / warmRequests
        }
      } finally {
        await worker.stop()
      }
    }
    for (let round = 0; round < rounds; round++) {
      const dataCentre = await dataCentreThatServed(project, kvPersist, [route.path])
      try {
        sharedColds.push(await firstRequestMs(project, kvPersist, route.path, dataCentre))
      } finally {
        dataCentre.remove()
      }
    }
    figures.push({ route, coldMs: median(colds), sharedColdMs: median(sharedColds), warmMs })
  }
  return figures
}
