import { BoundedMap } from '../lib/bounded-map'
import { ownEntry } from '../lib/own-entry'
import { dataFiles, searchShardCount, shardOf } from './data-files'
import type { AssetFetcher } from './index'
import type { SearchShard } from './types'

// A search reads one index file per term; an isolate keeps the few it read last.
const shards = new BoundedMap<number, SearchShard>(64)

async function searchShard(n: number, assets: AssetFetcher): Promise<SearchShard> {
  const held = shards.get(n)
  if (held) return held
  const path = dataFiles.searchShard(n)
  const response = await assets.fetch(`https://assets.invalid${path}`)
  let read: SearchShard = {}
  if (response.ok) read = (await response.json()) as SearchShard
  else {
    // No term hashes to this file: the build wrote none.
    await response.body?.cancel()
    if (response.status !== 404) throw new Error(`${path}: asset answered ${response.status}`)
  }
  shards.set(n, read)
  return read
}

/** A term's positions from its gaps, newest first. */
function positionsOf(gaps: readonly number[]): number[] {
  const positions: number[] = []
  let at = 0
  for (const [i, gap] of gaps.entries()) {
    at = i === 0 ? gap : at - gap
    positions.push(at)
  }
  return positions
}

/**
 * The site-list positions of the articles holding every one of `terms`
 * (folded), newest first, among the `visible` oldest (a scheduled article is
 * not found before it is out). Reads one index file per distinct term hash.
 */
export async function searchPositions(
  terms: readonly string[],
  visible: number,
  assets: AssetFetcher,
): Promise<number[]> {
  const lists = await Promise.all(
    terms.map(async (term) => {
      const shard = await searchShard(shardOf(term, searchShardCount), assets)
      const gaps = ownEntry(shard, term)
      return gaps ? positionsOf(gaps).filter((p) => p < visible) : []
    }),
  )
  lists.sort((a, b) => a.length - b.length)
  const [shortest = [], ...rest] = lists
  const others = rest.map((list) => new Set(list))
  return shortest.filter((p) => others.every((set) => set.has(p)))
}
