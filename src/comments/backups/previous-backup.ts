import { textDigest } from '../../lib/text-digest'
import type { ListedComment } from '../types'

/** Where a backup reads the night before's from: its key, and the byte its next line starts at. */
export interface PreviousBackupPlace {
  key: string
  offset: number
}

/** What the reader needs of a bucket (R2's `get` with a range), so a test can hand it a fake. */
export interface RangeReader {
  get(
    key: string,
    options: { range: { offset: number; length: number } },
  ): Promise<{ size: number; arrayBuffer(): Promise<ArrayBuffer> } | null>
}

/** One line of an earlier backup: a comment's JSON exactly as the export wrote it. */
interface BackupLine {
  id: string
  text: string
  /** The byte it starts at in the backup. */
  start: number
}

/** How the reader reads: slices of this many bytes, at most this many a step. */
export interface ReadLimits {
  sliceBytes: number
  slicesPerStep: number
}

// A step's comments are about 20 MB (10,000 of them), a line at most 40 KB; 50
// slices let a step pass over 100 MB of comments deleted since the night
// before, and keep what it holds to one slice.
const defaultLimits: ReadLimits = { sliceBytes: 2 * 1024 * 1024, slicesPerStep: 50 }
const newline = 0x0a
const decoder = new TextDecoder()

/**
 * Reads the night before's backup a slice at a time, beside the listing of
 * comment keys, both in id order: for each listed comment, its line when the
 * comment is unchanged since (the line's digest is the one KV keeps with the
 * comment), else nothing, and the comment must be read from KV. Lines of
 * comments deleted since are passed over; a line out of id order is passed
 * over too, so it costs a read, never a wrong line. Whatever is not id-ordered
 * lines of comment JSON (a missing object, a line longer than a slice) ends the
 * reading: from there every comment is read from KV, as in a first backup. A
 * step that has read its slices stops there, and the next goes on from it.
 */
export class PreviousBackup {
  private lines: BackupLine[] = []
  private next = 0
  private readFrom: number
  private slicesRead = 0
  private ended = false

  constructor(
    private readonly bucket: RangeReader,
    private readonly place: PreviousBackupPlace,
    private readonly limits: ReadLimits = defaultLimits,
  ) {
    this.readFrom = place.offset
  }

  /** For each of `listed`, in order, its unchanged line or undefined. */
  async linesFor(listed: readonly ListedComment[]): Promise<Array<string | undefined>> {
    const found: Array<string | undefined> = []
    for (const comment of listed) found.push(await this.lineFor(comment))
    return found
  }

  /** Where the next step goes on reading: the first line not yet passed. */
  position(): PreviousBackupPlace {
    return { key: this.place.key, offset: this.lines[this.next]?.start ?? this.readFrom }
  }

  private async lineFor({ id, digest }: ListedComment): Promise<string | undefined> {
    for (;;) {
      while ((this.lines[this.next]?.id ?? id) < id) this.next += 1
      if (this.next < this.lines.length) break
      if (this.ended || this.slicesRead >= this.limits.slicesPerStep) return undefined
      await this.readSlice()
    }
    const line = this.lines[this.next]
    if (!line || line.id !== id || digest === undefined) return undefined
    return (await textDigest(line.text)) === digest ? line.text : undefined
  }

  /** Replaces the lines held with the next slice's whole lines. */
  private async readSlice(): Promise<void> {
    this.slicesRead += 1
    this.lines = []
    this.next = 0
    let bytes: Uint8Array
    let size: number
    try {
      const object = await this.bucket.get(this.place.key, {
        range: { offset: this.readFrom, length: this.limits.sliceBytes },
      })
      if (!object) {
        this.ended = true
        return
      }
      bytes = new Uint8Array(await object.arrayBuffer())
      size = object.size
    } catch {
      // Gone, or read past its end: the comments from here are read from KV.
      this.ended = true
      return
    }
    let start = 0
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] !== newline) continue
      const text = decoder.decode(bytes.subarray(start, i))
      const id = idOf(text)
      if (id === undefined) {
        this.ended = true
        break
      }
      this.lines.push({ id, text, start: this.readFrom + start })
      start = i + 1
    }
    // The end of the backup, or a slice without a whole line in it (no comment is that long).
    if (this.readFrom + bytes.length >= size || start === 0) this.ended = true
    this.readFrom += start
  }
}

function idOf(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text)
    if (value === null || typeof value !== 'object') return undefined
    const id = (value as { id?: unknown }).id
    return typeof id === 'string' ? id : undefined
  } catch {
    return undefined
  }
}
