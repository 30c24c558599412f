/**
 * What the WebSub announcer remembers between runs: what every feed said when
 * it was last announced (effectiveDigests), and the feed URLs whose ping failed
 * or was left over, to be tried on the next run.
 */
export interface WebSubState {
  digests: Record<string, string>
  pending: string[]
}

/** The one key, in the COMMENTS namespace beside the comments (docs/contract.md). */
export const websubStateKey = 'v1:websub:state'

/** The part of a KV namespace (the COMMENTS binding) the store uses. */
export interface StateKv {
  get(key: string, type: 'json'): Promise<unknown>
  put(key: string, value: string): Promise<void>
}

function isState(value: unknown): value is WebSubState {
  if (typeof value !== 'object' || value === null) return false
  const { digests, pending } = value as Partial<Record<keyof WebSubState, unknown>>
  return (
    typeof digests === 'object' &&
    digests !== null &&
    Object.values(digests).every((digest) => typeof digest === 'string') &&
    Array.isArray(pending) &&
    pending.every((topic) => typeof topic === 'string')
  )
}

/** The announcer's KV record: a KV user besides the comment store (comments/store.ts). */
export class WebSubStore {
  constructor(private readonly kv: StateKv) {}

  /**
   * The state the last run saved; undefined before the first run, and for a
   * value in another shape, which the next save replaces (so a bad value
   * costs one run that announces nothing, never a run that fails forever).
   */
  async load(): Promise<WebSubState | undefined> {
    const value = await this.kv.get(websubStateKey, 'json')
    if (value === null) return undefined
    if (isState(value)) return value
    console.error(JSON.stringify({ event: 'websub_state_unreadable', key: websubStateKey }))
    return undefined
  }

  async save(state: WebSubState): Promise<void> {
    await this.kv.put(websubStateKey, JSON.stringify(state))
  }
}
