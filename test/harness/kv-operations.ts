/**
 * Counting the COMMENTS binding's calls where Cloudflare bills them: at the
 * binding. With `startWorker({ countKv: true })` the Worker's COMMENTS is a
 * Miniflare wrapped binding, this module, which forwards every call to a real
 * namespace (INNER) after noting it as one key in a second namespace (OPS).
 * A key per call, never a shared counter, so parallel calls cannot lose a count.
 */

/** Calls of each kind, and how many keys the reads named (a bulk get names many). */
export interface KvOperations {
  get: number
  getWithMetadata: number
  list: number
  put: number
  delete: number
  /** Keys read by get and getWithMetadata: what a per-key bill counts. */
  keysRead: number
}

export const kvOperationKinds = ['get', 'getWithMetadata', 'list', 'put', 'delete'] as const

/** Name of the Miniflare worker that holds the counting module and its namespaces. */
export const countingWorkerName = 'kv-operations'

/** The wrapped-binding module (plain JS, evaluated inside workerd). */
export const countingModule = `
export default function (env) {
  const inner = env.INNER
  // <kind>:<keys named>:<unique>; awaited, so a count is in before the call returns.
  const note = (kind, key) =>
    env.OPS.put(kind + ':' + (Array.isArray(key) ? key.length : 1) + ':' + crypto.randomUUID(), '')
  return {
    async get(key, ...rest) { await note('get', key); return inner.get(key, ...rest) },
    async getWithMetadata(key, ...rest) { await note('getWithMetadata', key); return inner.getWithMetadata(key, ...rest) },
    async list(...rest) { await note('list'); return inner.list(...rest) },
    async put(key, ...rest) { await note('put', key); return inner.put(key, ...rest) },
    async delete(key, ...rest) { await note('delete', key); return inner.delete(key, ...rest) },
  }
}
`

/** No calls: the sum's starting point. */
export function noKvOperations(): KvOperations {
  return { get: 0, getWithMetadata: 0, list: 0, put: 0, delete: 0, keysRead: 0 }
}

/** Tallies the noted keys (`<kind>:<keys>:<unique>`) into counts. */
export function tallyKvOperations(noted: readonly string[]): KvOperations {
  const counts = noKvOperations()
  for (const name of noted) {
    const [kind = '', keys = '1'] = name.split(':', 2)
    const known = kvOperationKinds.find((k) => k === kind)
    if (!known) throw new Error(`unexpected KV operation note ${name}`)
    counts[known] += 1
    if (known === 'get' || known === 'getWithMetadata') counts.keysRead += Number(keys)
  }
  return counts
}
