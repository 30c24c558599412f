import type { CommentStore } from '../store/store'
import { defaultStepComments } from './backup-step-size'
import { PreviousBackup, type PreviousBackupPlace } from './previous-backup'

/** How many nightly backups the bucket keeps; older ones are deleted after each run. */
export const backupsKept = 30

/** Where the backups live in the bucket; a key per day sorts by date. */
export const backupPrefix = 'comments/'

/** Where a backup under way keeps the bytes that do not yet fill a part, between steps. */
const tailPrefix = 'comments-in-progress/'

/** The queue that carries a backup from one step to the next (wrangler.toml). */
export const backupStepsQueue = 'comment-backup-steps'

// KV lists at most 1,000 keys a call.
const listLimit = 1_000

/** The key of the backup taken on `day` (UTC): comments/YYYY-MM-DD.jsonl. */
export function backupKey(day: Date): string {
  return `${backupPrefix}${day.toISOString().slice(0, 10)}.jsonl`
}

// R2 wants every part of a multipart upload but the last to be at least 5 MiB and of
// one size, so parts are cut at exactly this many bytes, whatever the line breaks.
const partBytes = 5 * 1024 * 1024
const encoder = new TextEncoder()

/** Where one backup has got to; the message each step hands the next. */
export interface BackupProgress {
  key: string
  uploadId: string
  parts: R2UploadedPart[]
  /** The listing cursor to go on from; none before the first step. */
  cursor?: string
  /**
   * The newest earlier backup and how far it has been read: an unchanged
   * comment's line is copied from it instead of read from KV. None when there
   * is no earlier backup.
   */
  previous?: PreviousBackupPlace
  comments: number
  /**
   * How many comments were read from KV so far (the rest were copied); absent
   * in a step a Worker deployed before this count was kept handed on.
   */
  read?: number
  step: number
}

/** What a finished backup wrote and deleted. */
export interface BackupResult {
  key: string
  comments: number
  /** How many of them were read from KV; the rest were copied from the earlier backup. */
  read: number
  steps: number
  deleted: string[]
}

/** A step's outcome: the backup is finished, or here is where the next step starts. */
export type BackupStep =
  | { done: true; result: BackupResult }
  | { done: false; next: BackupProgress }

/**
 * Starts the day's backup: a multipart upload under the day's key, nothing read
 * yet, and the newest earlier backup named to copy unchanged comments from.
 */
export async function startNightlyBackup(backups: R2Bucket, day: Date): Promise<BackupProgress> {
  const key = backupKey(day)
  const earlier = (await backupKeys(backups)).filter((name) => name < key).at(-1)
  const upload = await backups.createMultipartUpload(key, {
    httpMetadata: { contentType: 'application/x-ndjson; charset=utf-8' },
  })
  return {
    key,
    uploadId: upload.uploadId,
    parts: [],
    ...(earlier ? { previous: { key: earlier, offset: 0 } } : {}),
    comments: 0,
    read: 0,
    step: 0,
  }
}

function tailKey(progress: BackupProgress, step: number): string {
  return `${tailPrefix}${progress.key}.${step}`
}

/**
 * One step of a backup: up to `stepComments` comments, one JSON line each as
 * `npm run comments -- export` prints them, appended to the upload in whole
 * parts; what does not fill a part waits in the bucket for the next step. The
 * last step completes the upload and deletes all but the newest `backupsKept`
 * backups. A step run again from the same progress (a queue retry) reads the
 * same tail and writes the same parts, so the backup stays byte for byte.
 */
export async function backupStep(
  store: CommentStore,
  backups: R2Bucket,
  progress: BackupProgress,
  stepComments = defaultStepComments,
): Promise<BackupStep> {
  const upload = backups.resumeMultipartUpload(progress.key, progress.uploadId)
  const parts = [...progress.parts]
  const pending: Uint8Array[] = []
  let pendingBytes = 0
  const hold = (bytes: Uint8Array) => {
    pending.push(bytes)
    pendingBytes += bytes.length
  }
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
  if (progress.step > 0) {
    const tail = await backups.get(tailKey(progress, progress.step))
    if (!tail) throw new Error(`backup ${progress.key}: the tail of step ${progress.step} is gone`)
    hold(new Uint8Array(await tail.arrayBuffer()))
  }
  const previous = progress.previous && new PreviousBackup(backups, progress.previous)
  let comments = progress.comments
  let read = progress.read ?? 0
  let listed = 0
  let cursor = progress.cursor
  do {
    const page = await store.listComments(cursor, Math.min(listLimit, stepComments - listed))
    const unchanged = previous ? await previous.linesFor(page.items) : []
    const toRead = page.items.filter((_, i) => unchanged[i] === undefined).map(({ id }) => id)
    const found = await store.getMany(toRead)
    read += found.size
    for (const [i, { id }] of page.items.entries()) {
      const stored = found.get(id)
      // A key deleted between the list and the read is simply no longer there.
      const line = unchanged[i] ?? (stored && JSON.stringify(stored))
      if (line === undefined) continue
      hold(encoder.encode(`${line}\n`))
      comments += 1
    }
    listed += page.items.length
    while (pendingBytes >= partBytes) await uploadPart(partBytes)
    cursor = page.cursor
  } while (cursor && listed < stepComments)
  const step = progress.step + 1
  if (cursor) {
    await backups.put(tailKey(progress, step), concat(pending, pendingBytes))
    const { key, uploadId } = progress
    return {
      done: false,
      next: {
        key,
        uploadId,
        parts,
        cursor,
        ...(previous ? { previous: previous.position() } : {}),
        comments,
        read,
        step,
      },
    }
  }
  // The last part may be shorter; an upload needs one part, even an empty one.
  if (pendingBytes > 0 || parts.length === 0) await uploadPart(pendingBytes)
  await upload.complete(parts)
  await backups.delete(Array.from({ length: step }, (_, i) => tailKey(progress, i + 1)))
  return {
    done: true,
    result: {
      key: progress.key,
      comments,
      read,
      steps: step,
      deleted: await pruneBackups(backups),
    },
  }
}

function concat(chunks: readonly Uint8Array[], bytes: number): Uint8Array {
  const joined = new Uint8Array(bytes)
  let offset = 0
  for (const chunk of chunks) {
    joined.set(chunk, offset)
    offset += chunk.length
  }
  return joined
}

// comments/YYYY-MM-DD.jsonl and nothing else: a stray file (a copy, a .bak) is no backup.
const backupName = /^comments\/\d{4}-\d{2}-\d{2}\.jsonl$/

/** Every backup's key, oldest first. */
async function backupKeys(backups: R2Bucket): Promise<string[]> {
  const names: string[] = []
  let cursor: string | undefined
  do {
    const page = await backups.list({ prefix: backupPrefix, ...(cursor ? { cursor } : {}) })
    names.push(...page.objects.map((object) => object.key).filter((key) => backupName.test(key)))
    cursor = page.truncated ? page.cursor : undefined
  } while (cursor)
  return names.sort()
}

/** Deletes all but the newest `backupsKept` backups; returns the keys deleted. */
async function pruneBackups(backups: R2Bucket): Promise<string[]> {
  const names = await backupKeys(backups)
  const old = names.slice(0, Math.max(0, names.length - backupsKept))
  if (old.length > 0) await backups.delete(old)
  return old
}
