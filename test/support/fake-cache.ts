import type { CacheLike } from '../../src/http/data-centre'

/** A data centre's cache as the Cache API keeps it, without expiry: the reader checks the instant. */
export class FakeCache implements CacheLike {
  readonly entries = new Map<string, { body: string; headers: Headers }>()
  async match(address: RequestInfo | URL): Promise<Response | undefined> {
    const entry = this.entries.get(String(address))
    return entry ? new Response(entry.body, { headers: entry.headers }) : undefined
  }
  async put(address: RequestInfo | URL, response: Response): Promise<void> {
    this.entries.set(String(address), { body: await response.text(), headers: response.headers })
  }
  async delete(address: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(String(address))
  }
}
