import {
  appendFileSync,
  closeSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import type { ArticleMeta } from '../../src/content/types'
import type { BuildState, StoredArticle } from './build-state'

// Fields the build reads of every article (to order, shard and map the archive):
// kept in the state itself, so that an unchanged article is never loaded whole.
// Every field the lists need of every article (order, tags, drafts), kept in the state.
const lightKeys = ['slug', 'published', 'updated', 'tags', 'draft'] as const
const light = new Set<string>(lightKeys)

/** The UTF-8 text at [offset, length] of an open file. */
function readAt(fd: number, [offset, length]: [number, number]): string {
  const bytes = Buffer.allocUnsafe(length)
  readSync(fd, bytes, 0, length, offset)
  return bytes.toString('utf8')
}

/**
 * The compiled articles of one output folder: each article's metadata as a JSON
 * line in metas.jsonl and its body in bodies.pack, both only ever appended to, at
 * the byte offsets the state records. A rebuild reads neither file whole: it
 * loads the metadata of only the articles whose outputs it writes (an index page,
 * a shard, the feed) and the bodies of only the shards it writes. One edit among
 * 10,000 appends one line and one body; the files are rewritten with only the
 * live articles when the dead ones outweigh them.
 */
export class ArticleCache {
  private readonly metaPath: string
  private readonly bodyPath: string
  private readonly shapes: string[][]
  private readonly shapeIndex: Map<string, number>
  private sizes: BuildState['cache']
  private pending: Array<{ meta: string; body: string }> = []
  /** Metadata and bodies compiled by this build, by their body's offset. */
  private readonly fresh = new Map<number, { meta: ArticleMeta; body: string }>()
  private metaFd: number | undefined
  private bodyFd: number | undefined

  /** True when the cache was started anew: no article of the state's records can be read from it. */
  readonly emptied: boolean

  /**
   * Opens the cache in `dir` as `state` left it; one that is not what the state
   * says (removed, cut short, written by another build) is started anew.
   */
  constructor(dir: string, state: Pick<BuildState, 'shapes' | 'cache'>) {
    mkdirSync(dir, { recursive: true })
    this.metaPath = join(dir, 'metas.jsonl')
    this.bodyPath = join(dir, 'bodies.pack')
    this.shapes = state.shapes
    this.shapeIndex = new Map(this.shapes.map((keys, i) => [keys.join(','), i]))
    this.sizes = { ...state.cache }
    const size = (path: string) => {
      try {
        return statSync(path).size
      } catch {
        return -1
      }
    }
    const metaSize = size(this.metaPath)
    const bodySize = size(this.bodyPath)
    this.emptied =
      this.sizes.metaBytes === 0 ||
      metaSize < this.sizes.metaBytes ||
      bodySize < this.sizes.bodyBytes
    if (this.emptied) this.clear()
    else if (metaSize > this.sizes.metaBytes || bodySize > this.sizes.bodyBytes) {
      // Appended by a build that was stopped before it wrote its state: not part of this cache.
      truncateSync(this.metaPath, this.sizes.metaBytes)
      truncateSync(this.bodyPath, this.sizes.bodyBytes)
    }
  }

  /** What the state records of the cache: its sizes after this build's writes. */
  get state(): Pick<BuildState, 'shapes' | 'cache'> {
    return { shapes: this.shapes, cache: { ...this.sizes } }
  }

  /** Takes a compiled article; its bytes are written by the next flush(). */
  add(meta: ArticleMeta, body: string): StoredArticle {
    const keys = Object.keys(meta)
    let shape = this.shapeIndex.get(keys.join(','))
    if (shape === undefined) {
      shape = this.shapes.push(keys) - 1
      this.shapeIndex.set(keys.join(','), shape)
    }
    const metaText = `${JSON.stringify(meta)}\n`
    const at: StoredArticle = {
      slug: meta.slug,
      published: meta.published,
      ...(meta.updated ? { updated: meta.updated } : {}),
      tags: meta.tags,
      ...(meta.draft ? { draft: meta.draft } : {}),
      shape,
      meta: [this.sizes.metaBytes, Buffer.byteLength(metaText)],
      body: [this.sizes.bodyBytes, Buffer.byteLength(body)],
    }
    this.sizes.metaBytes += at.meta[1]
    this.sizes.bodyBytes += at.body[1]
    this.pending.push({ meta: metaText, body })
    this.fresh.set(at.body[0], { meta, body })
    return at
  }

  /** Writes what was added since the last call: bodies first, so no line points past them. */
  flush(): void {
    if (this.pending.length === 0) return
    appendFileSync(this.bodyPath, this.pending.map((item) => item.body).join(''))
    appendFileSync(this.metaPath, this.pending.map((item) => item.meta).join(''))
    this.pending = []
  }

  /** The article's whole metadata, read from the cache. */
  meta(at: StoredArticle): ArticleMeta {
    const held = this.fresh.get(at.body[0])
    if (held) return held.meta
    this.flush()
    this.metaFd ??= openSync(this.metaPath, 'r')
    const meta = JSON.parse(readAt(this.metaFd, at.meta)) as ArticleMeta
    if (meta.slug !== at.slug) {
      throw new Error(
        `${this.metaPath} does not hold what the build state says: remove it and build again`,
      )
    }
    return meta
  }

  /**
   * The article's metadata as an object whose light fields are at hand and whose
   * other fields are read from the cache the first time any of them is used,
   * with its keys in the order the compiler wrote them (JSON.stringify and
   * spreading give the same text and objects as the article itself).
   */
  lazyMeta(at: StoredArticle): ArticleMeta {
    const held = this.fresh.get(at.body[0])
    if (held) return held.meta
    // One Proxy over the state's own record, with a handler shared by all of
    // them: 10,000 objects with a getter per field cost more than reading them.
    return new Proxy(at, this.lazyHandler) as unknown as ArticleMeta
  }

  private readonly lazyHandler: ProxyHandler<StoredArticle> = (() => {
    const wholes = new WeakMap<StoredArticle, Record<string | symbol, unknown>>()
    const whole = (at: StoredArticle) => {
      let meta = wholes.get(at)
      if (!meta) {
        meta = this.meta(at) as unknown as Record<string, unknown>
        wholes.set(at, meta)
      }
      return meta
    }
    // Until a field other than the light ones is used, the keys come from the shape.
    const lazy = (at: StoredArticle, key: string | symbol) =>
      !wholes.has(at) && typeof key === 'string' && light.has(key)
    const has = (at: StoredArticle, key: string | symbol) =>
      wholes.has(at)
        ? Object.hasOwn(whole(at), key)
        : typeof key === 'string' && (this.shapes[at.shape] ?? []).includes(key)
    return {
      get: (at, key) =>
        lazy(at, key)
          ? at[key as (typeof lightKeys)[number]]
          : has(at, key)
            ? whole(at)[key]
            : undefined,
      has,
      ownKeys: (at) =>
        wholes.has(at) ? Reflect.ownKeys(whole(at)) : [...(this.shapes[at.shape] ?? [])],
      getOwnPropertyDescriptor: (at, key) =>
        has(at, key)
          ? {
              value: lazy(at, key) ? at[key as (typeof lightKeys)[number]] : whole(at)[key],
              writable: true,
              enumerable: true,
              configurable: true,
            }
          : undefined,
      // A change is made to the whole article, as it would be to a plain one.
      set: (at, key, value) => Reflect.set(whole(at), key, value),
      deleteProperty: (at, key) => Reflect.deleteProperty(whole(at), key),
      defineProperty: (at, key, descriptor) => Reflect.defineProperty(whole(at), key, descriptor),
    }
  })()

  /** The article's body. */
  body(at: StoredArticle): string {
    const held = this.fresh.get(at.body[0])
    if (held) return held.body
    this.flush()
    this.bodyFd ??= openSync(this.bodyPath, 'r')
    return readAt(this.bodyFd, at.body)
  }

  /**
   * Rewrites both files with only the `live` articles (updating their offsets in
   * place) when the dead ones outweigh them: edits append, so without this the
   * files would grow with every edit.
   */
  compact(live: StoredArticle[]): void {
    const liveBytes = live.reduce((sum, at) => sum + at.meta[1] + at.body[1], 0)
    if (this.sizes.metaBytes + this.sizes.bodyBytes <= 2 * liveBytes + (1 << 20)) return
    const kept = live.map((at) => ({ at, meta: this.meta(at), body: this.body(at) }))
    this.clear()
    for (const { at, meta, body } of kept) Object.assign(at, this.add(meta, body))
    this.flush()
  }

  close(): void {
    for (const fd of [this.bodyFd, this.metaFd]) if (fd !== undefined) closeSync(fd)
    this.bodyFd = undefined
    this.metaFd = undefined
  }

  private clear(): void {
    this.close()
    this.fresh.clear()
    this.pending = []
    this.sizes = { metaBytes: 0, bodyBytes: 0, rewrites: this.sizes.rewrites + 1 }
    writeFileSync(this.metaPath, '')
    writeFileSync(this.bodyPath, '')
  }
}
