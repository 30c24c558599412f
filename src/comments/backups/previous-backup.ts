import type { ListedComment } from '../types'
import { type BackupLine, unchangedLines } from './unchanged-lines'

/** Where a backup reads the night before's from: its key, and the byte its next line starts at. */
export interface PreviousBackupPlace {
  key: string
  offset: number
}

// Read a slice at a time: a step's comments are about 20 MB at most, a line 40 KB.
const sliceBytes = 2 * 1024 * 1024
const newline = 0x0a
const decoder = new TextDecoder()

/**
 * Reads the night before's backup from R2 a slice at a time, as far as the
 * comments listed so far need. Whatever it cannot read as id-ordered lines of
 * comment JSON (a missing object, a line longer than a slice, text that is not
 * a comment) ends its use: from there every comment is read from KV, as in a
 * first backup.
 */
export class PreviousBackup {
  private lines: BackupLine[] = []
  private readFrom: number
  private ended = false

  constructor(
    private readonly bucket: R2Bucket,
    private readonly place: PreviousBackupPlace,
  ) {
    this.readFrom = place.offset
  }

  /** The unchanged lines for `listed` (see unchangedLines); the lines before its last id are let go. */
  async linesFor(listed: readonly ListedComment[]): Promise<Array<string | undefined>> {
    const last = listed.at(-1)?.id
    if (last === undefined) return []
    while (!this.ended && (this.lines.at(-1)?.id ?? '') < last) await this.readSlice()
    const found = unchangedLines(listed, this.lines)
    const kept = this.lines.findIndex((line) => line.id > last)
    this.lines = kept === -1 ? [] : this.lines.slice(kept)
    return found
  }

  /** Where the next step goes on reading: the first line not yet let go. */
  position(): PreviousBackupPlace {
    return { key: this.place.key, offset: this.lines[0]?.start ?? this.readFrom }
  }

  private async readSlice(): Promise<void> {
    let bytes: Uint8Array
    let size: number
    try {
      const object = await this.bucket.get(this.place.key, {
        range: { offset: this.readFrom, length: sliceBytes },
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
        return
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
