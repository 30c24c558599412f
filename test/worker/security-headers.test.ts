import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startWorker, type TestWorker } from '../harness/worker'
import { commentsPath, newClient, postForm, slug } from '../support/comments'

const turnstile = 'https://challenges.cloudflare.com'
const html = { accept: 'text/html' }

/** Every kind of HTML answer the site gives. */
async function htmlResponses(worker: TestWorker): Promise<Array<[string, Response]>> {
  return [
    ['home', await worker.fetch('/', { headers: html })],
    ['article', await worker.fetch(`/articles/${slug}`, { headers: html })],
    ['reply form', await worker.fetch(`/articles/${slug}?replyto=x`, { headers: html })],
    ['404 page', await worker.fetch('/no-such-page', { headers: html })],
    ['refused form', await postForm(worker, { author: '', email: 'x', content: '' }, newClient())],
    ['HEAD article', await worker.fetch(`/articles/${slug}`, { method: 'HEAD', headers: html })],
  ]
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/)
      return [name, values]
    }),
  )
}

function assertPageHeaders(name: string, response: Response, withTurnstile: boolean) {
  assert.match(response.headers.get('content-type') ?? '', /^text\/html/, name)
  const csp = directives(response.headers.get('content-security-policy') ?? '')
  assert.deepEqual(csp.get('default-src'), ["'none'"], `${name}: default-src`)
  const scripts = csp.get('script-src') ?? []
  const frames = csp.get('frame-src') ?? []
  assert.deepEqual(scripts, withTurnstile ? [turnstile] : ["'none'"], `${name}: script-src`)
  assert.deepEqual(frames, withTurnstile ? [turnstile] : ["'none'"], `${name}: frame-src`)
  assert.deepEqual(csp.get('style-src'), ["'self'"], `${name}: no inline style`)
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], `${name}: frame-ancestors`)
  assert.deepEqual(csp.get('form-action'), ["'self'"], `${name}: form-action`)
  assert.deepEqual(csp.get('base-uri'), ["'none'"], `${name}: base-uri`)
  for (const values of csp.values()) {
    assert.ok(!values.some((v) => /unsafe-(inline|eval)/.test(v)), `${name}: no unsafe-*`)
  }
  assert.equal(response.headers.get('x-frame-options'), 'DENY', name)
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff', name)
  // A policy that still sends Origin on same-origin posts (the cross-site check needs it).
  assert.equal(response.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', name)
  assert.match(response.headers.get('permissions-policy') ?? '', /camera=\(\)/, name)
}

/** Markup the CSP would block: it must not be in our pages at all. */
function assertNoInlineScriptOrStyle(name: string, body: string, withTurnstile: boolean) {
  assert.doesNotMatch(body, /<style[\s>]/i, `${name}: <style>`)
  assert.doesNotMatch(body, /\sstyle\s*=/i, `${name}: style attribute`)
  assert.doesNotMatch(body, /\son[a-z]+\s*=/i, `${name}: event handler attribute`)
  assert.doesNotMatch(body, /javascript:/i, `${name}: javascript: URL`)
  // A JSON-LD data block is never run, so the CSP has nothing to block there.
  const scripts = [...body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(
    ([, attributes = '']) => attributes.trim() !== 'type="application/ld+json"',
  )
  for (const [, attributes = '', inline = ''] of scripts) {
    assert.equal(inline.trim(), '', `${name}: inline script`)
    assert.match(attributes, /\ssrc="https:\/\/challenges\.cloudflare\.com\//, `${name}: script`)
  }
  if (!withTurnstile) assert.equal(scripts.length, 0, `${name}: no script without Turnstile`)
}

describe('HTML pages without Turnstile', () => {
  let worker: TestWorker
  before(async () => {
    worker = await startWorker()
  })
  after(() => worker.stop())

  test('carry CSP (no inline script or style), frame, sniffing, referrer and permission headers', async () => {
    for (const [name, response] of await htmlResponses(worker)) {
      assertPageHeaders(name, response, false)
      assertNoInlineScriptOrStyle(name, await response.text(), false)
    }
  })

  test('style comes only from /site.css, which is served as CSS with nosniff', async () => {
    const page = await (await worker.fetch(`/articles/${slug}`)).text()
    assert.match(page, /<link rel="stylesheet" href="\/site.css"\/?>/)
    const css = await worker.fetch('/site.css')
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/)
    assert.equal(css.headers.get('x-content-type-options'), 'nosniff')
  })

  test('non-HTML answers (feeds, JSON, problems) are marked nosniff', async () => {
    for (const path of ['/feed.xml', '/feed.json', commentsPath, '/no-such-page']) {
      const response = await worker.fetch(path)
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path)
      assert.equal(response.headers.get('content-security-policy'), null, path)
    }
  })
})

describe('HTML pages with a Turnstile site key', () => {
  let worker: TestWorker
  before(async () => {
    worker = await startWorker({ vars: { TURNSTILE_SITE_KEY: '1x00000000000000000000AA' } })
  })
  after(() => worker.stop())

  test('allow the Turnstile script and frame from challenges.cloudflare.com and nothing else', async () => {
    for (const [name, response] of await htmlResponses(worker)) {
      assertPageHeaders(name, response, true)
      assertNoInlineScriptOrStyle(name, await response.text(), true)
    }
    const article = await (await worker.fetch(`/articles/${slug}`)).text()
    assert.match(
      article,
      /<script src="https:\/\/challenges\.cloudflare\.com\/turnstile\/v0\/api\.js"/,
    )
  })
})
