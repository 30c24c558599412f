import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startWorker, type TestWorker } from '../harness/worker'
import { postJson, validComment } from '../support/comments'

let worker: TestWorker
const verified: Array<Record<string, string>> = []

before(async () => {
  worker = await startWorker({
    vars: { TURNSTILE_SECRET: 'test-secret', TURNSTILE_SITE_KEY: 'test-site-key' },
    // Stands in for challenges.cloudflare.com: no network; "good-token" passes.
    outboundService: async (request: Request) => {
      const url = new URL(request.url)
      if (url.href !== 'https://challenges.cloudflare.com/turnstile/v0/siteverify') {
        return new Response('unexpected', { status: 500 })
      }
      const form = await request.formData()
      const fields: Record<string, string> = {}
      form.forEach((value, key) => {
        fields[key] = String(value)
      })
      verified.push(fields)
      const success = fields.secret === 'test-secret' && fields.response === 'good-token'
      return Response.json({ success })
    },
  })
})
after(() => worker.stop())

describe('Turnstile, when TURNSTILE_SECRET is set', () => {
  it('accepts a post whose token siteverify confirms, sending the secret and client address', async () => {
    const response = await postJson(
      worker,
      validComment({ 'cf-turnstile-response': 'good-token' }),
      '203.0.113.77',
    )
    assert.equal(response.status, 201)
    assert.deepEqual(verified.at(-1), {
      secret: 'test-secret',
      response: 'good-token',
      remoteip: '203.0.113.77',
    })
  })

  it('refuses a bad or missing token with 403 and stores nothing', async () => {
    const before = await worker.kvKeys()
    for (const token of ['bad-token', undefined]) {
      const response = await postJson(worker, validComment({ 'cf-turnstile-response': token }))
      assert.equal(response.status, 403)
      const problem = await response.json()
      assert.equal(problem.errors[0].field, 'cf-turnstile-response')
    }
    assert.deepEqual(await worker.kvKeys(), before)
  })

  it('shows the widget in the form', async () => {
    const page = await (await worker.fetch('/articles/openai-sora-artists-leak-protest')).text()
    assert.match(page, /<div class="cf-turnstile" data-sitekey="test-site-key">/)
    assert.match(page, /<script src="https:\/\/challenges.cloudflare.com\/turnstile\/v0\/api.js"/)
  })
})
