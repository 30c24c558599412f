import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedSlug } from '../test/harness/routes'
import { ensureValgrind } from './callgrind'
import { measureColdCpu, type RouteCpu } from './cold-cpu'
import { type KvWriter, seedApprovedComments } from './comments'
import { readerRoutes } from './edge-routes'
import { countInstructions, type InstructionCounts } from './icount'
import { countReaderKv, countWriteKv, type KvCountRow } from './kv-counts'
import type { BuiltProject } from './project'
import { startProject } from './workers'

/** Which parts of the edge bench to run. */
export interface EdgeModes {
  icount: boolean
  kv: boolean
  cost: boolean
}

/** What the edge bench measured of one built project. */
export interface EdgeProjectFigures {
  articles: number
  instructions?: InstructionCounts
  cpu?: RouteCpu[]
  kv?: KvCountRow[]
}

/** Approved comments on the seed article, so its page, comment feed and JSON carry a thread. */
export const edgeComments = 200
const coldCpuRounds = 3

/** A KV folder holding the seed article's comments, for every fresh workerd of a project to start from. */
async function seededKv(project: BuiltProject): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-edge-kv-'))
  const worker = await startProject(project, folder)
  try {
    const kv = (await worker.miniflare.getKVNamespace('COMMENTS')) as unknown as KvWriter
    await seedApprovedComments(kv, seedSlug, edgeComments)
  } finally {
    await worker.stop()
  }
  return folder
}

/** Runs the chosen edge measurements on each project (N = 1 first, then the scale sizes). */
export async function measureEdge(
  projects: readonly BuiltProject[],
  modes: EdgeModes,
  compatibilityDate: string,
  log: (line: string) => void,
): Promise<EdgeProjectFigures[]> {
  // The cost model is fed by the KV counts and the CPU figures.
  const kv = modes.kv || modes.cost
  const cpu = modes.icount || modes.cost
  if (modes.icount) ensureValgrind(log)
  const figures: EdgeProjectFigures[] = []
  for (const project of projects) {
    const at = `N = ${project.articleCount.toLocaleString('en-US')}`
    const routes = readerRoutes(project.articleCount)
    const figure: EdgeProjectFigures = { articles: project.articleCount }
    const folder = await seededKv(project)
    try {
      if (cpu) {
        log(`  ${at}: CPU of cold and warm requests (native workerd)…`)
        figure.cpu = await measureColdCpu(project, routes, folder, coldCpuRounds)
      }
      if (modes.icount) {
        log(`  ${at}: instruction counts (callgrind)…`)
        figure.instructions = await countInstructions(
          project,
          routes,
          folder,
          compatibilityDate,
          log,
        )
      }
      if (kv) {
        log(`  ${at}: KV operations at the binding…`)
        // Writes last: they change what the readers' fresh isolates would find.
        figure.kv = [
          ...(await countReaderKv(project, routes, folder)),
          ...(await countWriteKv(project, folder)),
        ]
      }
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
    figures.push(figure)
  }
  return figures
}
