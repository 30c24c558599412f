import { join } from 'node:path'
import { cronTriggers } from '../src/app/cron-triggers'
import { type KvOperations, kvOperationKinds, noKvOperations } from '../test/harness/kv-operations'
import { seedSlug } from '../test/harness/routes'
import { adminToken, startWorker, type TestWorker } from '../test/harness/worker'
import { coldNotFound, type EdgeRoute } from './edge-routes'
import type { BuiltProject } from './project'

/** KV calls of one kind of request: its first on a fresh isolate, and the next one. */
export interface KvCountRow {
  kind: string
  cold: KvOperations
  warm: KvOperations
  /** Reader routes: the first on another fresh isolate of the same data centre (its cache). */
  dataCentre?: KvOperations
}

/** The write paths the cost model needs, by name. */
export const writeKinds = {
  post: 'comment POST',
  preview: 'comment preview',
  edit: 'comment edit (author, pending)',
  approve: 'approve one',
  bulkApprove: 'bulk approve 25',
  bulkApproveSpread: 'bulk approve 25 over 5 articles',
  backup: 'nightly backup, per 100 comments',
  nextNightListing: 'next night’s backup, per 100 comments (no reads)',
  nextNightReads: 'next night’s backup, per changed comment (reads)',
} as const

/** Articles the spread bulk approval's 25 comments go to, 5 each. */
export const spreadArticles = 5

/** Comments posted between the two nights the bench backs up: the next night's changes. */
const changedOvernight = 10

const article = `/articles/${seedSlug}`
let nextClient = 1
const client = () => `203.0.${Math.floor(nextClient / 250)}.${(nextClient++ % 250) + 1}`

const start = (project: BuiltProject, kvPersist: string, cachePersist?: string) =>
  startWorker({
    scriptPath: project.bundlePath,
    kvPersist,
    ...(cachePersist ? { cachePersist } : {}),
    countKv: true,
    quiet: true,
    // Every post must be stored: the limiter is not what is counted here.
    rateLimit: 10_000,
  })

async function ok(response: Response, want: number, what: string): Promise<Response> {
  if (response.status !== want) {
    throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`)
  }
  return response
}

/** A fresh isolate whose first request (a 404) is behind it and not counted. */
async function fresh(
  project: BuiltProject,
  kvPersist: string,
  cachePersist?: string,
): Promise<TestWorker> {
  const worker = await start(project, kvPersist, cachePersist)
  await (await worker.fetch(coldNotFound)).arrayBuffer()
  await worker.takeKvOperations()
  return worker
}

/** Counts `request`'s KV calls. */
async function counted(worker: TestWorker, request: () => Promise<unknown>) {
  await request()
  return worker.takeKvOperations()
}

/**
 * Each reader route on its own fresh isolate, in a data centre of its own (a
 * cache folder per route): the first request, the same again, then the first
 * on a second fresh isolate of that data centre.
 */
export async function countReaderKv(
  project: BuiltProject,
  routes: readonly EdgeRoute[],
  kvPersist: string,
): Promise<KvCountRow[]> {
  const rows: KvCountRow[] = []
  for (const [n, route] of routes.entries()) {
    const cachePersist = join(kvPersist, `cache-${n}`)
    const first = async (worker: TestWorker) =>
      counted(worker, async () =>
        (await ok(await worker.fetch(route.path), 200, route.path)).arrayBuffer(),
      )
    const worker = await fresh(project, kvPersist, cachePersist)
    let cold: KvOperations
    let warm: KvOperations
    try {
      cold = await first(worker)
      warm = await first(worker)
    } finally {
      await worker.stop()
    }
    const neighbour = await fresh(project, kvPersist, cachePersist)
    try {
      rows.push({ kind: route.name, cold, warm, dataCentre: await first(neighbour) })
    } finally {
      await neighbour.stop()
    }
  }
  return rows
}

const postComment = async (worker: TestWorker, path = article) =>
  (await ok(
    await worker.fetch(`${path}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': client() },
      body: JSON.stringify({
        author: 'पाठक',
        email: `reader${nextClient}@example.org`,
        content: `बेंच की टिप्पणी ${nextClient} ${Math.random()}`,
      }),
    }),
    201,
    'comment POST',
  ).then((r) => r.json())) as { id: string; edit_token: string }

const preview = async (worker: TestWorker) =>
  (
    await ok(
      await worker.fetch(`${article}/comments/preview`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
          'cf-connecting-ip': client(),
        },
        body: new URLSearchParams({
          author: 'पाठक',
          email: 'r@example.org',
          content: '*पूर्वावलोकन*',
        }),
      }),
      200,
      'preview',
    )
  ).arrayBuffer()

const edit = async (worker: TestWorker, posted: { id: string; edit_token: string }) =>
  (
    await ok(
      await worker.fetch(`${article}/comments/${posted.id}`, {
        method: 'PATCH',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${posted.edit_token}`,
        },
        body: JSON.stringify({ content: `संपादित ${Math.random()}` }),
      }),
      200,
      'edit',
    )
  ).arrayBuffer()

const approve = async (worker: TestWorker, id: string) =>
  (
    await ok(
      await worker.fetch(`/admin/comments/${id}/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}` },
      }),
      200,
      'approve',
    )
  ).arrayBuffer()

/** A moderator's form post as a browser on the site makes it. */
const formPost = (worker: TestWorker, path: string, fields: string[][], cookie = '') =>
  worker.fetch(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: worker.origin,
      'sec-fetch-site': 'same-origin',
      'cf-connecting-ip': '192.0.2.10',
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  })

/** Approves `ids` in one post of the moderation page, as its bulk action does. */
async function bulkApprove(worker: TestWorker, ids: readonly string[]) {
  const signedIn = await ok(
    await formPost(worker, '/admin/sign-in', [['token', adminToken]]),
    303,
    'sign-in',
  )
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';', 1)[0] ?? ''
  const page = await (
    await worker.fetch('/admin', { headers: { cookie, 'cf-connecting-ip': '192.0.2.10' } })
  ).text()
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1]
  if (!csrf) throw new Error('no CSRF token on the moderation page')
  // Each approval carries the version the page showed, as the page's own form
  // does; without it the page approves nothing and the count would be of a no-op.
  const approvals = ids.flatMap((id): Array<[string, string]> => {
    const version = new RegExp(`name="seen:${id}" value="([^"]*)"`).exec(page)?.[1]
    if (version === undefined) throw new Error(`comment ${id} is not on the moderation page`)
    return [
      ['id', id],
      [`seen:${id}`, version],
    ]
  })
  return counted(worker, async () => {
    const answer = await ok(
      await formPost(worker, '/admin', [['csrf', csrf], ['act', 'approve'], ...approvals], cookie),
      303,
      'bulk approve',
    )
    const done = new URL(answer.headers.get('location') ?? '', 'http://x').searchParams
    if (done.get('count') !== String(ids.length)) {
      throw new Error(`bulk approve approved ${done.get('count')} of ${ids.length}`)
    }
    return answer
  })
}

/**
 * The write paths on one fresh isolate: each once (cold) and again (warm),
 * then a bulk approval of 25 and the nightly backup, whose count is given per
 * 100 stored comments.
 */
export async function countWriteKv(
  project: BuiltProject,
  kvPersist: string,
): Promise<KvCountRow[]> {
  const worker = await fresh(project, kvPersist)
  try {
    const rows: KvCountRow[] = []
    const posted: Array<{ id: string; edit_token: string }> = []
    const twice = async (kind: string, request: () => Promise<unknown>) => {
      const cold = await counted(worker, request)
      rows.push({ kind, cold, warm: await counted(worker, request) })
    }
    await twice(writeKinds.post, async () => posted.push(await postComment(worker)))
    await twice(writeKinds.preview, () => preview(worker))
    const editing = posted[0]
    if (!editing) throw new Error('no comment was posted')
    await twice(writeKinds.edit, () => edit(worker, editing))
    const toApprove = [...posted]
    await twice(writeKinds.approve, () => approve(worker, toApprove.shift()?.id ?? ''))

    const batch: string[] = []
    for (let i = 0; i < 25; i++) batch.push((await postComment(worker)).id)
    await worker.takeKvOperations()
    const bulk = await settled(worker, await bulkApprove(worker, batch))
    rows.push({ kind: writeKinds.bulkApprove, cold: bulk, warm: bulk })
    // A busy site's batch holds comments of many articles: the view updater
    // rewrites each article's view and pending ids.
    if (project.articleCount > spreadArticles) {
      const spread = await spreadBatch(worker)
      await worker.takeKvOperations()
      const operations = await settled(worker, await bulkApprove(worker, spread))
      rows.push({ kind: writeKinds.bulkApproveSpread, cold: operations, warm: operations })
    }

    const stored = (await worker.kvKeys('v1:comment:')).length
    await worker.takeKvOperations()
    const outcome = await worker.scheduled(new Date(), cronTriggers.nightlyBackup)
    if (outcome !== 'ok') throw new Error(`nightly backup: ${outcome}`)
    const backup = perHundred(await worker.takeKvOperations(), stored)
    rows.push({ kind: writeKinds.backup, cold: backup, warm: backup })

    // The next night copies what did not change from this backup: it lists every
    // comment but reads only the changed ones.
    for (let i = 0; i < changedOvernight; i++) await postComment(worker)
    await quiet(worker)
    const nextNight = new Date(Date.now() + 86_400_000)
    const next = await worker.scheduled(nextNight, cronTriggers.nightlyBackup)
    if (next !== 'ok') throw new Error(`next night's backup: ${next}`)
    const nextOperations = await worker.takeKvOperations()
    const listing = perHundred(
      { ...nextOperations, get: 0, getWithMetadata: 0, keysRead: 0 },
      stored + changedOvernight,
    )
    rows.push({ kind: writeKinds.nextNightListing, cold: listing, warm: listing })
    const reads = perChanged(nextOperations, changedOvernight)
    rows.push({ kind: writeKinds.nextNightReads, cold: reads, warm: reads })
    return rows
  } finally {
    await worker.stop()
  }
}

/**
 * 25 new comments, 5 on each of `spreadArticles` generated articles that take
 * comments (a tenth of them are closed); their ids, once their posts' view
 * updates are done.
 */
async function spreadBatch(worker: TestWorker): Promise<string[]> {
  const ids: string[] = []
  let open = 0
  for (let index = 1; open < spreadArticles; index++) {
    if (index > 100) throw new Error('no generated articles take comments')
    const path = `/articles/synthetic-article-${String(index).padStart(4, '0')}`
    const probe = await worker.fetch(path)
    const page = await probe.text()
    if (probe.status !== 200 || !page.includes('id="comment-form"')) continue
    open++
    for (let n = 0; n < 25 / spreadArticles; n++) ids.push((await postComment(worker, path)).id)
  }
  await quiet(worker)
  return ids
}

/** `operations` with what the Worker's queued work (the view updater) did after them. */
async function settled(worker: TestWorker, operations: KvOperations): Promise<KvOperations> {
  const total = { ...operations }
  await quiet(worker, (more) => {
    for (const kind of [...kvOperationKinds, 'keysRead'] as const) total[kind] += more[kind]
  })
  return total
}

/** Waits until the Worker's queued work (view updates after posts) has stopped touching KV. */
async function quiet(
  worker: TestWorker,
  taken: (operations: KvOperations) => void = () => {},
): Promise<void> {
  let still = 0
  for (let round = 0; still < 3; round++) {
    if (round === 100) throw new Error('the Worker kept touching KV for 20 s after the posts')
    await new Promise((resolve) => setTimeout(resolve, 200))
    const operations = await worker.takeKvOperations()
    taken(operations)
    const any = kvOperationKinds.some((kind) => operations[kind] > 0)
    still = any ? 0 : still + 1
  }
}

/** The reads of `operations`, per changed comment. */
function perChanged(operations: KvOperations, changed: number): KvOperations {
  return {
    ...noKvOperations(),
    get: operations.get / changed,
    getWithMetadata: operations.getWithMetadata / changed,
    keysRead: operations.keysRead / changed,
  }
}

function perHundred(operations: KvOperations, comments: number): KvOperations {
  const scaled = noKvOperations()
  for (const kind of [...kvOperationKinds, 'keysRead'] as const) {
    scaled[kind] = (operations[kind] * 100) / comments
  }
  return scaled
}
