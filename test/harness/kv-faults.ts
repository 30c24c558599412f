/**
 * Failure injection for the COMMENTS binding. With `startWorker({ kvFaults: true })`
 * the Worker's COMMENTS is a Miniflare wrapped binding: this module, which forwards
 * every call to a real in-memory KV namespace (INNER) unless the fault switch
 * (a key in a second namespace, FAULTS) says that kind of call must fail.
 */

/** Which KV calls fail; anything left out works normally. */
export interface KvFaults {
  /** get, getWithMetadata and list throw. */
  reads?: boolean
  /** put and delete throw. */
  writes?: boolean
  /** Only puts to keys starting with one of these throw (a write that fails half-way). */
  putPrefixes?: string[]
}

/** Name of the Miniflare worker that holds the wrapper module and its namespaces. */
export const faultWorkerName = 'kv-faults'
/** Key in the FAULTS namespace that holds the JSON of the current KvFaults. */
export const faultKey = 'faults'

/** The wrapped-binding module (plain JS, evaluated inside workerd). */
export const faultModule = `
export default function (env) {
  const inner = env.INNER
  async function check(kind, key) {
    const faults = JSON.parse((await env.FAULTS.get(${JSON.stringify(faultKey)})) ?? '{}')
    if (kind === 'read' && faults.reads) throw new Error('injected KV read failure')
    if ((kind === 'put' || kind === 'delete') && faults.writes) {
      throw new Error('injected KV write failure')
    }
    const prefixes = faults.putPrefixes ?? []
    if (kind === 'put' && prefixes.some((prefix) => String(key).startsWith(prefix))) {
      throw new Error('injected KV write failure')
    }
  }
  return {
    async get(key, ...rest) { await check('read', key); return inner.get(key, ...rest) },
    async getWithMetadata(key, ...rest) { await check('read', key); return inner.getWithMetadata(key, ...rest) },
    async list(...rest) { await check('read'); return inner.list(...rest) },
    async put(key, ...rest) { await check('put', key); return inner.put(key, ...rest) },
    async delete(key, ...rest) { await check('delete', key); return inner.delete(key, ...rest) },
  }
}
`
