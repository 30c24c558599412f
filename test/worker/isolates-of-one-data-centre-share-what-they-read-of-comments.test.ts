import assert from 'node:assert/strict'
import { it } from 'node:test'
import { keys } from '../../src/comments/store/keys'
import { type ViewVersions, versionOf } from '../../src/comments/store/views'
import type { StartOptions, TestWorker } from '../harness/worker'
import {
  adminCall,
  commentsPath,
  newClient,
  postJson,
  shownIds,
  slug,
  untilReadersSee,
  validComment,
} from '../support/comments'
import { dataCentres } from '../support/data-centres'

const openDataCentre = dataCentres()

/**
 * `count` fresh Workers over one KV namespace and, unless told, one cache: each
 * a process with an empty memory, as the isolates of one data centre are.
 */
async function dataCentre(count: number, options: StartOptions = {}): Promise<TestWorker[]> {
  const isolate = openDataCentre({ countKv: true, ...options })
  const started: TestWorker[] = []
  for (let n = 0; n < count; n++) started.push(await isolate())
  return started
}

/** Posts a comment through `worker` and approves it there; its id. */
async function approvedThrough(worker: TestWorker): Promise<string> {
  const posted = await postJson(worker, validComment(), newClient())
  assert.equal(posted.status, 201)
  const { id } = (await posted.json()) as { id: string }
  const approved = await adminCall(worker, 'POST', `/admin/comments/${id}/approve`)
  assert.equal(approved.status, 200)
  return id
}

/** KV gets (the billed reads) a reader's request of `path` made, counted at the binding. */
async function kvGetsOf(worker: TestWorker, path: string): Promise<number> {
  await worker.takeKvOperations()
  const response = await worker.fetch(path, { headers: { accept: 'application/json' } })
  assert.equal(response.status, 200, path)
  await response.arrayBuffer()
  return (await worker.takeKvOperations()).get
}

it('reads an article’s comments and the site comment feed from KV once for two isolates of a data centre', async () => {
  const [first, second] = (await dataCentre(2)) as [TestWorker, TestWorker]
  const id = await approvedThrough(first)
  await untilReadersSee(first, commentsPath, [id])
  // The view updater dropped the cache's copy; the first isolate read it since, the second takes it.
  assert.equal(await kvGetsOf(second, commentsPath), 0, 'the second isolate read the view from KV')
  assert.deepEqual(await shownIds(second), [id])
  assert.equal(await kvGetsOf(second, '/comments/feed.xml'), 1, 'the first read of v1:recent')
  assert.equal(await kvGetsOf(first, '/comments/feed.xml'), 0, 'the first isolate read v1:recent')
})

it('shows an approval at once to a fresh isolate of the data centre where the view updater ran', async () => {
  const [moderated, fresh] = (await dataCentre(2)) as [TestWorker, TestWorker]
  // Readers of the moderating isolate have the article's comments in the cache, without the new one.
  assert.deepEqual(await shownIds(moderated), [])
  const id = await approvedThrough(moderated)
  await untilReadersSee(moderated, commentsPath, [id])
  // Well within the 30 s the cache's copy was kept for: only its deletion lets this read KV.
  assert.deepEqual(await shownIds(fresh), [id])
})

/** `v1:view-versions` once the view updater has named `slug`'s view holding `count` comments. */
async function versionsNaming(worker: TestWorker, count: number): Promise<ViewVersions> {
  const kv = await worker.kv()
  for (let tries = 0; tries < 100; tries++) {
    const versions = JSON.parse((await kv.get(keys.versions)) ?? '{"since":null,"views":""}')
    const view = JSON.parse((await kv.get(`v1:view:${slug}`)) ?? '{"comments":[]}')
    if (view.comments.length === count && versionOf(versions, slug) === view.updated)
      return versions
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the view updater never named a view of ${count} comments`)
}

it('takes an approval from the view versions alone where the data centre holds the view before it', async () => {
  const [moderator, reader, later] = (await dataCentre(3)) as [TestWorker, TestWorker, TestWorker]
  const first = await approvedThrough(moderator)
  await versionsNaming(moderator, 1)
  // The article's first comment: made of the addition alone, no view to read.
  assert.equal(await kvGetsOf(reader, commentsPath), 1, 'the versions only')
  const second = await approvedThrough(moderator)
  const versions = await versionsNaming(moderator, 2)
  assert.ok(JSON.stringify(versions).includes(second), 'the versions carry the new comment')
  // The view updater dropped the data centre's versions; the view before is still kept here.
  assert.equal(await kvGetsOf(later, commentsPath), 1, 'the versions again, and no view')
  assert.deepEqual(await shownIds(later), [first, second])
})

it('keeps no copy in the data centre of a view older than the version the view versions name', async () => {
  const [first, second] = (await dataCentre(2)) as [TestWorker, TestWorker]
  const id = await approvedThrough(first)
  const kv = await first.kv()
  // The view updater runs from a queue moments after the approval.
  const versions = await versionsNaming(first, 1)
  const named = versionOf(versions, slug)
  assert.ok(named, 'the view updater named the article')
  // As in a location KV has not yet carried the view of the version named (up to 60 s).
  const lagging = { ...versions, views: `\n${slug} 2099-01-01T00:00:00.000Z` }
  await kv.put(keys.versions, JSON.stringify(lagging))
  assert.equal(await kvGetsOf(first, commentsPath), 2, 'the versions and the view')
  assert.deepEqual(await shownIds(first), [id], 'the view KV holds is shown')
  assert.equal(
    await kvGetsOf(second, commentsPath),
    1,
    'the versions from the data centre, the view from KV again: it was not kept',
  )
})

it('reads KV in every isolate, and shows the same, where the cache keeps nothing (*.workers.dev)', async () => {
  const [first, second] = (await dataCentre(2, { withoutCache: true })) as [TestWorker, TestWorker]
  const id = await approvedThrough(first)
  await untilReadersSee(first, commentsPath, [id])
  // The view versions; the view of the article's first comment is made of what they carry.
  assert.equal(await kvGetsOf(second, commentsPath), 1)
  assert.deepEqual(await shownIds(second), [id])
})
