/**
 * `npm run load`: 60 seconds of mixed traffic on 127.0.0.1 against the real bundle
 * in workerd (Miniflare, in-memory KV): feed polls with and without If-None-Match,
 * and comment posts (JSON and form) each from its own CF-Connecting-IP. Then it
 * reconciles the answers with KV: every 201/303 has exactly one stored comment,
 * no stored comment lacks its 201/303, no 5xx, no socket errors. Prints the figures,
 * writes them to bench/RESULTS.md ("Load run") and exits 1 if anything was lost.
 *
 * Polls go through autocannon; posts go through fetch with a timeout, so every post
 * ends in an answer or a counted connection error: autocannon silently drops a
 * request whose keep-alive connection the server closes, and a post lost that way
 * could be neither answered nor counted.
 *
 * LOAD_SECONDS=<n> shortens the run (for trying it out; the recorded run is 60 s);
 * LOAD_WORKER_LOGS=1 shows the Worker's own log lines.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { commentsPath, feedRoutes } from '../test/harness/routes'
import { startWorker, type TestWorker } from '../test/harness/worker'
import { describeMachine } from './machine'

const seconds = Number(process.env.LOAD_SECONDS ?? 60)
const connections = 16
// Concurrent posters beside the pollers, each posting one comment after another.
const posters = 16
const postTimeoutMs = 10_000
const resultsFile = join(import.meta.dirname, 'RESULTS.md')
const startMarker = '<!-- load-run:start (written by npm run load) -->'
const endMarker = '<!-- load-run:end -->'

type Kind = 'poll' | 'conditional poll' | 'json post' | 'form post'

interface AutocannonRequest {
  setupRequest?: (request: Record<string, unknown>, context: Context) => Record<string, unknown>
  onResponse?: (
    status: number,
    body: string,
    context: Context,
    headers: Record<string, string>,
  ) => void
}
interface AutocannonResult {
  requests: { total: number; average: number }
  latency: { p50: number; p99: number; max: number }
  duration: number
  errors: number
  timeouts: number
  non2xx: number
}
interface Context {
  kind?: Kind
  path?: string
  marker?: string
}

interface Tracker {
  stop(): void
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: { url: string; connections: number; duration: number; requests: AutocannonRequest[] },
  done: (error: Error | null, result: AutocannonResult) => void,
) => Tracker

/** Runs autocannon until `finished()` says so (checked every 100 ms) or `maxSeconds` pass. */
function drive(
  url: string,
  request: AutocannonRequest,
  maxSeconds: number,
  finished: () => boolean,
): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    const tracker = autocannon(
      { url, connections, duration: maxSeconds, requests: [request] },
      (error, result) => {
        clearInterval(watch)
        if (error) reject(error)
        else resolve(result)
      },
    )
    const watch = setInterval(() => {
      if (finished()) {
        clearInterval(watch)
        tracker.stop()
      }
    }, 100)
  })
}

/** What was sent and answered, by kind and status, and which posts were taken. */
class Tally {
  readonly statuses = new Map<Kind, Map<number, number>>()
  /** id → the marker its post carried. */
  readonly accepted = new Map<string, string>()
  readonly duplicateIds: string[] = []
  /** The first few answers of 500 or more, for the report. */
  readonly failures: string[] = []
  postsSent = 0
  /** Posts that ended in a connection error or a timeout instead of an answer. */
  postErrors = 0

  count(kind: Kind, status: number) {
    const byStatus = this.statuses.get(kind) ?? new Map<number, number>()
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1)
    this.statuses.set(kind, byStatus)
  }

  accept(id: string, marker: string) {
    if (this.accepted.has(id)) this.duplicateIds.push(id)
    this.accepted.set(id, marker)
  }

  total(predicate: (status: number) => boolean): number {
    let n = 0
    for (const byStatus of this.statuses.values()) {
      for (const [status, count] of byStatus) if (predicate(status)) n += count
    }
    return n
  }
}

function clientAddress(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
}

async function etags(worker: TestWorker): Promise<Map<string, string>> {
  const tags = new Map<string, string>()
  for (const path of feedRoutes) {
    const response = await worker.fetch(path)
    await response.arrayBuffer()
    tags.set(path, response.headers.get('etag') ?? '')
  }
  return tags
}

function polls(tally: Tally, tags: Map<string, string>): AutocannonRequest {
  return {
    setupRequest(request, context) {
      const path = feedRoutes[Math.floor(Math.random() * feedRoutes.length)] as string
      context.path = path
      context.kind = Math.random() < 0.5 ? 'conditional poll' : 'poll'
      const conditional = context.kind === 'conditional poll'
      return {
        ...request,
        method: 'GET',
        path,
        headers: conditional ? { 'if-none-match': tags.get(path) ?? '' } : {},
        body: undefined,
      }
    },
    onResponse(status, body, context) {
      const kind = context.kind ?? 'poll'
      tally.count(kind, status)
      if (status >= 500 && tally.failures.length < 5) {
        tally.failures.push(`${kind} ${context.path} → ${status} ${body.slice(0, 200)}`)
      }
    },
  }
}

/** One comment post from its own client address; records its answer or its error. */
async function post(origin: string, tally: Tally, n: number): Promise<void> {
  const marker = `load-${n}`
  const fields = {
    author: `पाठक ${n}`,
    email: `load-${n}@example.org`,
    content: `टिप्पणी ${marker}: भार परीक्षण`,
  }
  const json = n % 3 !== 0
  const kind: Kind = json ? 'json post' : 'form post'
  tally.postsSent++
  try {
    const response = await fetch(origin + commentsPath, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(postTimeoutMs),
      headers: {
        'cf-connecting-ip': clientAddress(n),
        'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
      },
      body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
    })
    const body = await response.text()
    tally.count(kind, response.status)
    if (response.status >= 500 && tally.failures.length < 5) {
      tally.failures.push(`${kind} → ${response.status} ${body.slice(0, 200)}`)
    }
    if (json && response.status === 201)
      tally.accept((JSON.parse(body) as { id: string }).id, marker)
    if (!json && response.status === 303) {
      const id = /held=([0-9a-z]{19})/.exec(response.headers.get('location') ?? '')?.[1]
      if (id) tally.accept(id, marker)
    }
  } catch (error) {
    tally.postErrors++
    if (tally.failures.length < 5) tally.failures.push(`${kind} ${marker} → ${String(error)}`)
  }
}

/** `posters` loops posting one comment after another until `until`. */
async function postUntil(origin: string, tally: Tally, until: number): Promise<void> {
  let serial = 0
  const loop = async () => {
    while (Date.now() < until) await post(origin, tally, ++serial)
  }
  await Promise.all(Array.from({ length: posters }, loop))
}

interface Reconciliation {
  stored: number
  missing: string[]
  unexpected: string[]
  wrongText: string[]
  markersStoredTwice: string[]
  missingIndex: string[]
}

/** Compares what the answers promised with what KV holds. */
async function reconcile(worker: TestWorker, tally: Tally): Promise<Reconciliation> {
  const kv = await worker.kv()
  const commentKeys = await worker.kvKeys('v1:comment:')
  const indexed = new Set((await worker.kvKeys('v1:list:')).map((key) => key.split(':').at(-1)))
  const storedIds = commentKeys.map((key) => key.slice('v1:comment:'.length))
  const markerCount = new Map<string, number>()
  const wrongText: string[] = []
  for (let i = 0; i < storedIds.length; i += 64) {
    const batch = storedIds.slice(i, i + 64)
    const values = await Promise.all(batch.map((id) => kv.get(`v1:comment:${id}`)))
    batch.forEach((id, j) => {
      const comment = JSON.parse(values[j] ?? '{}') as { content?: string }
      const marker = /load-\d+/.exec(comment.content ?? '')?.[0] ?? '?'
      markerCount.set(marker, (markerCount.get(marker) ?? 0) + 1)
      const expected = tally.accepted.get(id)
      if (expected !== undefined && marker !== expected) wrongText.push(id)
    })
  }
  const stored = new Set(storedIds)
  return {
    stored: stored.size,
    missing: [...tally.accepted.keys()].filter((id) => !stored.has(id)),
    unexpected: storedIds.filter((id) => !tally.accepted.has(id)),
    wrongText,
    markersStoredTwice: [...markerCount].filter(([, n]) => n > 1).map(([m]) => m),
    missingIndex: [...tally.accepted.keys()].filter((id) => !indexed.has(id)),
  }
}

function table(rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([label]) => label.length))
  const valueWidth = Math.max(...rows.map(([, value]) => value.length))
  const line = (a: string, b: string) => `| ${a.padEnd(width)} | ${b.padEnd(valueWidth)} |`
  return [
    line('', ''),
    `| ${'-'.repeat(width)} | ${'-'.repeat(valueWidth)} |`,
    ...rows.map(([a, b]) => line(a, b)),
  ].join('\n')
}

function writeResults(section: string) {
  let current = ''
  try {
    current = readFileSync(resultsFile, 'utf8')
  } catch {
    current = '# Benchmark results\n'
  }
  const block = `${startMarker}\n${section}\n${endMarker}`
  const start = current.indexOf(startMarker)
  const end = current.indexOf(endMarker)
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + block + current.slice(end + endMarker.length)
      : `${current.trimEnd()}\n\n---\n\n${block}\n`
  writeFileSync(resultsFile, next)
}

async function main() {
  const machine = describeMachine()
  const worker = await startWorker({ quiet: !process.env.LOAD_WORKER_LOGS })
  try {
    const tags = await etags(worker)
    const tally = new Tally()
    const until = Date.now() + seconds * 1000
    const [result] = await Promise.all([
      drive(worker.origin, polls(tally, tags), seconds, () => Date.now() >= until),
      postUntil(worker.origin, tally, until),
    ])
    const check = await reconcile(worker, tally)
    const fiveHundreds = tally.total((status) => status >= 500)
    const expected = new Map<Kind, number[]>([
      ['poll', [200]],
      ['conditional poll', [304]],
      ['json post', [201]],
      ['form post', [303]],
    ])
    const otherStatuses: string[] = []
    for (const [kind, byStatus] of tally.statuses) {
      for (const [status, n] of byStatus) {
        if (!expected.get(kind)?.includes(status)) otherStatuses.push(`${kind} ${status} × ${n}`)
      }
    }
    const postsAnswered =
      [...(tally.statuses.get('json post')?.values() ?? [])].reduce((a, b) => a + b, 0) +
      [...(tally.statuses.get('form post')?.values() ?? [])].reduce((a, b) => a + b, 0)
    const lost =
      check.missing.length +
      check.wrongText.length +
      check.missingIndex.length +
      tally.duplicateIds.length
    const ok =
      lost === 0 &&
      check.unexpected.length === 0 &&
      check.markersStoredTwice.length === 0 &&
      fiveHundreds === 0 &&
      result.errors === 0 &&
      result.timeouts === 0 &&
      tally.postErrors === 0 &&
      postsAnswered === tally.postsSent &&
      otherStatuses.length === 0

    const byKind = (kind: Kind) =>
      [...(tally.statuses.get(kind) ?? new Map<number, number>())]
        .map(([status, n]) => `${n.toLocaleString('en')} × ${status}`)
        .join(', ') || '0'
    const rows: Array<[string, string]> = [
      [
        'duration',
        `${seconds} s; ${connections} polling connections (autocannon) and ${posters} posters (fetch) to 127.0.0.1`,
      ],
      [
        'polls',
        `${result.requests.total.toLocaleString('en')} (${Math.round(result.requests.average).toLocaleString('en')} req/s)`,
      ],
      [
        'poll latency p50 / p99 / max',
        `${result.latency.p50} / ${result.latency.p99} / ${result.latency.max} ms`,
      ],
      ['feed polls without If-None-Match', byKind('poll')],
      ['feed polls with If-None-Match', byKind('conditional poll')],
      ['JSON comment posts', byKind('json post')],
      ['form comment posts', byKind('form post')],
      ['distinct clients (CF-Connecting-IP)', tally.postsSent.toLocaleString('en')],
      [
        'posts answered / sent',
        `${postsAnswered.toLocaleString('en')} / ${tally.postsSent.toLocaleString('en')}`,
      ],
      ['comments taken (201/303)', tally.accepted.size.toLocaleString('en')],
      ['comments stored in KV', check.stored.toLocaleString('en')],
      ['taken but not stored (lost)', String(lost)],
      [
        'stored without a 201/303',
        String(check.unexpected.length + check.markersStoredTwice.length),
      ],
      ['5xx answers', String(fiveHundreds)],
      ['other unexpected statuses', otherStatuses.length ? otherStatuses.join('; ') : '0'],
      ['poll socket errors / timeouts', `${result.errors} / ${result.timeouts}`],
      ['posts without an answer (connection error or timeout)', String(tally.postErrors)],
      ['verdict', ok ? 'nothing lost' : 'FAILED'],
    ]
    const section = [
      '## Load run',
      '',
      `Written by \`npm run load\` on ${machine.date}: ${seconds} s against the bundle in workerd through Miniflare ` +
        `(in-memory KV), autocannon ${machine.autocannon}, ${machine.cores} cores (${machine.cpu}), ` +
        `Node ${machine.node}, workerd ${machine.workerd}. Each post comes from its own client address; ` +
        'every post ends in an answer or a counted error (fetch, 10 s timeout). Then every answer is ' +
        'reconciled with the keys in KV.',
      '',
      table(rows),
    ].join('\n')
    console.log(section)
    writeResults(section)
    if (!ok) {
      const sample = (ids: string[]) => `${ids.length}: ${ids.slice(0, 5).join(', ')}`
      console.error(
        `missing ${sample(check.missing)}; not answered ${sample(check.unexpected)}; ` +
          `wrong text ${sample(check.wrongText)}; stored twice ${sample(check.markersStoredTwice)}; ` +
          `no index ${sample(check.missingIndex)}; ids answered twice ${sample(tally.duplicateIds)}`,
      )
      for (const failure of tally.failures) console.error(failure)
      process.exitCode = 1
    }
  } finally {
    await worker.stop()
  }
}

await main()
