/** One key of a KV listing, with whatever metadata was written beside it. */
export interface ListedKey {
  name: string
  metadata?: unknown
}

/**
 * The part of a KV namespace that listing by prefix needs; the Workers binding
 * and Miniflare's namespace (used by the test harness) both have it.
 */
export interface PrefixListable {
  list(options: { prefix: string; cursor?: string }): Promise<{
    keys: ListedKey[]
    list_complete: boolean
    cursor?: string
  }>
}

/** Every key under `prefix`, a page at a time (KV lists at most 1,000 keys a call). */
export async function* keyPages(kv: PrefixListable, prefix: string): AsyncGenerator<ListedKey[]> {
  let cursor: string | undefined
  do {
    const page = await kv.list({ prefix, ...(cursor ? { cursor } : {}) })
    yield page.keys
    cursor = page.list_complete ? undefined : page.cursor
  } while (cursor)
}
