import { Miniflare, type MiniflareOptions } from 'miniflare'
import { unstable_getMiniflareWorkerOptions } from 'wrangler'

/** The admin token every test Worker is started with. */
export const adminToken = 'test-admin-token-0123456789'

/** A running copy of the real bundle (dist/index.js) in workerd, with a fresh in-memory KV. */
export interface TestWorker {
  /** http://127.0.0.1:<port> */
  origin: string
  /** fetch over real HTTP against the Worker. */
  fetch(path: string, init?: RequestInit): Promise<Response>
  /** Every key currently in the COMMENTS namespace. */
  kvKeys(prefix?: string): Promise<string[]>
  kv(): Promise<KVNamespaceLike>
  stop(): Promise<void>
}

/** The part of the KV binding tests use directly. */
export interface KVNamespaceLike {
  get(key: string): Promise<string | null>
  put(key: string, value: string): Promise<void>
  list(options?: { prefix?: string; cursor?: string }): Promise<{
    keys: Array<{ name: string }>
    list_complete: boolean
    cursor?: string
  }>
}

/** Options layered over wrangler.toml's bindings. */
export interface StartOptions {
  vars?: Record<string, string>
  outboundService?: MiniflareOptions['outboundService']
  /** Rate limit per period, overriding wrangler.toml (e.g. to let many posts through). */
  rateLimit?: number
}

/** Starts the bundle built by `npm run build` with the bindings from wrangler.toml. */
export async function startWorker(options: StartOptions = {}): Promise<TestWorker> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions('wrangler.toml')
  const bindings = {
    ...(workerOptions.bindings ?? {}),
    ADMIN_TOKEN: adminToken,
    CLIENT_SALT: 'test-salt',
    ...options.vars,
  }
  const ratelimits = options.rateLimit
    ? { COMMENT_RATE_LIMITER: { simple: { limit: options.rateLimit, period: 10 } } }
    : workerOptions.ratelimits
  const mf = new Miniflare({
    ...workerOptions,
    name: 'feed-publisher',
    modules: true,
    scriptPath: 'dist/index.js',
    bindings,
    ...(ratelimits ? { ratelimits } : {}),
    ...(options.outboundService ? { outboundService: options.outboundService } : {}),
    host: '127.0.0.1',
    port: 0,
  } as MiniflareOptions)
  const url = await mf.ready
  const origin = url.origin
  return {
    origin,
    fetch: (path, init) => fetch(origin + path, { redirect: 'manual', ...init }),
    kv: async () => (await mf.getKVNamespace('COMMENTS')) as unknown as KVNamespaceLike,
    async kvKeys(prefix) {
      const kv = (await mf.getKVNamespace('COMMENTS')) as unknown as KVNamespaceLike
      const names: string[] = []
      let cursor: string | undefined
      do {
        const page = await kv.list({ ...(prefix ? { prefix } : {}), ...(cursor ? { cursor } : {}) })
        names.push(...page.keys.map((k) => k.name))
        cursor = page.list_complete ? undefined : page.cursor
      } while (cursor)
      return names
    },
    stop: () => mf.dispose(),
  }
}
