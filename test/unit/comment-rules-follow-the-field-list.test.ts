import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { commentFieldNames, commentFields } from '../../src/comments/fields'
import { newCommentId } from '../../src/comments/ids'
import { publicView } from '../../src/comments/public-view'
import { normalise, validateComment } from '../../src/comments/rules'
import type { StoredComment } from '../../src/comments/types'
import { problemFor, statusOf } from '../../src/routes/comment-problems'

const valid = { author: 'पाठक', email: 'reader@example.org', content: 'टिप्पणी' }

describe('comment rules', () => {
  it('accepts each text field at its limit and refuses it one code point over', () => {
    for (const name of ['author', 'content'] as const) {
      const max = commentFields[name].max
      assert.equal(validateComment({ ...valid, [name]: 'क'.repeat(max) }).ok, true, name)
      const over = validateComment({ ...valid, [name]: 'क'.repeat(max + 1) })
      assert.deepEqual(over.ok ? [] : over.issues, [{ field: name, code: 'too_long' }], name)
    }
  })

  it('names every missing required field and no optional one', () => {
    const result = validateComment({})
    assert.equal(result.ok, false)
    const required = commentFieldNames.filter((name) => commentFields[name].required)
    assert.deepEqual(
      result.ok ? [] : result.issues.map((issue) => issue.field).sort(),
      [...required].sort(),
    )
  })

  it('normalises to NFC, turns CRLF into LF and trims', () => {
    assert.equal(normalise('  क\u093C\r\nदो \r'), 'क़\nदो')
    const result = validateComment({ ...valid, content: ' a\r\nb ' })
    assert.equal(result.ok && result.input.content, 'a\nb')
  })

  it('refuses control characters, bad e-mail, non-http URLs and malformed parent ids', () => {
    const codes = (body: Record<string, unknown>) => {
      const result = validateComment({ ...valid, ...body })
      return result.ok ? [] : result.issues.map((issue) => `${issue.field}:${issue.code}`)
    }
    assert.deepEqual(codes({ author: 'a\u0007b' }), ['author:control_characters'])
    assert.deepEqual(codes({ email: 'not-an-address' }), ['email:invalid_email'])
    assert.deepEqual(codes({ url: 'javascript:alert(1)' }), ['url:invalid_url'])
    assert.deepEqual(codes({ parent: 'x' }), ['parent:unknown_parent'])
    assert.deepEqual(codes({ content: 42 }), ['content:invalid_type'])
    assert.deepEqual(codes({ parent: newCommentId() }), [])
  })

  it('leaves empty optional fields out of the input', () => {
    const result = validateComment({ ...valid, url: '', parent: '' })
    assert.equal(result.ok, true)
    assert.deepEqual(result.ok && Object.keys(result.input).sort(), ['author', 'content', 'email'])
  })
})

describe('public view', () => {
  it('shows the public fields and never the e-mail address, status or client hash', () => {
    const stored: StoredComment = {
      id: newCommentId(),
      article: 'a',
      author: 'पाठक',
      email: 'secret@example.org',
      url: 'https://example.org/',
      content: 'text',
      created: '2024-11-27T12:00:00.000Z',
      status: 'approved',
      client: 'hash',
    }
    const view = publicView(stored)
    assert.deepEqual(Object.keys(view), ['id', 'article', 'author', 'url', 'content', 'created'])
    assert.ok(!JSON.stringify(view).includes('secret@example.org'))
  })
})

describe('refusal problems', () => {
  it('answers each reason with its own status', () => {
    assert.equal(statusOf('closed'), 403)
    assert.equal(statusOf('turnstile_failed'), 403)
    assert.equal(statusOf('duplicate'), 409)
    assert.equal(statusOf('invalid_fields'), 422)
    assert.equal(statusOf('rate_limited'), 429)
  })

  it('lists field errors with messages and says when to retry', () => {
    const p = problemFor({
      reason: 'invalid_fields',
      issues: [{ field: 'email', code: 'invalid_email' }],
    })
    assert.deepEqual(p.errors, [
      { field: 'email', code: 'invalid_email', message: 'email must be a valid e-mail address' },
    ])
    const limited = problemFor({ reason: 'rate_limited', retryAfter: 10 })
    assert.equal(limited.retryAfter, 10)
    assert.match(limited.detail ?? '', /10 seconds/)
    assert.equal(problemFor({ reason: 'store_unavailable' }).status, 503)
  })
})
