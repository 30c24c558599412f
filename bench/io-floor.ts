/**
 * What Miniflare's simulators alone add to a cold request: the first request
 * after one 404 on a fresh workerd, for Workers that do nothing but the one
 * binding call a route of the site makes (a lookup in the data centre's cache,
 * a KV get, an ASSETS read) and answer 30 KB of constant bytes, beside one that
 * only answers the bytes. Each 404 makes the same call missing, so the
 * runtime's and the simulator's first-call costs are paid before, as the edge
 * bench pays the route's. Instructions under callgrind (bench/callgrind.ts)
 * and native CPU ms (median of `rounds` fresh processes, from /proc).
 *
 * Usage: node --import tsx bench/io-floor.ts [rounds, 3]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Miniflare, type MiniflareOptions, Response as MiniflareResponse } from 'miniflare'
import { startCounted } from './callgrind'
import { coldNotFound } from './edge-routes'
import { table } from './markdown-table'
import { median } from './stats'
import { directOrigin, running, scriptOptions } from './workers'

const rounds = Number(process.argv[2] ?? 3)
const bytes = 'x'.repeat(30_000)
const answer = `new Response(${JSON.stringify(bytes)}, { headers: { 'content-type': 'text/html' } })`
const missing = (call: string) =>
  `if (new URL(request.url).pathname === ${JSON.stringify(coldNotFound)}) { ${call}; return new Response(null, { status: 404 }) }`

/** The Workers compared: each with the one call its route makes, missing on the 404. */
const floors: Array<{ name: string; script: string }> = [
  {
    name: 'constant bytes',
    script: `export default { async fetch(request) { ${missing('')}; return ${answer} } }`,
  },
  {
    name: 'a cache lookup that hits (caches.default)',
    script: `export default { async fetch(request) {
      ${missing("await caches.default.match('https://site.example/missing')")}
      const kept = await caches.default.match('https://site.example/kept')
      return kept ?? ${answer} } }`,
  },
  {
    name: 'a KV get of 30 KB',
    script: `export default { async fetch(request, env) {
      ${missing("await env.KV.get('missing')")}
      await env.KV.get('kept'); return ${answer} } }`,
  },
  {
    name: 'an ASSETS read of 30 KB',
    script: `export default { async fetch(request, env) {
      ${missing("await (await env.ASSETS.fetch('http://assets/missing')).arrayBuffer()")}
      await (await env.ASSETS.fetch('http://assets/kept')).arrayBuffer(); return ${answer} } }`,
  },
]

const folder = mkdtempSync(join(tmpdir(), 'bench-io-floor-'))

function options(script: string): MiniflareOptions {
  return {
    ...scriptOptions(script, '2026-04-20'),
    kvNamespaces: ['KV'],
    kvPersist: join(folder, 'kv'),
    cachePersist: join(folder, 'cache'),
    // As the edge bench binds ASSETS: a plain service, here of one file.
    serviceBindings: {
      ASSETS: (request: Request) =>
        new URL(request.url).pathname === '/kept'
          ? new Response(bytes)
          : new Response(null, { status: 404 }),
    },
  } as MiniflareOptions
}

async function drained(origin: string, path: string): Promise<void> {
  await (await fetch(origin + path)).arrayBuffer()
}

/** Puts what the hits find: the cache's answer and the KV value. */
async function seed(): Promise<void> {
  const miniflare = new Miniflare(options('export default { fetch() { return new Response() } }'))
  try {
    const kv = (await miniflare.getKVNamespace('KV')) as unknown as {
      put(key: string, value: string): Promise<void>
    }
    await kv.put('kept', bytes)
    const cache = (await miniflare.getCaches()) as unknown as {
      default: { put(address: string, response: unknown): Promise<void> }
    }
    // Miniflare's cache proxy takes its own Response class.
    await cache.default.put(
      'https://site.example/kept',
      new MiniflareResponse(bytes, { headers: { 'cache-control': 'max-age=86400' } }),
    )
  } finally {
    await miniflare.dispose()
  }
}

async function instructions(script: string): Promise<number> {
  const counted = await startCounted(options(script))
  try {
    const origin = await directOrigin(counted.miniflare)
    await drained(origin, coldNotFound)
    counted.cut()
    await drained(origin, '/route')
    return counted.cut()
  } finally {
    await counted.stop()
  }
}

async function cpuMs(script: string): Promise<number> {
  const worker = await running(options(script))
  try {
    await drained(worker.origin, coldNotFound)
    const before = worker.cpuSeconds()
    await drained(worker.origin, '/route')
    return (worker.cpuSeconds() - before) * 1000
  } finally {
    await worker.stop()
  }
}

try {
  await seed()
  const rows: string[][] = []
  let constant = Number.NaN
  for (const floor of floors) {
    const ir = await instructions(floor.script)
    if (Number.isNaN(constant)) constant = ir
    const times: number[] = []
    for (let round = 0; round < rounds; round++) times.push(await cpuMs(floor.script))
    rows.push([
      floor.name,
      `${(ir / 1e6).toFixed(2)}M`,
      (ir / constant).toFixed(1),
      median(times).toFixed(1),
    ])
    console.error(`${floor.name}: ${(ir / 1e6).toFixed(2)}M`)
  }
  console.log(
    table(
      ['cold first request (after one 404 making the call)', 'Ir', '× constant', 'CPU ms'],
      rows,
    ),
  )
} finally {
  rmSync(folder, { recursive: true, force: true })
}
