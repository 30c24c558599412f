import { exportPageSize } from './backup'
import type { CommentStore } from './store'

/** How many nightly backups the bucket keeps; older ones are deleted after each run. */
export const backupsKept = 30

/** Where the backups live in the bucket; a key per day sorts by date. */
export const backupPrefix = 'comments/'

/** The key of the backup taken on `day` (UTC): comments/YYYY-MM-DD.jsonl. */
export function backupKey(day: Date): string {
  return `${backupPrefix}${day.toISOString().slice(0, 10)}.jsonl`
}

// R2 wants every part of a multipart upload but the last to be at least 5 MiB and of
// one size, so parts are cut at exactly this many bytes, whatever the line breaks.
const partBytes = 5 * 1024 * 1024
const encoder = new TextEncoder()

/** What one nightly run wrote and deleted. */
export interface BackupResult {
  key: string
  comments: number
  deleted: string[]
}

/**
 * Writes every comment, one JSON line each as `npm run comments -- export` prints
 * them, to `backups` under the day's key, page by page in parts so no more than a
 * part is held at once; then deletes all but the newest `backupsKept` backups.
 */
export async function writeNightlyBackup(
  store: CommentStore,
  backups: R2Bucket,
  day: Date,
): Promise<BackupResult> {
  const key = backupKey(day)
  const upload = await backups.createMultipartUpload(key, {
    httpMetadata: { contentType: 'application/x-ndjson; charset=utf-8' },
  })
  const parts: R2UploadedPart[] = []
  const pending: Uint8Array[] = []
  let pendingBytes = 0
  // Uploads the next `size` bytes held as one part.
  const uploadPart = async (size: number) => {
    const part = new Uint8Array(size)
    let offset = 0
    while (offset < size) {
      const chunk = pending[0] as Uint8Array
      const taken = Math.min(chunk.length, size - offset)
      part.set(chunk.subarray(0, taken), offset)
      offset += taken
      if (taken === chunk.length) pending.shift()
      else pending[0] = chunk.subarray(taken)
    }
    pendingBytes -= size
    parts.push(await upload.uploadPart(parts.length + 1, part))
  }
  let comments = 0
  try {
    let cursor: string | undefined
    do {
      const page = await store.exportPage(cursor, exportPageSize)
      for (const comment of page.items) {
        const line = encoder.encode(`${JSON.stringify(comment)}\n`)
        pending.push(line)
        pendingBytes += line.length
      }
      comments += page.items.length
      while (pendingBytes >= partBytes) await uploadPart(partBytes)
      cursor = page.cursor
    } while (cursor)
    // The last part may be shorter; an upload needs one part, even an empty one.
    if (pendingBytes > 0 || parts.length === 0) await uploadPart(pendingBytes)
    await upload.complete(parts)
  } catch (error) {
    await upload.abort()
    throw error
  }
  return { key, comments, deleted: await pruneBackups(backups) }
}

/** Deletes all but the newest `backupsKept` backups; returns the keys deleted. */
async function pruneBackups(backups: R2Bucket): Promise<string[]> {
  const names: string[] = []
  let cursor: string | undefined
  do {
    const page = await backups.list({ prefix: backupPrefix, ...(cursor ? { cursor } : {}) })
    names.push(...page.objects.map((object) => object.key))
    cursor = page.truncated ? page.cursor : undefined
  } while (cursor)
  const old = names.sort().slice(0, Math.max(0, names.length - backupsKept))
  if (old.length > 0) await backups.delete(old)
  return old
}
