/**
 * A compiled article as the state knows it: the few fields the build orders,
 * shards and maps the archive by, and where the rest is in the ArticleCache.
 */
export interface StoredArticle {
  slug: string
  published: string
  updated?: string
  tags: string[]
  draft?: true
  /** Index into BuildState.shapes: the metadata's keys, in order. */
  shape: number
  /** Byte offset and length of its metadata line in the cache's metas.jsonl. */
  meta: [number, number]
  /** Byte offset and length of its body in the cache's bodies.pack. */
  body: [number, number]
}

/** What the last build knew of one article file: its stat, content hash, and article or errors. */
export interface FileRecord {
  size: number
  mtimeMs: number
  hash: string
  article?: StoredArticle
  errors?: string[]
}

/**
 * Kept beside the build's outputs (src/generated/build-state.bin), so deleting
 * them forgets it: every article file's record, the sizes the article cache had
 * when it was written, and a key of every asset file written, so a rebuild writes
 * only what changed.
 */
export interface BuildState {
  stamp: string
  files: Record<string, FileRecord>
  shapes: string[][]
  /** The article cache's sizes, and how many times it was started anew or compacted. */
  cache: { metaBytes: number; bodyBytes: number; rewrites: number }
  written: Record<string, string>
}
