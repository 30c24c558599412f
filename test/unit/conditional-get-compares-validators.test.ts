import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isNotModified } from '../../src/http/conditional-get'
import { latest } from '../../src/http/last-modified'
import { renderedResponse, serveRendered } from '../../src/http/rendered'

const validators = { etag: '"abc"', lastModified: 'Wed, 27 Nov 2024 12:00:00 GMT' }
const ask = (headers: Record<string, string>) => isNotModified(new Headers(headers), validators)

describe('conditional GET', () => {
  it('matches the ETag exactly, in a list, weakly and as *', () => {
    assert.equal(ask({ 'if-none-match': '"abc"' }), true)
    assert.equal(ask({ 'if-none-match': '"x", W/"abc"' }), true)
    assert.equal(ask({ 'if-none-match': '*' }), true)
    assert.equal(ask({ 'if-none-match': '"abd"' }), false)
  })

  it('lets If-None-Match win over If-Modified-Since', () => {
    assert.equal(
      ask({ 'if-none-match': '"other"', 'if-modified-since': 'Thu, 01 Jan 2099 00:00:00 GMT' }),
      false,
    )
  })

  it('compares If-Modified-Since by instant and ignores a date it cannot read', () => {
    assert.equal(ask({ 'if-modified-since': validators.lastModified }), true)
    assert.equal(ask({ 'if-modified-since': 'Wed, 27 Nov 2024 11:59:59 GMT' }), false)
    assert.equal(ask({ 'if-modified-since': 'yesterday' }), false)
  })

  it('serves 304 without a body and HEAD without a body, both with the validators', async () => {
    const rendered = await renderedResponse('hello', new Date('2024-11-27T12:00:00Z'), {
      'content-type': 'text/plain',
    })
    assert.match(rendered.etag, /^"[0-9a-f]{32}"$/)
    const notModified = serveRendered(
      'GET',
      new Headers({ 'if-none-match': rendered.etag }),
      rendered,
    )
    assert.equal(notModified.status, 304)
    assert.equal(notModified.body, null)
    assert.equal(notModified.headers.get('etag'), rendered.etag)
    const head = serveRendered('HEAD', new Headers(), rendered)
    assert.equal(head.status, 200)
    assert.equal(head.body, null)
  })

  it('rounds Last-Modified up to the whole second HTTP dates carry', () => {
    assert.equal(latest('2024-11-27T12:00:00.200Z', null).toISOString(), '2024-11-27T12:00:01.000Z')
    assert.equal(latest(undefined).getTime(), 0)
  })
})
