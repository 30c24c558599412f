import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { adminToken, startWorker, type TestWorker } from '../harness/worker'
import { newClient, postJson, slug, validComment } from '../support/comments'
import { csrfIn, moderationWords, postForm, signIn } from '../support/moderation-page'

let worker: TestWorker
before(async () => {
  worker = await startWorker({ rateLimit: 1000, adminAuthLimit: 3 })
})
after(() => worker.stop())

async function pending(overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await postJson(worker, validComment(overrides), newClient())
  assert.equal(response.status, 201)
  return ((await response.json()) as { id: string }).id
}

async function statusOf(id: string): Promise<string | undefined> {
  const stored = await (await worker.kv()).get(`v1:comment:${id}`)
  return stored ? (JSON.parse(stored) as { status: string }).status : undefined
}

describe('signing in', () => {
  it('shows a sign-in form with a password field to a visitor without a session', async () => {
    const response = await worker.fetch('/admin')
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('cache-control'), 'no-store')
    const page = await response.text()
    assert.match(page, /<form method="post" action="\/admin\/sign-in"/)
    assert.match(page, /<input id="admin-token" name="token" type="password"/)
  })

  it('is kept out of search engines by robots.txt', async () => {
    const robots = await (await worker.fetch('/robots.txt')).text()
    assert.match(robots, /^Disallow: \/admin$/m)
  })

  it('sets an HttpOnly, SameSite=Strict session cookie scoped to /admin for a few hours', async () => {
    const moderator = await signIn(worker)
    const attributes = moderator.setCookie.split(/;\s*/).map((a) => a.toLowerCase())
    assert.ok(attributes.includes('httponly'))
    assert.ok(attributes.includes('samesite=strict'))
    assert.ok(attributes.includes('path=/admin'))
    assert.ok(attributes.includes(`max-age=${4 * 3600}`))
    // The test Worker is served over http; Secure is set only where the site is https.
    assert.ok(!attributes.includes('secure'))
    assert.ok(!moderator.setCookie.includes(adminToken), 'the cookie never carries the token')
    const response = await moderator.get('/admin')
    const page = await response.text()
    assert.ok(page.includes(`<h1>${moderationWords(page).title}</h1>`))
    // The page policy: no script at all, styles only from /site.css, no inline style either.
    const csp = response.headers.get('content-security-policy') ?? ''
    assert.match(csp, /script-src 'none'/)
    assert.match(csp, /style-src 'self'(;|$)/)
    assert.match(csp, /form-action 'self'/)
    assert.doesNotMatch(page, /<script|<style| style=/)
    assert.equal(response.headers.get('cache-control'), 'no-store')
  })

  it('refuses a forged or tampered session cookie', async () => {
    const moderator = await signIn(worker)
    const [stamp = '', generation = '', signature = ''] =
      moderator.cookie.split('=')[1]?.split('.') ?? []
    const later = `admin_session=${Number(stamp) + 3600_000}.${generation}.${signature}`
    for (const cookie of [later, 'admin_session=99999999999999.forged', 'admin_session=']) {
      const page = await (await worker.fetch('/admin', { headers: { cookie } })).text()
      assert.match(page, /type="password"/, cookie)
    }
  })

  it('refuses a wrong token with 401, then every token from that network with 429, but for a browser that signed in before', async () => {
    const client = '192.0.2.99'
    // The moderator signed in from here before: the browser keeps its device cookie.
    const before = await postForm(worker, '/admin/sign-in', [['token', adminToken]], {
      'cf-connecting-ip': client,
    })
    const device = before.headers.getSetCookie().find((c) => c.startsWith('admin_device='))
    assert.match(device ?? '', /HttpOnly/i)
    const deviceCookie = device?.split(';', 1)[0] ?? ''
    for (let i = 0; i < 3; i++) {
      const response = await postForm(worker, '/admin/sign-in', [['token', 'wrong']], {
        'cf-connecting-ip': client,
      })
      assert.equal(response.status, 401, `attempt ${i + 1}`)
      assert.equal(response.headers.get('set-cookie'), null)
      const page = await response.text()
      assert.ok(page.includes(moderationWords(page).wrongToken))
    }
    // The limiter counts in fixed one-minute windows; if one ends mid-test, the count
    // starts again, so the 429 comes within one more window's worth of failures.
    let limited = await postForm(worker, '/admin/sign-in', [['token', 'wrong']], {
      'cf-connecting-ip': client,
    })
    for (let extra = 0; limited.status === 401 && extra < 3; extra++) {
      limited = await postForm(worker, '/admin/sign-in', [['token', 'wrong']], {
        'cf-connecting-ip': client,
      })
    }
    assert.equal(limited.status, 429)
    assert.equal(limited.headers.get('retry-after'), '60')
    // The same rule as the bearer API: now every token from here is refused, the right
    // one too, except from the browser that signed in before.
    const stranger = await postForm(worker, '/admin/sign-in', [['token', adminToken]], {
      'cf-connecting-ip': client,
    })
    assert.equal(stranger.status, 429)
    const api = await worker.fetch('/admin/comments', {
      headers: { authorization: `Bearer ${adminToken}`, 'cf-connecting-ip': client },
    })
    assert.equal(api.status, 429)
    const known = await postForm(worker, '/admin/sign-in', [['token', adminToken]], {
      'cf-connecting-ip': client,
      cookie: deviceCookie,
    })
    assert.equal(known.status, 303)
  })

  it('ends the session on sign-out', async () => {
    const moderator = await signIn(worker)
    const out = await moderator.post('/admin/sign-out', [['csrf', await moderator.csrf()]])
    assert.equal(out.status, 303)
    assert.equal(out.headers.get('location'), '/admin?signed-out')
    assert.match(out.headers.get('set-cookie') ?? '', /^admin_session=;.*Max-Age=0/i)
  })

  it('ends every session at sign-out, so a copy of the old cookie opens nothing', async () => {
    const moderator = await signIn(worker)
    const elsewhere = await signIn(worker, '192.0.2.11')
    const csrf = await moderator.csrf()
    await moderator.post('/admin/sign-out', [['csrf', csrf]])
    for (const someone of [moderator, elsewhere]) {
      assert.match(await (await someone.get('/admin')).text(), /type="password"/)
    }
    const id = await pending()
    const act = await moderator.post('/admin', [
      ['act', `approve:${id}`],
      ['csrf', csrf],
    ])
    assert.equal(act.status, 303)
    assert.equal(act.headers.get('location'), '/admin')
    assert.equal(await statusOf(id), 'pending')
    // A new sign-in works at once.
    const page = await (await (await signIn(worker)).get('/admin')).text()
    assert.ok(page.includes(`<h1>${moderationWords(page).title}</h1>`))
  })
})

describe('moderating', () => {
  it('lists a pending comment with its article, parent line, author, e-mail, URL, time and text', async () => {
    const parent = await pending({ content: 'The first line of the parent\nand a second line' })
    await worker.fetch(`/admin/comments/${parent}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
    })
    const reply = await pending({
      parent,
      author: 'Moderated Author',
      email: 'moderated@example.org',
      url: 'https://example.org/me',
      content: 'A reply to moderate',
    })
    const moderator = await signIn(worker)
    const page = await (await moderator.get(`/admin?status=pending&article=${slug}`)).text()
    const item = page.slice(page.indexOf(`id="comment-${reply}"`))
    assert.match(item, /Moderated Author/)
    assert.match(item, /href="mailto:moderated@example.org"/)
    assert.match(item, /href="https:\/\/example.org\/me"/)
    assert.match(item, new RegExp(`href="/articles/${slug}"`))
    const replyTo = moderationWords(page).replyTo
    assert.ok(item.includes(`<dt>${replyTo}</dt><dd dir="auto">The first line of the parent</dd>`))
    assert.match(item, /<time datetime="\d{4}-\d\d-\d\dT/)
    assert.match(item, /A reply to moderate/)
  })

  it('approves one comment and says so after a 303 back to the list', async () => {
    const id = await pending()
    const moderator = await signIn(worker)
    const response = await moderator.post('/admin', [
      ['csrf', await moderator.csrf()],
      ['status', 'pending'],
      // The version the list showed: no edits yet.
      [`seen:${id}`, '0'],
      ['act', `approve:${id}`],
    ])
    assert.equal(response.status, 303)
    const location = response.headers.get('location') ?? ''
    assert.match(location, /^\/admin\?status=pending&done=approve&count=1/)
    assert.equal(await statusOf(id), 'approved')
    const page = await (await moderator.get(location)).text()
    const t = moderationWords(page)
    assert.ok(
      page.includes(
        `role="status" id="moderation-notice">${t.done.approve(1)}: ${t.comments(1)}${t.fullStop}`,
      ),
    )
    // The test site is Hindi: its sentence ends with the danda, not a full stop.
    assert.ok(page.includes('स्वीकृत: 1 टिप्पणी।'), 'a Hindi notice ends with ।')
    assert.doesNotMatch(page, new RegExp(`id="comment-${id}"`))
  })

  it('marks several selected comments as spam at once and deletes with one form', async () => {
    const ids = [await pending(), await pending(), await pending()]
    const moderator = await signIn(worker)
    const csrf = await moderator.csrf()
    const spam = await moderator.post('/admin', [
      ['csrf', csrf],
      ['id', ids[0] ?? ''],
      ['id', ids[1] ?? ''],
      ['act', 'spam'],
    ])
    assert.equal(spam.status, 303)
    assert.match(spam.headers.get('location') ?? '', /done=spam&count=2&missing=0/)
    assert.deepEqual(await Promise.all(ids.map(statusOf)), ['spam', 'spam', 'pending'])
    const deleted = await moderator.post('/admin', [
      ['csrf', csrf],
      ['id', ids[0] ?? ''],
      ['id', ids[2] ?? ''],
      ['act', 'delete'],
    ])
    assert.match(deleted.headers.get('location') ?? '', /done=delete&count=2/)
    assert.deepEqual(await Promise.all(ids.map(statusOf)), [undefined, 'spam', undefined])
  })

  it('refuses a POST without the CSRF token of the session', async () => {
    const id = await pending()
    const moderator = await signIn(worker)
    const other = await signIn(worker)
    for (const csrf of [undefined, 'forged', await other.csrf()]) {
      const fields: Array<[string, string]> = [['act', `approve:${id}`]]
      if (csrf !== undefined) fields.push(['csrf', csrf])
      const response = await moderator.post('/admin', fields)
      assert.equal(response.status, 403, String(csrf))
    }
    assert.equal(await statusOf(id), 'pending')
  })

  it('refuses a cross-site POST even with a valid session and token', async () => {
    const id = await pending()
    const moderator = await signIn(worker)
    const csrf = await moderator.csrf()
    const fields: Array<[string, string]> = [
      ['csrf', csrf],
      ['act', `approve:${id}`],
    ]
    const foreign = await moderator.post('/admin', fields, { origin: 'https://evil.example' })
    assert.equal(foreign.status, 403)
    const sameSite = await moderator.post('/admin', fields, {
      origin: worker.origin,
      'sec-fetch-site': 'same-site',
    })
    assert.equal(sameSite.status, 403)
    assert.equal(await statusOf(id), 'pending')
  })

  it('sends a POST without a session back to the sign-in form', async () => {
    const response = await postForm(worker, '/admin', [['act', 'approve']])
    assert.equal(response.status, 303)
    assert.equal(response.headers.get('location'), '/admin')
  })

  it('pages through a long list with the store cursor', async () => {
    const paged = await startWorker({ rateLimit: 1000 })
    try {
      for (let i = 0; i < 27; i++) {
        const r = await postJson(paged, validComment(), newClient())
        assert.equal(r.status, 201)
      }
      const moderator = await signIn(paged)
      const first = await (await moderator.get('/admin')).text()
      assert.equal(first.match(/class="moderated"/g)?.length, 25)
      const { nextPage } = moderationWords(first)
      const next = new RegExp(`<a href="([^"]+)">${nextPage}`)
        .exec(first)?.[1]
        ?.replace(/&amp;/g, '&')
      assert.ok(next)
      const second = await (await moderator.get(next)).text()
      assert.equal(second.match(/class="moderated"/g)?.length, 2)
      assert.ok(!second.includes(nextPage))
      csrfIn(second)
    } finally {
      await paged.stop()
    }
  })
})

describe('changing the admin token', () => {
  it('ends every session signed with the old one', async () => {
    const moderator = await signIn(worker)
    const rotated = await startWorker({ vars: { ADMIN_TOKEN: 'a-new-token-9876543210' } })
    try {
      const page = await (
        await rotated.fetch('/admin', { headers: { cookie: moderator.cookie } })
      ).text()
      assert.match(page, /type="password"/)
    } finally {
      await rotated.stop()
    }
  })
})
