/**
 * What each reader's route reads through ASSETS on a fresh isolate: files and
 * bytes counted at the binding, and the CPU of that first request (workerd
 * process CPU after one 404, an upper bound; median of `rounds` processes).
 * The layout of the archive decides it (src/content/data-files.ts).
 *
 * Usage: node --import tsx bench/cold-reads.ts [generated articles, 3000] [rounds, 3]
 */
import { paths } from '../src/paths'
import { coldNotFound, readerRoutes } from './edge-routes'
import { table } from './markdown-table'
import { buildProject } from './project'
import { median } from './stats'
import { startProject } from './workers'

const generated = Number(process.argv[2] ?? 3000)
const rounds = Number(process.argv[3] ?? 3)

async function drained(origin: string, path: string): Promise<void> {
  const response = await fetch(origin + path)
  await response.arrayBuffer()
  if (response.status !== 200 && path !== coldNotFound) {
    throw new Error(`${path} answered ${response.status}`)
  }
}

const project = buildProject(generated, { words: [1000, 3000] })
try {
  const routes = readerRoutes(project.articleCount)
  const tagFolder = routes.find((route) => route.name === 'tag page')?.path ?? ''
  routes.push(
    { name: 'archive page 1 (RSS)', path: `${paths.archiveFeeds('/', 1)}feed.xml` },
    { name: 'tag archive page 1 (RSS)', path: `${paths.archiveFeeds(`${tagFolder}/`, 1)}feed.xml` },
  )
  const rows: string[][] = []
  for (const route of routes) {
    const cpu: number[] = []
    let files = 0
    let bytes = 0
    for (let round = 0; round < rounds; round++) {
      const worker = await startProject(project)
      try {
        await drained(worker.origin, coldNotFound)
        worker.takeAssetReads()
        const before = worker.cpuSeconds()
        await drained(worker.origin, route.path)
        cpu.push((worker.cpuSeconds() - before) * 1000)
        const reads = worker.takeAssetReads()
        files = reads.length
        bytes = reads.reduce((sum, read) => sum + read.bytes, 0)
      } finally {
        await worker.stop()
      }
    }
    rows.push([route.name, String(files), (bytes / 1024).toFixed(1), median(cpu).toFixed(1)])
    console.error(`${route.name}: ${files} files, ${(bytes / 1024).toFixed(1)} KiB`)
  }
  console.log(`${project.articleCount} articles, ${project.assetFiles} asset files\n`)
  console.log(table(['route (cold)', 'files read', 'KiB read', 'CPU ms (median)'], rows))
} finally {
  project.remove()
}
