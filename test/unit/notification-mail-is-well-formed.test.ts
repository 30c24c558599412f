import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { unstable_readConfig } from 'wrangler'
import type { StoredComment } from '../../src/comments/types'
import { encodeHeaderText, plainTextMail } from '../../src/notifications/mime'
import { noticesFor, noticeText } from '../../src/notifications/notice'

const comment: StoredComment = {
  id: '0abc',
  article: 'an-article',
  author: 'सुनीता',
  email: 'sunita@example.in',
  content: 'पहली पंक्ति\nSecond line',
  created: '2026-11-25T10:00:00.000Z',
  status: 'pending',
  client: 'hash-of-the-address',
}

function decodeWords(value: string): string {
  return value
    .replace(/\r\n /g, '')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_m, b64: string) =>
      Buffer.from(b64, 'base64').toString('utf8'),
    )
}

describe('notices', () => {
  it('become one message per channel, without the e-mail address or client hash', () => {
    const notices = noticesFor(comment, 'A title', ['email', 'webhook'])
    assert.deepEqual(
      notices.map((n) => n.channel),
      ['email', 'webhook'],
    )
    const serialised = JSON.stringify(notices)
    assert.ok(!serialised.includes(comment.email))
    assert.ok(!serialised.includes(comment.client))
    assert.deepEqual(noticesFor(comment, 'A title', []), [])
  })

  it('say who wrote what on which article and link to its pending comments', () => {
    const [notice] = noticesFor(comment, 'A title', ['email'])
    assert.ok(notice)
    const { subject, text } = noticeText(notice, 'https://blog.example/admin')
    assert.equal(subject, 'New comment from सुनीता on “A title”')
    assert.equal(
      text,
      'सुनीता wrote on “A title” (2026-11-25T10:00:00.000Z):\n\n> पहली पंक्ति\n> Second line\n\n' +
        'It waits for moderation: https://blog.example/admin?status=pending&article=an-article',
    )
  })
})

describe('the hand-built mail', () => {
  const raw = plainTextMail({
    from: { name: 'एज "समाचार"', address: 'comments@blog.example' },
    to: 'moderator@blog.example',
    subject: `New comment ${'बहुत लंबा विषय '.repeat(6)}\r\nBcc: someone@evil.example`,
    text: 'line one\nline two',
    date: new Date('2026-11-25T10:00:00Z'),
    messageId: 'comment-0abc@blog.example',
  })
  const [head = '', body = ''] = raw.split('\r\n\r\n')

  it('has CRLF lines no longer than the RFC 5322 limit of 78 characters', () => {
    for (const line of raw.split('\r\n')) assert.ok(line.length <= 78, line)
    assert.ok(!/[^\r]\n/.test(raw), 'every line ends in CRLF')
  })

  it('cannot be given extra headers through the subject or the sender name', () => {
    const names = head
      .split('\r\n')
      .filter((line) => !line.startsWith(' '))
      .map((line) => line.slice(0, line.indexOf(':')))
    assert.deepEqual(names, [
      'From',
      'To',
      'Subject',
      'Date',
      'Message-ID',
      'MIME-Version',
      'Content-Type',
      'Content-Transfer-Encoding',
    ])
  })

  it('keeps non-ASCII text intact in encoded words and a base64 body', () => {
    const subject = head.slice(head.indexOf('Subject: ') + 9, head.indexOf('\r\nDate:'))
    assert.match(decodeWords(subject), /^New comment (बहुत लंबा विषय ){6} Bcc: someone@evil.example$/)
    assert.match(head, /^From: =\?UTF-8\?B\?[^?]+\?=\r\n <comments@blog\.example>\r\n/)
    assert.equal(decodeWords(head.split('\r\n', 1)[0] ?? ''), 'From: एज समाचार')
    assert.equal(
      Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString(),
      'line one\r\nline two',
    )
    assert.equal(encodeHeaderText('plain ASCII'), 'plain ASCII')
    assert.equal(decodeWords(encodeHeaderText('=?not a word?=')), '=?not a word?=')
  })
})

it('sends to the address the send_email binding allows', () => {
  // The configuration as written: this fast layer runs before any build has made the assets.
  const config = unstable_readConfig({ config: 'wrangler.toml' })
  const binding = config.send_email.find((b: { name: string }) => b.name === 'MODERATOR_EMAIL')
  assert.ok(binding?.destination_address)
  assert.equal(config.vars.NOTIFY_TO, binding.destination_address)
})
