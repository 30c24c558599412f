import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { feedRoutes } from '../harness/routes'
import { testSiteContent } from '../harness/test-site'
import { startWorker, type TestWorker } from '../harness/worker'
import { commentsPath, newClient, slug, validComment } from '../support/comments'
import { requestWithHost } from '../support/http'

const partner = 'https://partner.example'
const evil = 'https://evil.example'

/** A CORS preflight from `origin` for `method`, asking to send `headers`. */
function preflight(
  worker: TestWorker,
  path: string,
  origin: string,
  method: string,
  headers?: string,
) {
  return worker.fetch(path, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      ...(headers ? { 'access-control-request-headers': headers } : {}),
    },
  })
}

const aliases = ['/feed', '/feed/', '/rss', '/rss.xml', '/atom', '/feed/atom/', '/index.xml']

/** A valid comment as JSON, a urlencoded form or a multipart form, with extra headers. */
async function post(
  worker: TestWorker,
  type: 'json' | 'form' | 'multipart',
  headers: Record<string, string> = {},
) {
  const fields = validComment() as Record<string, string>
  let encoded: Request
  if (type === 'json') {
    encoded = new Request('http://x/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fields),
    })
  } else {
    const form = type === 'form' ? new URLSearchParams(fields) : new FormData()
    if (form instanceof FormData) for (const [k, v] of Object.entries(fields)) form.set(k, v)
    encoded = new Request('http://x/', { method: 'POST', body: form })
  }
  // Sent with a length, as browsers send forms: workerd drops the connection when a
  // Worker refuses a body without reading it, and fetch then reports EPIPE. Even so,
  // now and then the local server closes the connection before the client has
  // finished sending, so a request that got no answer at all is sent once more; any
  // answer that does arrive is checked as it is.
  const body = await encoded.arrayBuffer()
  const send = () =>
    worker.fetch(commentsPath, {
      method: 'POST',
      headers: {
        'content-type': encoded.headers.get('content-type') ?? '',
        'cf-connecting-ip': newClient(),
        ...headers,
      },
      body,
    })
  return send().catch(send)
}

async function assertRefusedCrossSite(response: Response, source: RegExp) {
  assert.equal(response.status, 403)
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/)
  const problem = (await response.json()) as { status: number; detail: string }
  assert.equal(problem.status, 403)
  assert.match(problem.detail, /only be posted from this site's own pages/)
  assert.match(problem.detail, source)
}

describe('CSRF: comment posts from other sites', () => {
  let worker: TestWorker
  before(async () => {
    worker = await startWorker({ rateLimit: 1000 })
  })
  after(() => worker.stop())

  test('a form, multipart or JSON post whose Origin is another site gets 403 and stores nothing', async () => {
    for (const type of ['form', 'multipart', 'json'] as const) {
      await assertRefusedCrossSite(await post(worker, type, { origin: evil }), /evil\.example/)
    }
    await assertRefusedCrossSite(
      await post(worker, 'form', { origin: 'null' }),
      /without an origin/,
    )
    assert.deepEqual(await worker.kvKeys(), [])
  })

  test('a post that Sec-Fetch-Site calls cross-site or same-site gets 403 even without Origin', async () => {
    await assertRefusedCrossSite(
      await post(worker, 'form', { 'sec-fetch-site': 'cross-site' }),
      /cross-site/,
    )
    await assertRefusedCrossSite(
      await post(worker, 'multipart', { 'sec-fetch-site': 'same-site' }),
      /same-site/,
    )
    assert.deepEqual(await worker.kvKeys(), [])
  })

  test("a browser form post from the site's own page is taken", async () => {
    const own = await post(worker, 'form', {
      origin: worker.origin,
      'sec-fetch-site': 'same-origin',
      accept: 'text/html',
    })
    assert.equal(own.status, 303)
    // The canonical SITE_URL is ours too (the page may be served under it behind a proxy).
    const canonical = await post(worker, 'form', { origin: 'http://localhost:8787' })
    assert.equal(canonical.status, 303)
    const fetchOnly = await post(worker, 'multipart', { 'sec-fetch-site': 'same-origin' })
    assert.equal(fetchOnly.status, 303)
  })

  test('clients that send no Origin and no Sec-Fetch-Site (curl, scripts) still post', async () => {
    assert.equal((await post(worker, 'json')).status, 201)
    assert.equal((await post(worker, 'form')).status, 303)
    assert.equal((await post(worker, 'multipart')).status, 303)
  })

  test('a post whose Host and Origin both name another site is refused: Host is not trusted', async () => {
    const keysBefore = await worker.kvKeys()
    const answer = await requestWithHost(worker.origin, commentsPath, 'evil.example', {
      method: 'POST',
      headers: {
        origin: 'http://evil.example',
        'content-type': 'application/json',
        'cf-connecting-ip': newClient(),
      },
      body: JSON.stringify(validComment()),
    })
    assert.equal(answer.status, 403)
    assert.match(answer.body, /evil\.example/)
    assert.deepEqual(await worker.kvKeys(), keysBefore)
  })

  test('a refused form post shows the page without Access-Control-Allow-Origin', async () => {
    const refused = await worker.fetch(commentsPath, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        origin: worker.origin,
        'cf-connecting-ip': newClient(),
      },
      body: new URLSearchParams({ author: '', email: 'x', content: '' }).toString(),
    })
    assert.equal(refused.status, 422)
    assert.match(refused.headers.get('content-type') ?? '', /^text\/html/)
    assert.equal(refused.headers.get('access-control-allow-origin'), null)
  })

  test('the redirect after a form post is never stored by a cache', async () => {
    const accepted = await post(worker, 'form', { origin: worker.origin, accept: 'text/html' })
    assert.equal(accepted.status, 303)
    assert.equal(accepted.headers.get('cache-control'), 'no-store')
    assert.equal(accepted.headers.get('access-control-allow-origin'), null)
  })

  test('a preflight from another site is not offered POST', async () => {
    const answer = await preflight(worker, commentsPath, evil, 'POST', 'content-type')
    assert.equal(answer.status, 204)
    assert.equal(answer.headers.get('access-control-allow-methods'), 'GET,HEAD')
  })
})

describe('CORS: feeds and public JSON', () => {
  let worker: TestWorker
  before(async () => {
    worker = await startWorker()
  })
  after(() => worker.stop())

  test('every feed and the comments JSON send Access-Control-Allow-Origin: * on GET, HEAD and 304', async () => {
    for (const path of feedRoutes) {
      const headers = { origin: evil }
      const get = await worker.fetch(path, { headers })
      assert.equal(get.status, 200, path)
      assert.equal(get.headers.get('access-control-allow-origin'), '*', `GET ${path}`)
      assert.match(get.headers.get('access-control-expose-headers') ?? '', /ETag/, path)
      const etag = get.headers.get('etag') ?? ''
      await get.arrayBuffer()
      const head = await worker.fetch(path, { method: 'HEAD', headers })
      assert.equal(head.headers.get('access-control-allow-origin'), '*', `HEAD ${path}`)
      const notModified = await worker.fetch(path, {
        headers: { ...headers, 'if-none-match': etag },
      })
      assert.equal(notModified.status, 304, path)
      assert.equal(notModified.headers.get('access-control-allow-origin'), '*', `304 ${path}`)
    }
  })

  test('the guessed feed addresses redirect with CORS headers, so a redirected fetch works', async () => {
    for (const path of aliases) {
      const response = await worker.fetch(path, { headers: { origin: evil } })
      assert.equal(response.status, 301, path)
      assert.equal(response.headers.get('access-control-allow-origin'), '*', path)
    }
  })

  test('a preflight for a conditional GET is answered 204 with the methods and headers allowed', async () => {
    for (const path of [...feedRoutes, '/feed']) {
      const response = await preflight(worker, path, evil, 'GET', 'if-none-match')
      assert.equal(response.status, 204, path)
      assert.equal(response.headers.get('access-control-allow-origin'), '*', path)
      assert.equal(response.headers.get('access-control-allow-methods'), 'GET,HEAD', path)
      assert.match(response.headers.get('access-control-allow-headers') ?? '', /If-None-Match/i)
      assert.ok(Number(response.headers.get('access-control-max-age')) > 0, path)
    }
  })

  test('pages and the moderation API are not opened to other origins', async () => {
    for (const path of ['/', `/articles/${slug}`, '/admin/comments']) {
      const response = await worker.fetch(path, { headers: { origin: evil } })
      assert.equal(response.headers.get('access-control-allow-origin'), null, path)
    }
    const admin = await preflight(worker, '/admin/comments', evil, 'GET')
    assert.notEqual(admin.status, 204)
    assert.equal(admin.headers.get('access-control-allow-origin'), null)
  })
})

describe('comment_origins in site.yaml', () => {
  let worker: TestWorker
  before(async () => {
    const content = mkdtempSync(join(tmpdir(), 'comment-origins-'))
    cpSync(testSiteContent, content, { recursive: true })
    const settings = join(content, 'site.yaml')
    const withoutOrigins = readFileSync(settings, 'utf8').replace(
      /^comment_origins:.*\n(?:[ \t]+-.*\n)*/m,
      '',
    )
    writeFileSync(settings, `${withoutOrigins}\ncomment_origins:\n  - ${partner}/\n`)
    worker = await startWorker({ scriptPath: buildFixtureBundle(content), rateLimit: 1000 })
  })
  after(() => worker.stop())

  test('a listed origin may post (preflight offers POST) and read the answer', async () => {
    const offer = await preflight(worker, commentsPath, partner, 'POST', 'content-type')
    assert.equal(offer.status, 204)
    assert.equal(offer.headers.get('access-control-allow-methods'), 'GET,HEAD,POST')
    assert.match(offer.headers.get('access-control-allow-headers') ?? '', /Content-Type/i)
    assert.match(offer.headers.get('vary') ?? '', /Origin/)

    const json = await post(worker, 'json', { origin: partner, 'sec-fetch-site': 'cross-site' })
    assert.equal(json.status, 201)
    assert.equal(json.headers.get('access-control-allow-origin'), partner)
    assert.match(json.headers.get('access-control-expose-headers') ?? '', /Location/)
    const form = await post(worker, 'form', { origin: partner, 'sec-fetch-site': 'cross-site' })
    assert.equal(form.status, 303)
  })

  test('a listed origin may edit and delete (preflight offers PATCH, DELETE and Authorization) and read the answers', async () => {
    const posted = await post(worker, 'json', { origin: partner, 'sec-fetch-site': 'cross-site' })
    const { id, edit_token: token } = (await posted.json()) as { id: string; edit_token: string }
    const item = `${commentsPath}/${id}`
    for (const method of ['PATCH', 'DELETE']) {
      const offer = await preflight(worker, item, partner, method, 'authorization,content-type')
      assert.equal(offer.status, 204, method)
      assert.equal(offer.headers.get('access-control-allow-origin'), partner, method)
      assert.equal(offer.headers.get('access-control-allow-methods'), 'PATCH,DELETE', method)
      assert.match(offer.headers.get('access-control-allow-headers') ?? '', /Authorization/i)
      assert.match(offer.headers.get('vary') ?? '', /Origin/)
    }
    const from = {
      origin: partner,
      'sec-fetch-site': 'cross-site',
      authorization: `Bearer ${token}`,
    }
    const patched = await worker.fetch(item, {
      method: 'PATCH',
      headers: { ...from, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'बदला हुआ पाठ' }),
    })
    assert.equal(patched.status, 200)
    assert.equal(patched.headers.get('access-control-allow-origin'), partner)
    const deleted = await worker.fetch(item, { method: 'DELETE', headers: from })
    assert.equal(deleted.status, 204)
    assert.equal(deleted.headers.get('access-control-allow-origin'), partner)
  })

  test('an origin that is not listed is offered no edit or delete', async () => {
    const item = `${commentsPath}/0000000000000000000`
    for (const method of ['PATCH', 'DELETE']) {
      const offer = await preflight(worker, item, evil, method, 'authorization')
      assert.equal(offer.headers.get('access-control-allow-origin'), null, method)
      assert.equal(offer.headers.get('access-control-allow-methods'), null, method)
    }
    const refused = await worker.fetch(item, {
      method: 'DELETE',
      headers: { origin: evil, authorization: 'Bearer x' },
    })
    assert.equal(refused.status, 403)
    assert.equal(refused.headers.get('access-control-allow-origin'), null)
  })

  test('an origin that is not listed is still refused', async () => {
    await assertRefusedCrossSite(await post(worker, 'json', { origin: evil }), /evil\.example/)
    await assertRefusedCrossSite(
      await post(worker, 'form', { origin: `${partner}:8443` }),
      /partner\.example:8443/,
    )
  })
})
