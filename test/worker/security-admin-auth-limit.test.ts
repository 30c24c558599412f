import assert from 'node:assert/strict'
import { after, before, beforeEach, test } from 'node:test'
import { rateLimits } from '../../src/app/rate-limits'
import { adminToken, startWorker, type TestWorker } from '../harness/worker'
import { inAWindowWithRoom } from '../support/rate-window'

// Failed authentications a client network may make per minute.
const allowedFailures = rateLimits.ADMIN_AUTH_LIMITER.limit

let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())
// Each test counts up to the limit: all of its requests in one of the limiter's windows.
beforeEach(() => inAWindowWithRoom(rateLimits.ADMIN_AUTH_LIMITER.period))

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

test('after too many wrong tokens a client gets 429 with Retry-After for each further wrong one', async () => {
  const client = '203.0.113.2'
  for (let i = 0; i < allowedFailures; i++) {
    const response = await list(client, i % 2 ? 'Basic x' : `Bearer wrong-${i}`)
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
  // Other clients are not affected.
  assert.equal((await list('203.0.113.3', 'Bearer wrong-token')).status, 401)
})

test('once a network is over the limit, every token from it is refused, the right one too', async () => {
  const shared = '203.0.113.4'
  for (let i = 0; i <= allowedFailures; i++) await list(shared, 'Bearer guess')
  assert.equal((await list(shared, 'Bearer guess')).status, 429)
  const right = await list(shared, `Bearer ${adminToken}`)
  assert.equal(right.status, 429, 'a 429 must not tell a guess apart from the token')
  assert.equal(right.headers.get('admin-device'), null)
})

test('a client that authenticated before keeps its device token and is let in from a blocked network', async () => {
  const shared = '203.0.113.6'
  const first = await list(shared, `Bearer ${adminToken}`)
  assert.equal(first.status, 200)
  const device = first.headers.get('admin-device') ?? ''
  assert.match(device, /^[\w-]{22}\.[\w-]{43}$/)
  for (let i = 0; i <= allowedFailures; i++) await list(shared, 'Bearer guess')
  assert.equal((await list(shared, `Bearer ${adminToken}`)).status, 429)
  const withDevice = await worker.fetch('/admin/comments', {
    headers: {
      'cf-connecting-ip': shared,
      authorization: `Bearer ${adminToken}`,
      'admin-device': device,
    },
  })
  assert.equal(withDevice.status, 200)
  assert.equal(withDevice.headers.get('admin-device'), null, 'a known device gets no new token')
  // A forged device token is no device: the network's block applies.
  const forged = await worker.fetch('/admin/comments', {
    headers: {
      'cf-connecting-ip': shared,
      authorization: `Bearer ${adminToken}`,
      'admin-device': `${device.slice(0, 23)}${device[23] === 'A' ? 'B' : 'A'}${device.slice(24)}`,
    },
  })
  assert.equal(forged.status, 429)
})

test('a device is counted on its own: its wrong tokens block it, not its network', async () => {
  const client = '203.0.113.7'
  const device = (await list(client, `Bearer ${adminToken}`)).headers.get('admin-device') ?? ''
  const asDevice = (token: string) =>
    worker.fetch('/admin/comments', {
      headers: {
        'cf-connecting-ip': client,
        authorization: `Bearer ${token}`,
        'admin-device': device,
      },
    })
  for (let i = 0; i < allowedFailures; i++) assert.equal((await asDevice('guess')).status, 401)
  assert.equal((await asDevice('guess')).status, 429)
  assert.equal((await asDevice(adminToken)).status, 429)
  assert.equal((await list(client, `Bearer ${adminToken}`)).status, 200)
})

test('requests without credentials and CORS preflights are not counted as failures', async () => {
  const client = '203.0.113.5'
  for (let i = 0; i < 2 * allowedFailures; i++) {
    assert.equal((await list(client)).status, 401)
    const preflight = await worker.fetch('/admin/comments', {
      method: 'OPTIONS',
      headers: {
        'cf-connecting-ip': client,
        origin: 'https://elsewhere.example',
        'access-control-request-method': 'GET',
      },
    })
    assert.equal(preflight.status, 401)
  }
  assert.equal((await list(client, 'Bearer wrong-token')).status, 401, 'the first real failure')
})

test('counts wrong tokens from one IPv6 /64 together', async () => {
  for (let i = 0; i < allowedFailures; i++) {
    assert.equal((await list(`2001:db8:99:1::${i + 1}`, 'Bearer guess')).status, 401)
  }
  assert.equal((await list('2001:db8:99:1::ffff', 'Bearer guess')).status, 429)
})
