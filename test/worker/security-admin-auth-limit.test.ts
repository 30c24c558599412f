import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { adminToken, startWorker, type TestWorker } from '../harness/worker'

// wrangler.toml: ADMIN_AUTH_LIMITER allows 10 failed authentications per client per minute.
const allowedFailures = 10

let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

function list(client: string, authorization?: string) {
  return worker.fetch('/admin/comments', {
    headers: { 'cf-connecting-ip': client, ...(authorization ? { authorization } : {}) },
  })
}

test('successful requests never count against the failure limit', async () => {
  const client = '203.0.113.1'
  for (let i = 0; i < 3 * allowedFailures; i++) {
    assert.equal((await list(client, `Bearer ${adminToken}`)).status, 200)
  }
  assert.equal((await list(client, 'Bearer wrong-token')).status, 401)
})

test('after too many failed authentications a client gets 429 with Retry-After, even with the right token', async () => {
  const client = '203.0.113.2'
  const attempts = ['Bearer wrong-token', undefined, 'Basic x', 'Bearer also-wrong']
  for (let i = 0; i < allowedFailures; i++) {
    const response = await list(client, attempts[i % attempts.length])
    assert.equal(response.status, 401, `attempt ${i + 1}`)
    assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/)
  }
  const limited = await list(client, 'Bearer wrong-token')
  assert.equal(limited.status, 429)
  assert.equal(limited.headers.get('retry-after'), '60')
  assert.match(limited.headers.get('content-type') ?? '', /^application\/problem\+json/)
  const problem = (await limited.json()) as { status: number; detail: string }
  assert.equal(problem.status, 429)
  assert.match(problem.detail, /failed authentications/)

  // Guessing on is pointless: the right token is refused too until the period ends.
  assert.equal((await list(client, `Bearer ${adminToken}`)).status, 429)
  // Other clients are not affected.
  assert.equal((await list('203.0.113.3', `Bearer ${adminToken}`)).status, 200)
  assert.equal((await list('203.0.113.3', 'Bearer wrong-token')).status, 401)
})
