import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { type LogLevel, Miniflare, type MiniflareOptions, NoOpLog } from 'miniflare'
import { cronTriggers } from '../../src/app/cron-triggers'
import { rateLimits } from '../../src/app/rate-limits'
import { keyPages } from '../../src/comments/store/kv-list'
import type { CacheLike } from '../../src/http/data-centre'
import { type AssetRead, countingAssets } from './asset-reads'
import { faultKey, faultModule, faultWorkerName, type KvFaults } from './kv-faults'
import {
  countingModule,
  countingWorkerName,
  type KvOperations,
  tallyKvOperations,
} from './kv-operations'
import { testSiteBundle } from './test-site'
import { workerOptionsFrom } from './worker-options'

/** The admin token every test Worker is started with. */
export const adminToken = 'qV7mX2pL9sK4tR8wN3bZ6cJ1hD5fG0yAeUiOoPlMnBv'
/** A 256-bit edit secret, as `openssl rand -base64 32` would make (base64url here). */
export const editSecret = 'Zr3Kp9Wm2Xq7Lt5Nv8Bc4Hd6Jf1Gs0YaEuIoPkMnQwE'

/** A running copy of the real bundle (the test site's, unless told) in workerd, with a fresh in-memory KV. */
export interface TestWorker {
  /** http://127.0.0.1:<port> */
  origin: string
  /** fetch over real HTTP against the Worker. */
  fetch(path: string, init?: RequestInit): Promise<Response>
  /** Every key currently in the COMMENTS namespace. */
  kvKeys(prefix?: string): Promise<string[]>
  kv(): Promise<KVNamespaceLike>
  /** The BACKUPS R2 bucket the Worker writes its nightly backups to. */
  backups(): Promise<R2BucketLike>
  /** The Cache API's `caches.default` the Worker sees: its data centre's cache. */
  cache(): Promise<CacheLike>
  /**
   * Runs the Worker's scheduled handler as the Cron Trigger `cron` (the nightly
   * backup's unless given) would if it fired at `time`; its outcome.
   */
  scheduled(time: Date, cron?: string): Promise<string>
  /** Makes KV calls fail from now on (needs `kvFaults: true`); `{}` heals it. */
  setKvFaults(faults: KvFaults): Promise<void>
  /**
   * The COMMENTS calls made since the last call of this (or since start),
   * counted at the binding (needs `countKv: true`); the count starts again at zero.
   */
  takeKvOperations(): Promise<KvOperations>
  /**
   * The files the Worker read through ASSETS since the last call of this (or
   * since start), in order (needs `countAssets: true`); the record starts again.
   */
  takeAssetReads(): AssetRead[]
  /** Every e-mail the send_email binding sent so far, as raw RFC 5322 text, oldest first. */
  sentEmails(): string[]
  /** The bodies of the messages that reached the dead-letter queue (needs `deadLetters: true`). */
  deadLetters(): Promise<unknown[]>
  stop(): Promise<void>
}

/** The part of the KV binding tests use directly. */
export interface KVNamespaceLike {
  get(key: string): Promise<string | null>
  put(key: string, value: string, options?: { metadata?: unknown }): Promise<void>
  delete(key: string): Promise<void>
  list(options?: { prefix?: string; cursor?: string }): Promise<{
    keys: Array<{ name: string }>
    list_complete: boolean
    cursor?: string
  }>
}

/** The part of the R2 binding tests use directly. */
export interface R2BucketLike {
  put(key: string, value: string): Promise<unknown>
  get(key: string): Promise<{ text(): Promise<string> } | null>
  list(options?: { prefix?: string }): Promise<{ objects: Array<{ key: string }> }>
}

/** Options layered over wrangler.toml's bindings. */
export interface StartOptions {
  vars?: Record<string, string>
  outboundService?: MiniflareOptions['outboundService']
  /** Rate limit per period, overriding wrangler.toml (e.g. to let many posts through). */
  rateLimit?: number
  /** Another bundle than the test site's (see buildFixtureBundle). */
  scriptPath?: string
  /**
   * A folder to keep KV in, instead of memory: a Worker started later with the
   * same folder finds what this one stored, as a new deploy finds its namespace.
   */
  kvPersist?: string
  /**
   * A folder to keep the Cache API's `caches.default` in, instead of memory:
   * Workers started with the same folder share it, as the isolates of one
   * data centre share theirs.
   */
  cachePersist?: string
  /** Start with a cache that keeps nothing, as Cloudflare's on `*.workers.dev`. */
  withoutCache?: boolean
  /**
   * The deployed version's id (the VERSION binding) instead of a new one per
   * start: Workers given the same id and cache folder are isolates of one
   * version in one data centre, and share what it rendered.
   */
  deployment?: string
  /** Failed admin authentications allowed per client per minute, overriding wrangler.toml. */
  adminAuthLimit?: number
  /** Route COMMENTS through a wrapper whose calls can be made to fail (see setKvFaults). */
  kvFaults?: boolean
  /** Route COMMENTS through a wrapper that counts its calls (see takeKvOperations). */
  countKv?: boolean
  /** Drop the Worker's console output (its per-comment log lines) except errors, e.g. under load. */
  quiet?: boolean
  /** Consume the dead-letter queue with a recorder, so deadLetters() can read what reached it. */
  deadLetters?: boolean
  /** Start without the queue producer bindings, so every send to a queue fails. */
  withoutQueueProducers?: boolean
  /**
   * Bind ASSETS to a service that serves the build's asset files and records
   * each read (see takeAssetReads), in place of Miniflare's asset router: the
   * static files are then answered by the Worker, not ahead of it.
   */
  countAssets?: boolean
}

const deadLetterWorkerName = 'dead-letter-recorder'

/** Keeps each dead letter in its own KV namespace under the message id. */
const deadLetterModule = `export default {
  async queue(batch, env) {
    for (const message of batch.messages) {
      await env.LETTERS.put(message.id, JSON.stringify(message.body))
      message.ack()
    }
  },
}`

/**
 * Miniflare's log, silent like its default, except that it notes the files the
 * send_email binding stores each sent message in (it logs their paths).
 */
class SentMailLog extends NoOpLog {
  readonly files: string[] = []
  override logWithLevel(_level: LogLevel, message: string): void {
    const file = /send_email binding called[^\n]*\n\s*(\S+\.eml)/.exec(message)?.[1]
    if (file) this.files.push(file)
  }
}

/** Keeps only the lines of workerd's output that mention an error. */
function quietStdio(stdout: Readable, stderr: Readable) {
  for (const stream of [stdout, stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      if (/error/i.test(line)) process.stderr.write(`${line}\n`)
    })
  }
}

/**
 * Starts a bundle, the test site's (test/harness/test-site.ts) unless told, with
 * the bindings from its wrangler.toml (read by wrangler, test/harness/worker-options.ts).
 */
export async function startWorker(options: StartOptions = {}): Promise<TestWorker> {
  const scriptPath = options.scriptPath ?? testSiteBundle()
  // A bundle sits in <root>/dist; its wrangler.toml (and its assets) in <root>.
  const configPath = join(dirname(dirname(scriptPath)), 'wrangler.toml')
  const workerOptions = await workerOptionsFrom(configPath)
  const bindings = {
    ...(workerOptions.bindings ?? {}),
    ADMIN_TOKEN: adminToken,
    CLIENT_SALT: 'test-salt',
    EDIT_SECRET: editSecret,
    ...(options.deployment
      ? { VERSION: { id: options.deployment, tag: '', timestamp: '2026-12-07T00:00:00.000Z' } }
      : {}),
    ...options.vars,
  }
  // Overrides change a limit only; each period stays as wrangler.toml sets it.
  const ratelimits = { ...workerOptions.ratelimits }
  const withLimit = (name: keyof typeof rateLimits, limit: number) => {
    ratelimits[name] = { simple: { limit, period: rateLimits[name].period } }
  }
  if (options.rateLimit) withLimit('COMMENT_RATE_LIMITER', options.rateLimit)
  if (options.adminAuthLimit) withLimit('ADMIN_AUTH_LIMITER', options.adminAuthLimit)
  // Tests do not wait for a batch to fill or a retry's delay; counts and queues stay as configured.
  type QueueConsumer = { deadLetterQueue?: string; maxRetries?: number; maxBatchSize?: number }
  const configured = workerOptions.queueConsumers ?? {}
  const consumers: Array<[string, QueueConsumer]> = Array.isArray(configured)
    ? configured.map((queue): [string, QueueConsumer] => [queue, {}])
    : Object.entries(configured as Record<string, QueueConsumer>)
  const queueConsumers = Object.fromEntries(
    consumers.map(([queue, consumer]) => [
      queue,
      { ...consumer, maxBatchTimeout: 0, retryDelay: 0 },
    ]),
  )
  const deadLetterQueues = Object.values(queueConsumers).flatMap((consumer) =>
    consumer.deadLetterQueue ? [consumer.deadLetterQueue] : [],
  )
  const assetReads: AssetRead[] = []
  const { assets: routedAssets, ...unrouted } = workerOptions
  const assetsFolder = join(dirname(configPath), 'src', 'generated', 'assets')
  const assetOptions = options.countAssets
    ? {
        serviceBindings: {
          ...unrouted.serviceBindings,
          ASSETS: countingAssets(assetsFolder, assetReads),
        },
      }
    : { assets: routedAssets }
  const main = {
    ...unrouted,
    ...assetOptions,
    name: 'feed-publisher',
    modules: true,
    scriptPath,
    // The bundle imports its Text modules (the content) from beside it.
    modulesRoot: dirname(scriptPath),
    bindings,
    ratelimits,
    queueConsumers,
    ...(options.withoutQueueProducers ? { queueProducers: {} } : {}),
    ...(options.withoutCache ? { cache: false } : {}),
    ...(options.deployment ? { versionMetadata: undefined } : {}),
    ...(options.outboundService ? { outboundService: options.outboundService } : {}),
  }
  const log = new SentMailLog()
  const shared = {
    host: '127.0.0.1',
    port: 0,
    log,
    ...(options.kvPersist ? { kvPersist: options.kvPersist } : {}),
    ...(options.cachePersist ? { cachePersist: options.cachePersist } : {}),
    ...(options.quiet ? { handleRuntimeStdio: quietStdio } : {}),
  }
  if (options.kvFaults && options.countKv) {
    throw new Error('kvFaults and countKv each wrap COMMENTS: start with one of them')
  }
  const helpers = [
    ...(options.countKv
      ? [
          {
            name: countingWorkerName,
            modules: [{ type: 'ESModule', path: 'kv-operations.js', contents: countingModule }],
            // The plain binding's namespace id, so a kvPersist folder holds the same data either way.
            kvNamespaces: { INNER: 'COMMENTS', OPS: 'kv-operations' },
          },
        ]
      : []),
    ...(options.kvFaults
      ? [
          {
            name: faultWorkerName,
            modules: [{ type: 'ESModule', path: 'kv-faults.js', contents: faultModule }],
            kvNamespaces: { INNER: 'comments', FAULTS: 'faults' },
          },
        ]
      : []),
    ...(options.deadLetters
      ? [
          {
            name: deadLetterWorkerName,
            modules: [{ type: 'ESModule', path: 'dead-letters.js', contents: deadLetterModule }],
            kvNamespaces: { LETTERS: 'dead-letters' },
            queueConsumers: Object.fromEntries(
              deadLetterQueues.map((queue) => [queue, { maxBatchTimeout: 0 }]),
            ),
          },
        ]
      : []),
  ]
  const wrapper = options.kvFaults
    ? faultWorkerName
    : options.countKv
      ? countingWorkerName
      : undefined
  const faultWrapped = wrapper
    ? { kvNamespaces: {}, wrappedBindings: { COMMENTS: { scriptName: wrapper } } }
    : {}
  const mf = new Miniflare(
    helpers.length > 0
      ? ({ ...shared, workers: [{ ...main, ...faultWrapped }, ...helpers] } as MiniflareOptions)
      : ({ ...main, ...shared } as MiniflareOptions),
  )
  // The namespace the Worker's COMMENTS really stores into.
  const comments = async () =>
    (wrapper
      ? await mf.getKVNamespace('INNER', wrapper)
      : await mf.getKVNamespace('COMMENTS')) as unknown as KVNamespaceLike
  const url = await mf.ready
  const origin = url.origin
  return {
    origin,
    cache: async () => ((await mf.getCaches()) as unknown as { default: CacheLike }).default,
    fetch: (path, init) => {
      // A fresh connection each time: a worker started later may get a stopped one's
      // port, and a POST sent on a kept-alive socket to the stopped one is reset
      // (fetch retries only idempotent requests).
      const headers = new Headers(init?.headers)
      headers.set('connection', 'close')
      return fetch(origin + path, { redirect: 'manual', ...init, headers })
    },
    kv: comments,
    async kvKeys(prefix = '') {
      const names: string[] = []
      for await (const page of keyPages(await comments(), prefix)) {
        names.push(...page.map((key) => key.name))
      }
      return names
    },
    backups: async () => (await mf.getR2Bucket('BACKUPS')) as unknown as R2BucketLike,
    async scheduled(time, cron = cronTriggers.nightlyBackup) {
      // Node's lib.dom Fetcher type hides the Workers-only scheduled() the binding has.
      const worker = (await mf.getWorker()) as unknown as {
        scheduled(options: { scheduledTime: Date; cron: string }): Promise<{ outcome: string }>
      }
      const result = await worker.scheduled({ scheduledTime: time, cron })
      return result.outcome
    },
    async setKvFaults(faults) {
      if (!options.kvFaults) throw new Error('start the worker with { kvFaults: true }')
      const switchboard = (await mf.getKVNamespace(
        'FAULTS',
        faultWorkerName,
      )) as unknown as KVNamespaceLike
      await switchboard.put(faultKey, JSON.stringify(faults))
    },
    async takeKvOperations() {
      if (!options.countKv) throw new Error('start the worker with { countKv: true }')
      const ops = (await mf.getKVNamespace('OPS', countingWorkerName)) as unknown as KVNamespaceLike
      const noted: string[] = []
      for await (const page of keyPages(ops, '')) noted.push(...page.map((key) => key.name))
      await Promise.all(noted.map((name) => ops.delete(name)))
      return tallyKvOperations(noted)
    },
    takeAssetReads() {
      if (!options.countAssets) throw new Error('start the worker with { countAssets: true }')
      return assetReads.splice(0)
    },
    sentEmails: () => log.files.map((file) => readFileSync(file, 'utf8')),
    async deadLetters() {
      if (!options.deadLetters) throw new Error('start the worker with { deadLetters: true }')
      const letters = (await mf.getKVNamespace(
        'LETTERS',
        deadLetterWorkerName,
      )) as unknown as KVNamespaceLike
      const { keys } = await letters.list()
      return Promise.all(keys.map(async (key) => JSON.parse((await letters.get(key.name)) ?? '')))
    },
    stop: () => mf.dispose(),
  }
}
