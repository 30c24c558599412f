import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { startWorker, type TestWorker } from '../harness/worker'
import {
  commentsPath,
  newClient,
  postApproved,
  postForm,
  postJson,
  slug,
  validComment,
} from '../support/comments'

let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

async function problemOf(response: Response) {
  assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8')
  return response.json()
}

/** Runs `action` and asserts that it left KV exactly as it found it. */
async function storesNothing(action: () => Promise<void>) {
  const before = await worker.kvKeys()
  await action()
  assert.deepEqual(await worker.kvKeys(), before, 'a refused post must store nothing')
}

/**
 * A decoy answer stores no comment: only `count` decoys of their own, kept (and
 * expiring) for their edit proofs so later requests with them answer as for a held comment.
 */
async function storesOnlyDecoys(count: number, action: () => Promise<void>) {
  const before = await worker.kvKeys()
  await action()
  const added = (await worker.kvKeys()).filter((key) => !before.includes(key))
  assert.equal(added.length, count, `added ${added.join(', ')}`)
  for (const key of added) assert.match(key, /^v1:decoy:[0-9a-z]{19}$/)
}

describe('accepted comments', () => {
  it('201 for JSON with Location, the public fields and no e-mail', async () => {
    const body = validComment({
      author: '  राम  ',
      url: 'https://ram.example/',
      content: 'ne\u0301e\r\nदूसरी पंक्ति',
    })
    const response = await postJson(worker, body)
    assert.equal(response.status, 201)
    const comment = await response.json()
    assert.match(comment.id, /^[0-9a-z]{19}$/)
    assert.equal(
      response.headers.get('location'),
      `${worker.origin}/articles/${slug}#comment-${comment.id}`,
    )
    assert.equal(comment.author, 'राम', 'trimmed')
    assert.equal(comment.content, 'n\u00e9e\nदूसरी पंक्ति', 'NFC and LF line ends')
    assert.equal(comment.status, 'pending')
    assert.equal(comment.email, undefined)
    assert.ok(!JSON.stringify(comment).includes(String(body.email)))
    const keys = await worker.kvKeys()
    assert.ok(keys.includes(`v1:comment:${comment.id}`))
    assert.ok(keys.includes(`v1:list:pending:${slug}:${comment.id}`))
  })

  it('303 to the article with the held notice for a urlencoded form', async () => {
    const response = await postForm(worker, {
      author: 'A',
      email: 'a@example.org',
      content: 'form post',
      url: '',
      parent: '',
      website2: '',
    })
    assert.equal(response.status, 303)
    assert.match(
      response.headers.get('location') ?? '',
      new RegExp(`^/articles/${slug}\\?held=([0-9a-z]{19})#comment-\\1$`),
    )
  })

  it('303 for multipart/form-data', async () => {
    const form = new FormData()
    form.set('author', 'Multipart')
    form.set('email', 'm@example.org')
    form.set('content', 'बहुभागी')
    const response = await worker.fetch(commentsPath, {
      method: 'POST',
      body: form,
      headers: { 'cf-connecting-ip': newClient() },
    })
    assert.equal(response.status, 303)
  })
})

describe('refused comments store nothing', () => {
  it('400 for malformed JSON', () =>
    storesNothing(async () => {
      const response = await postJson(worker, '{"author": ')
      assert.equal(response.status, 400)
      assert.equal((await problemOf(response)).status, 400)
    }))

  it('400 for JSON that is not an object', () =>
    storesNothing(async () => {
      assert.equal((await postJson(worker, '["a"]')).status, 400)
    }))

  it('404 for an unknown article', () =>
    storesNothing(async () => {
      const response = await postJson(
        worker,
        validComment(),
        newClient(),
        '/articles/no-such-article/comments',
      )
      assert.equal(response.status, 404)
    }))

  it('409 for the text of an approved comment again, with case, spacing and invisible characters folded', async () => {
    const body = validComment({ content: 'पहली बार यह बात कही' })
    await postApproved(worker, body)
    await storesNothing(async () => {
      const again = await postJson(worker, {
        ...body,
        email: String(body.email).toUpperCase(),
        content: 'पहली बार  यह बात कही​',
      })
      assert.equal(again.status, 409)
      assert.equal((await problemOf(again)).title, 'Conflict')
    })
  })

  it('answers the repeat of a comment readers cannot see like an accepted post, and stores no comment', async () => {
    const body = validComment()
    assert.equal((await postJson(worker, body)).status, 201)
    await storesOnlyDecoys(1, async () => {
      const again = await postJson(worker, {
        ...body,
        content: `  ${String(body.content).toUpperCase()} `,
      })
      assert.equal(again.status, 201, 'a 409 would tell a stranger that a pending comment exists')
      assert.equal(((await again.json()) as { status: string }).status, 'pending')
    })
  })

  it('answers a filled honeypot like an accepted post, names no field and stores no comment', () =>
    storesOnlyDecoys(2, async () => {
      const response = await postJson(worker, validComment({ website2: 'http://spam.example' }))
      assert.equal(response.status, 201)
      const body = await response.text()
      assert.doesNotMatch(body, /website2|must_be_empty/)
      const form = await postForm(worker, {
        author: 'bot',
        email: 'bot@example.org',
        content: `spam ${Math.random()}`,
        website2: 'http://spam.example',
      })
      assert.equal(form.status, 303)
    }))

  it('413 for a body over 64 KiB', () =>
    storesNothing(async () => {
      const response = await postJson(worker, validComment({ content: 'x'.repeat(70_000) }))
      assert.equal(response.status, 413)
      assert.equal((await problemOf(response)).status, 413)
    }))

  it('415 for another media type', () =>
    storesNothing(async () => {
      const response = await worker.fetch(commentsPath, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'cf-connecting-ip': newClient() },
        body: 'hello',
      })
      assert.equal(response.status, 415)
      assert.equal((await problemOf(response)).status, 415)
    }))

  const broken: Array<[string, Record<string, unknown>, string, string]> = [
    ['a missing author', { author: '   ' }, 'author', 'required'],
    ['an author over 245 characters', { author: 'क'.repeat(246) }, 'author', 'too_long'],
    ['a missing e-mail', { email: undefined }, 'email', 'required'],
    ['an invalid e-mail', { email: 'not-an-address' }, 'email', 'invalid_email'],
    [
      'an e-mail over 100 characters',
      { email: `${'a'.repeat(95)}@example.org` },
      'email',
      'too_long',
    ],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'url', 'invalid_url'],
    [
      'a URL over 200 characters',
      { url: `https://example.org/${'a'.repeat(200)}` },
      'url',
      'too_long',
    ],
    ['empty content', { content: ' \n ' }, 'content', 'required'],
    ['content over 10,000 characters', { content: 'अ'.repeat(10_001) }, 'content', 'too_long'],
    ['a control character', { content: 'bell\u0007' }, 'content', 'control_characters'],
    ['a number as author', { author: 42 }, 'author', 'invalid_type'],
    ['an unknown parent', { parent: '0000000000000000000' }, 'parent', 'unknown_parent'],
    [
      'an author with a line break',
      { author: 'x\nApproved 0000 by admin' },
      'author',
      'single_line',
    ],
    [
      'an author with a direction override',
      { author: 'admin\u202Egnp.exe' },
      'author',
      'bidi_controls',
    ],
    ['an author with a direction isolate', { author: 'a\u2067b' }, 'author', 'bidi_controls'],
    ['an author with markup', { author: '<b>Co</b>' }, 'author', 'markup_characters'],
    ['an author with a lone >', { author: 'Replier > Sons' }, 'author', 'markup_characters'],
  ]
  for (const [name, overrides, field, code] of broken) {
    it(`422 for ${name}, naming the field`, () =>
      storesNothing(async () => {
        const response = await postJson(worker, validComment(overrides))
        assert.equal(response.status, 422)
        const body = await problemOf(response)
        assert.ok(
          body.errors.some(
            (e: { field: string; code: string }) => e.field === field && e.code === code,
          ),
          JSON.stringify(body.errors),
        )
      }))
  }

  it('accepts exactly 245, 100, 200 and 10,000 characters', async () => {
    const response = await postJson(
      worker,
      validComment({
        author: 'क'.repeat(245),
        email: `${'a'.repeat(88)}@example.org`,
        url: `https://example.org/${'a'.repeat(180)}`,
        content: 'अ'.repeat(10_000),
      }),
    )
    assert.equal(response.status, 201, await response.text())
  })

  it('429 with Retry-After for a second comment from one client, which is not charged for refusals', async () => {
    const client = newClient()
    assert.equal((await postJson(worker, validComment({ email: 'bad' }), client)).status, 422)
    assert.equal(
      (await postJson(worker, validComment(), client)).status,
      201,
      'a refused post must not count',
    )
    await storesNothing(async () => {
      const response = await postJson(worker, validComment(), client)
      assert.equal(response.status, 429)
      assert.equal(response.headers.get('retry-after'), '10')
      assert.equal((await problemOf(response)).status, 429)
    })
  })
})

describe('a site with closed comments and auto-approval', () => {
  let fixture: TestWorker
  before(async () => {
    fixture = await startWorker({ scriptPath: buildFixtureBundle('test/fixtures/second-site') })
  })
  after(() => fixture.stop())

  it('403 when the article takes no comments', async () => {
    const response = await postJson(
      fixture,
      validComment(),
      newClient(),
      '/articles/closed-article/comments',
    )
    assert.equal(response.status, 403)
    assert.equal((await response.json()).detail, 'Comments are closed for this article.')
    assert.deepEqual(await fixture.kvKeys(), [])
    const page = await (await fixture.fetch('/articles/closed-article')).text()
    assert.match(page, /Comments are closed for this article\./)
    // The search form in the header stays; the comment form does not.
    assert.doesNotMatch(page, /id="comment-form"/)
  })

  it('publishes at once when the site settings auto-approve', async () => {
    const response = await postJson(
      fixture,
      validComment({ content: 'visible right away' }),
      newClient(),
      '/articles/open-article/comments',
    )
    assert.equal(response.status, 201)
    assert.equal((await response.json()).status, 'approved')
    const page = await (await fixture.fetch('/articles/open-article')).text()
    assert.match(page, /visible right away/)
    const comments = await (await fixture.fetch('/articles/open-article/comments')).json()
    assert.equal(comments.count, 1)
  })

  // With feed_size 1 and two articles no archive page is published yet (the first
  // two come out together at three), so the feed holds both.
  it('holds every article in a feed, newest first, until archive pages come out', async () => {
    const feed = await (await fixture.fetch('/feed.json')).json()
    assert.deepEqual(
      feed.items.map((i: { title: string }) => i.title),
      ['Comments are closed here', 'Comments are open here'],
    )
  })
})
