import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { editProof } from '../../src/comments/edit-proof'
import { hmacKey } from '../../src/lib/hmac'
import { adminToken, startWorker, type TestWorker } from '../harness/worker'
import { commentsPath, newClient, postJson, slug, validComment } from '../support/comments'
import { postForm } from '../support/moderation-page'

interface Accepted {
  id: string
  created: string
  edit_token?: string
}

async function accepted(worker: TestWorker): Promise<Accepted> {
  const response = await postJson(worker, validComment(), newClient())
  assert.equal(response.status, 201)
  return (await response.json()) as Accepted
}

describe('without EDIT_SECRET', () => {
  let worker: TestWorker
  before(async () => {
    worker = await startWorker({ rateLimit: 1000, vars: { EDIT_SECRET: '' } })
  })
  after(() => worker.stop())

  it('issues no edit proof, and one derived from the admin token opens nothing', async () => {
    const comment = await accepted(worker)
    assert.equal(comment.edit_token, undefined)
    // The key the site used to derive from ADMIN_TOKEN and CLIENT_SALT.
    const derived = await hmacKey(`comment-edit\u0000${adminToken}\u0000test-salt`)
    const response = await worker.fetch(`${commentsPath}/${comment.id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${await editProof(derived, { ...comment, article: slug })}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ content: 'Changed by someone who guessed the admin token.' }),
    })
    await response.body?.cancel()
    assert.equal(response.status, 403)
  })
})

describe('with a weak EDIT_SECRET', () => {
  let worker: TestWorker
  before(async () => {
    worker = await startWorker({ vars: { EDIT_SECRET: 'edit-secret-of-a-lazy-operator' } })
  })
  after(() => worker.stop())

  it('issues no edit proof', async () => {
    assert.equal((await accepted(worker)).edit_token, undefined)
  })
})

describe('with a weak ADMIN_TOKEN', () => {
  const weak = 'change-me-local-token'
  let worker: TestWorker
  before(async () => {
    worker = await startWorker({ vars: { ADMIN_TOKEN: weak } })
  })
  after(() => worker.stop())

  async function assertClosed(response: Response, what: string) {
    assert.equal(response.status, 503, what)
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, what)
    const body = (await response.json()) as { detail: string }
    assert.match(body.detail, /ADMIN_TOKEN is weaker than the 128 bits required/, what)
  }

  it('keeps the admin API closed, even to that token, and says why', async () => {
    for (const path of ['/admin/comments', '/admin/export']) {
      await assertClosed(
        await worker.fetch(path, { headers: { authorization: `Bearer ${weak}` } }),
        path,
      )
    }
  })

  it('keeps the moderation page closed: no sign-in form, no sign-in', async () => {
    await assertClosed(await worker.fetch('/admin'), 'GET /admin')
    await assertClosed(await postForm(worker, '/admin/sign-in', [['token', weak]]), 'sign-in')
  })
})
