import { createHash } from 'node:crypto'
import type { CapturedResponse, CapturedRoute } from './peers/captured'

// Written by the HTTP layer for each message, not chosen by the Worker.
const perMessage = new Set([
  'content-length',
  'date',
  'transfer-encoding',
  'connection',
  'keep-alive',
])

async function captured(response: Response): Promise<CapturedResponse> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, key) => {
    if (!perMessage.has(key)) headers[key] = value
  })
  // fatal: a body that is not UTF-8 could not be held as text; none of the measured routes is.
  const body = new TextDecoder('utf-8', { fatal: true }).decode(await response.arrayBuffer())
  return { status: response.status, headers, body }
}

/** Fetches each path from the real Worker: its 200, then the 304 its own ETag earns. */
export async function captureRoutes(origin: string, paths: readonly string[]) {
  const routes: CapturedRoute[] = []
  for (const path of paths) {
    const ok = await fetch(origin + path)
    const etag = ok.headers.get('etag')
    if (ok.status !== 200 || !etag) throw new Error(`${path} answered ${ok.status}, ETag ${etag}`)
    const notModified = await fetch(origin + path, { headers: { 'if-none-match': etag } })
    if (notModified.status !== 304)
      throw new Error(`${path} revalidated with ${notModified.status}`)
    routes.push({ path, ok: await captured(ok), notModified: await captured(notModified) })
  }
  return routes
}

function fingerprint(response: CapturedResponse): string {
  const headers = Object.entries(response.headers).sort(([a], [b]) => a.localeCompare(b))
  return createHash('sha256')
    .update(JSON.stringify([response.status, headers, response.body]))
    .digest('hex')
}

/**
 * Checks that a peer answers every captured path with the same status, headers
 * and bytes as the real Worker, for the 200 and the 304; returns what differs.
 */
export async function differences(origin: string, routes: readonly CapturedRoute[]) {
  const found: string[] = []
  for (const route of routes) {
    const etag = route.ok.headers.etag ?? ''
    const again = await captureRoutes(origin, [route.path]).catch(() => null)
    if (!again?.[0]) {
      found.push(`${route.path}: no 200 + 304 with ETag ${etag}`)
      continue
    }
    if (fingerprint(again[0].ok) !== fingerprint(route.ok)) found.push(`${route.path}: 200 differs`)
    if (fingerprint(again[0].notModified) !== fingerprint(route.notModified)) {
      found.push(`${route.path}: 304 differs`)
    }
  }
  return found
}
