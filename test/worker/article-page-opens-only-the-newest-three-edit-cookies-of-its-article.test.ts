import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { editProof } from '../../src/comments/edit-proof'
import { hmacKey } from '../../src/lib/hmac'
import { editSecret, startWorker, type TestWorker } from '../harness/worker'
import { postForm, slug, validComment } from '../support/comments'

let worker: TestWorker
before(async () => {
  worker = await startWorker({ rateLimit: 1000 })
})
after(() => worker.stop())

const page = `/articles/${slug}`

async function ownDeleteButtons(cookie: string): Promise<string[]> {
  const html = await (await worker.fetch(page, { headers: { accept: 'text/html', cookie } })).text()
  return [...html.matchAll(/comments\/([0-9a-z]{19})\/delete/g)].map((m) => m[1] ?? '')
}

it('offers edits for the newest three of a reader’s edit cookies only', async () => {
  const cookies: string[] = []
  for (let n = 0; n < 4; n++) {
    const posted = await postForm(worker, validComment() as Record<string, string>)
    cookies.push((posted.headers.get('set-cookie') ?? '').split(';')[0] ?? '')
  }
  const ids = cookies.map((c) => c.slice('comment_edit_'.length, c.indexOf('=')))
  const shown = await ownDeleteButtons(cookies.join('; '))
  assert.deepEqual(new Set(shown), new Set([...ids].sort().slice(1)))
})

it('opens nothing with a proof made for the same comment on another article', async () => {
  const posted = await postForm(worker, validComment() as Record<string, string>)
  const cookie = (posted.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const id = cookie.slice('comment_edit_'.length, cookie.indexOf('='))
  assert.deepEqual(await ownDeleteButtons(cookie), [id])
  const raw = await (await worker.kv()).get(`v1:comment:${id}`)
  const comment = JSON.parse(raw ?? '{}')
  const elsewhere = await editProof(await hmacKey(editSecret), {
    ...comment,
    article: 'another-article',
  })
  assert.deepEqual(await ownDeleteButtons(`comment_edit_${id}=${elsewhere}`), [])
})
