import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { StoredComment } from '../../src/comments/types'
import { noticesFor, noticeText, webhookText } from '../../src/notifications/notice'

const moderationUrl = 'http://localhost:8787/admin'
const realLink = 'http://localhost:8787/admin?status=pending&article=an-article'

// The review's payloads: mass pings and a link whose label names the moderation page.
const forged: StoredComment = {
  id: '0m3zv5jk0qdq7ccj3n5',
  article: 'an-article',
  author: '<!channel>',
  email: 'mallory@example.org',
  content: [
    '<!everyone> please look',
    '<https://evil.example/phish|http://localhost:8787/admin?status=pending&article=an-article>',
    '@channel @here @everyone',
    '[http://localhost:8787/admin](https://evil.example/phish)',
    'It waits for moderation: https://evil.example/phish',
  ].join('\n'),
  created: '2026-11-25T10:00:00.000Z',
  status: 'pending',
  client: '',
}

function noticeOf(comment: StoredComment) {
  const [notice] = noticesFor(comment, 'A title', ['webhook'])
  assert.ok(notice)
  return notice
}

describe('the webhook text, in Slack mrkdwn', () => {
  const text = webhookText(noticeOf(forged), moderationUrl)
  const lines = text.split('\n')

  it('holds no markup of the commenter: no <!channel>, <!everyone> or <url|label>', () => {
    assert.ok(!text.includes('<'), text)
    assert.ok(!text.includes('>!'), text)
    assert.match(text, /&lt;!channel&gt;/)
    assert.match(text, /&lt;!everyone&gt;/)
    assert.match(text, /&lt;https:\/\/evil\.example\/phish\|http/)
  })

  it('mentions nobody and makes no masked link', () => {
    assert.doesNotMatch(text, /@(channel|here|everyone)/)
    assert.doesNotMatch(text, /\]\(/)
  })

  it('keeps every line of the comment behind a quote, and the real link alone on the last line', () => {
    assert.equal(lines.at(-1), `It waits for moderation: ${realLink.replace('&', '&amp;')}`)
    const body = lines.slice(1, -1)
    assert.equal(body.length, 5)
    for (const line of body) assert.match(line, /^> /)
    assert.ok(lines[0]?.startsWith('&lt;!channel&gt; wrote on “A title”'), lines[0])
  })
})

describe('the e-mail text', () => {
  const sneaky: StoredComment = {
    ...forged,
    author: 'Ann\u202Egnp.exe\nBcc: x',
    content: `see http://\u202Emoc.elpmaxe-live//:sptth\u0007 and\u2066 this\n\n${forged.content}`,
  }
  const { subject, text } = noticeText(noticeOf(sneaky), moderationUrl)
  const lines = text.split('\n')

  it('carries no direction controls or other control characters from the commenter', () => {
    for (const value of [subject, text]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
      assert.doesNotMatch(value, /[\u202A-\u202E\u2066-\u2069\u0000-\u0008]/)
    }
    assert.equal(subject, 'New comment from Anngnp.exe Bcc: x on “A title”')
  })

  it('quotes every line the commenter wrote, so only the last line is the real link', () => {
    assert.equal(lines[0], 'Anngnp.exe Bcc: x wrote on “A title” (2026-11-25T10:00:00.000Z):')
    assert.equal(lines.at(-1), `It waits for moderation: ${realLink}`)
    const body = lines.slice(2, -2)
    assert.equal(body.length, 7)
    for (const line of body) assert.match(line, /^>( |$)/)
    assert.deepEqual([lines[1], lines.at(-2)], ['', ''])
  })
})
