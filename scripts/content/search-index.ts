import { readFileSync, writeFileSync } from 'node:fs'
import { dataFiles, maxPostings, searchShardCount, shardOf } from '../../src/content/data-files'
import type { ArticleMeta, SearchShard } from '../../src/content/types'
import { termsOf } from '../../src/search/terms'
import { keyOf } from './build-state'

/** An article as the index needs it: its content hash, and its metadata and body on demand. */
export interface IndexedArticle {
  hash: string
  meta: ArticleMeta
  body: () => string
}

// Tags out and entities out: only the words are indexed. Both patterns are one
// negated class between fixed characters, so neither backtracks.
const markup = /<[^>]*>|&[#a-z0-9]{1,10};/gi

/** The words of one article: its title, summary, tags and body text. */
function articleTerms(article: IndexedArticle): string[] {
  const { meta } = article
  const text = [meta.title, meta.summary, ...meta.tags, article.body().replace(markup, ' ')]
  return termsOf(text.join(' '))
}

/**
 * Each article's terms by its content hash, kept beside the article cache, so
 * a rebuild tokenises only the articles it compiled (reading the others' bodies
 * would cost more than the rest of a rebuild).
 */
export class TermCache {
  private readonly known: Map<string, string>
  private changed = false

  constructor(private readonly path: string) {
    let read: Record<string, string> = {}
    try {
      read = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>
    } catch {
      // No cache yet, or a cut one: every article is tokenised again.
    }
    this.known = new Map(Object.entries(read))
  }

  /** The article's terms, space-separated (no term holds a space). */
  termsOf(article: IndexedArticle): string {
    const held = this.known.get(article.hash)
    if (held !== undefined) return held
    const terms = articleTerms(article).join(' ')
    this.known.set(article.hash, terms)
    this.changed = true
    return terms
  }

  /** Writes the terms of `live` hashes only, when anything changed. */
  save(live: ReadonlySet<string>): void {
    const kept = [...this.known].filter(([hash]) => live.has(hash))
    if (!this.changed && kept.length === this.known.size) return
    writeFileSync(this.path, JSON.stringify(Object.fromEntries(kept)))
  }
}

/**
 * The search index's files (dataFiles.searchShard), from the site's list
 * oldest first: each term's postings are the positions of its newest
 * maxPostings articles. Keyed by content, so a rebuild writes only the
 * files whose terms or positions changed.
 */
export function searchIndexFiles(
  oldestFirst: readonly IndexedArticle[],
  terms: TermCache,
): Map<string, { key: string; content: () => string }> {
  const postings = new Map<string, number[]>()
  // Newest first, so each list is built in the order it is written and stops at the cap.
  for (let position = oldestFirst.length - 1; position >= 0; position--) {
    const article = oldestFirst[position] as IndexedArticle
    for (const term of terms.termsOf(article).split(' ')) {
      if (term === '') continue
      const list = postings.get(term)
      if (!list) postings.set(term, [position])
      else if (list.length < maxPostings) list.push(position)
    }
  }
  const shards: SearchShard[] = Array.from({ length: searchShardCount }, () => ({}))
  for (const term of [...postings.keys()].sort()) {
    const positions = postings.get(term) as number[]
    const gaps = positions.map((p, i) => (i === 0 ? p : (positions[i - 1] as number) - p))
    ;(shards[shardOf(term, searchShardCount)] as SearchShard)[term] = gaps
  }
  const files = new Map<string, { key: string; content: () => string }>()
  for (const [n, shard] of shards.entries()) {
    const content = JSON.stringify(shard)
    if (content === '{}') continue
    files.set(dataFiles.searchShard(n), { key: keyOf(content), content: () => content })
  }
  return files
}
