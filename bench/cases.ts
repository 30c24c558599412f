import type { BenchCase } from './compare'
import type { Contenders } from './contenders'

/** Names the contenders of the N = 1 project when they run beside a larger one's. */
export const atSeed = (name: string) => `${name} at N = 1`

/** `path` as the tables show it, the article's slug replaced by `:slug`. */
export function display(path: string): string {
  return path.replace(/^\/articles\/[^/]+/, '/articles/:slug')
}

/** A GET of `path` that every contender named answers with the real Worker's 200. */
export function getCase(
  group: string,
  path: string,
  contenders: Contenders,
  names: readonly string[],
): BenchCase {
  const route = contenders.routes.get(path)
  if (!route) throw new Error(`${path} was not captured`)
  return {
    group,
    name: `GET ${display(path)}`,
    path,
    status: 200,
    bytes: Buffer.byteLength(route.ok.body),
    contenders: names.flatMap((name) => contenders.byName[name] ?? []),
  }
}

/** The same GET with the ETag of the real Worker's answer: a feed reader's poll, 304. */
export function revalidationCase(
  group: string,
  path: string,
  contenders: Contenders,
  names: readonly string[],
): BenchCase {
  const base = getCase(group, path, contenders, names)
  const etag = contenders.routes.get(path)?.ok.headers.etag ?? ''
  return {
    ...base,
    name: `304 ${display(path)}`,
    headers: { 'if-none-match': etag },
    status: 304,
    bytes: 0,
  }
}
