import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { adminToken, startWorker, type TestWorker } from '../harness/worker'

let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

const adminPaths = [
  '/admin/comments',
  '/admin/comments/0000000000000000000/approve',
  '/admin/comments/0000000000000000000',
  '/admin/export',
  '/admin/import',
  '/admin/websub/announce',
  '/admin/sign-in',
  '/admin/sign-out',
  '/admin/no-such-route',
]

test('OPTIONS and unknown methods under /admin get 401 without an Allow header from a stranger', async () => {
  for (const path of adminPaths) {
    for (const method of ['OPTIONS', 'PUT', 'PATCH', 'DELETE']) {
      const response = await worker.fetch(path, {
        method,
        headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' },
      })
      await response.body?.cancel()
      assert.equal(response.status, 401, `${method} ${path}`)
      assert.equal(response.headers.get('allow'), null, `${method} ${path}`)
      assert.equal(response.headers.get('access-control-allow-methods'), null, `${method} ${path}`)
    }
  }
})

test('the moderation page itself says nothing of the API to a stranger', async () => {
  for (const method of ['OPTIONS', 'PUT', 'DELETE']) {
    const response = await worker.fetch('/admin', { method })
    await response.body?.cancel()
    assert.equal(response.status, 401, method)
    assert.equal(response.headers.get('allow'), null, method)
  }
})

test('a moderator with the token is still told which methods a route takes', async () => {
  const response = await worker.fetch('/admin/comments', {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminToken}` },
  })
  await response.body?.cancel()
  assert.equal(response.status, 405)
  assert.equal(response.headers.get('allow'), 'GET, HEAD')
})
