import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { adminToken, startWorker, type TestWorker } from '../harness/worker'
import { newClient, postJson, slug, validComment } from '../support/comments'
import { seed } from '../support/seed'

const webhookUrl = 'https://hooks.example.net/services/T000/B000/secret-part'
const sender = 'comments@example.net'
// wrangler.toml's [[send_email]] destination_address; the binding refuses any other.
const moderator = 'moderator@example.com'

/** Polls until `check` returns a value, or fails after a while. */
async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined) {
  for (let i = 0; i < 100; i++) {
    const value = await check()
    if (value !== undefined) return value
    await sleep(100)
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** The headers (encoded-words decoded) and the decoded text of a raw base64 text/plain mail. */
function readMail(raw: string): { headers: Record<string, string>; text: string } {
  const [head = '', body = ''] = raw.split('\r\n\r\n', 2)
  const headers: Record<string, string> = {}
  for (const line of head.replace(/\r\n /g, ' ').split('\r\n')) {
    const colon = line.indexOf(':')
    const value = line
      .slice(colon + 1)
      .trim()
      .replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/g, (_m, b64: string) =>
        Buffer.from(b64, 'base64').toString('utf8'),
      )
    headers[line.slice(0, colon).toLowerCase()] = value
  }
  const text = Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8')
  // Mail lines end in CRLF; the webhook's text, like the comment, in LF.
  return { headers, text: text.replace(/\r\n/g, '\n') }
}

describe('a new pending comment, with e-mail and a webhook set up', () => {
  let worker: TestWorker
  const hooks: Array<{ url: string; type: string | null; body: unknown }> = []
  before(async () => {
    worker = await startWorker({
      rateLimit: 100,
      vars: { NOTIFY_FROM: sender, NOTIFY_TO: moderator, NOTIFY_WEBHOOK_URL: webhookUrl },
      outboundService: async (request: Request) => {
        hooks.push({
          url: request.url,
          type: request.headers.get('content-type'),
          body: await request.json(),
        })
        return new Response('ok')
      },
    })
  })
  after(() => worker.stop())

  it('sends the moderator one e-mail and one webhook call per comment, saying who wrote what where', async () => {
    const email = 'kavita@example.org'
    const content = 'कविता की टिप्पणी\nदूसरी पंक्ति'
    const posted = await postJson(worker, validComment({ author: 'कविता', email, content }))
    assert.equal(posted.status, 201)
    const { id } = (await posted.json()) as { id: string }

    const [raw] = await eventually('the e-mail', () => {
      const sent = worker.sentEmails()
      return sent.length > 0 ? sent : undefined
    })
    const mail = readMail(raw ?? '')
    assert.match(mail.headers.from ?? '', new RegExp(`<${sender}>$`))
    assert.equal(mail.headers.to, `<${moderator}>`)
    assert.equal(mail.headers.subject, `New comment from कविता on “${seed.title}”`)
    assert.match(mail.headers['message-id'] ?? '', new RegExp(`^<comment-${id}@example.net>$`))
    const link = `http://localhost:8787/admin?status=pending&article=${slug}`
    assert.ok(mail.text.startsWith(`कविता wrote on “${seed.title}”`), mail.text)
    const quoted = content.replace(/^/gm, '> ')
    assert.ok(mail.text.includes(`\n\n${quoted}\n\n`), 'the comment text, every line quoted')
    assert.ok(mail.text.endsWith(`It waits for moderation: ${link}`), mail.text)
    for (const secret of [adminToken, email]) {
      assert.ok(!raw?.includes(secret) && !mail.text.includes(secret), 'no token, no e-mail')
    }

    const [hook] = await eventually('the webhook call', () =>
      hooks.length > 0 ? hooks : undefined,
    )
    assert.equal(hook?.url, webhookUrl)
    assert.equal(hook?.type, 'application/json')
    // The same lines in Slack's mrkdwn (nothing here to escape but the link's &), without blank lines.
    assert.deepEqual(hook?.body, {
      text: [
        mail.text.split('\n', 1)[0],
        quoted,
        `It waits for moderation: ${link.replace('&', '&amp;')}`,
      ].join('\n'),
    })

    // A second comment: one more of each, and never a repeat.
    assert.equal((await postJson(worker, validComment(), newClient())).status, 201)
    await eventually('the second notifications', () =>
      worker.sentEmails().length === 2 && hooks.length === 2 ? true : undefined,
    )
    await sleep(1000)
    assert.equal(worker.sentEmails().length, 2)
    assert.equal(hooks.length, 2)
  })

  it('tells the moderator of a held comment again when its author edits it, with the new text', async () => {
    const posted = await postJson(worker, validComment({ content: 'Great article, thanks!' }))
    const { id, edit_token } = (await posted.json()) as { id: string; edit_token: string }
    await eventually('the first notice', () =>
      hooks.some((hook) => JSON.stringify(hook.body).includes('Great article')) ? true : undefined,
    )
    const mails = worker.sentEmails().length
    const edited = await worker.fetch(`/articles/${slug}/comments/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${edit_token}` },
      body: JSON.stringify({ content: 'BUY PILLS https://evil.example/spam' }),
    })
    assert.equal(edited.status, 200)
    await eventually('the notices of the edit', () =>
      worker.sentEmails().length > mails &&
      hooks.some((hook) => JSON.stringify(hook.body).includes('BUY PILLS'))
        ? true
        : undefined,
    )
    const mail = readMail(worker.sentEmails().at(-1) ?? '')
    assert.match(mail.text, /> BUY PILLS/)
    // A Message-ID of its own, or a mailbox would drop it as a repeat of the first.
    assert.equal(mail.headers['message-id'], `<comment-${id}.1@example.net>`)
  })

  it('tells no one of a refused post', async () => {
    const mails = worker.sentEmails().length
    const calls = hooks.length
    assert.equal((await postJson(worker, validComment({ email: 'not-an-address' }))).status, 422)
    await sleep(500)
    assert.equal(worker.sentEmails().length, mails)
    assert.equal(hooks.length, calls)
  })
})

describe('a webhook that keeps failing', () => {
  let worker: TestWorker
  let calls = 0
  before(async () => {
    worker = await startWorker({
      deadLetters: true,
      vars: { NOTIFY_WEBHOOK_URL: webhookUrl },
      outboundService: async () => {
        calls += 1
        return new Response('down', { status: 503 })
      },
    })
  })
  after(() => worker.stop())

  it('is retried, ends in the dead-letter queue, and the comment is stored regardless', async () => {
    const posted = await postJson(worker, validComment({ author: 'राम' }))
    assert.equal(posted.status, 201)
    const { id } = (await posted.json()) as { id: string }
    assert.ok(await (await worker.kv()).get(`v1:comment:${id}`), 'the comment is stored')

    const [letter] = await eventually('the dead letter', async () => {
      const letters = await worker.deadLetters()
      return letters.length > 0 ? letters : undefined
    })
    assert.deepEqual(
      { ...(letter as Record<string, unknown>), created: undefined },
      {
        channel: 'webhook',
        id,
        article: slug,
        articleTitle: seed.title,
        author: 'राम',
        content: (letter as { content: string }).content,
        created: undefined,
      },
    )
    // wrangler.toml: max_retries = 5, so six attempts in all.
    assert.equal(calls, 6)
    assert.equal(worker.sentEmails().length, 0, 'no e-mail channel was set up')
  })
})

describe('a queue that cannot be reached', () => {
  let worker: TestWorker
  before(async () => {
    worker = await startWorker({
      withoutQueueProducers: true,
      vars: { NOTIFY_WEBHOOK_URL: webhookUrl },
    })
  })
  after(() => worker.stop())

  it('neither fails nor loses the comment', async () => {
    const posted = await postJson(worker, validComment())
    assert.equal(posted.status, 201)
    const { id } = (await posted.json()) as { id: string }
    assert.ok(await (await worker.kv()).get(`v1:comment:${id}`), 'the comment is stored')
  })
})
