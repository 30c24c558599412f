import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parseAtomFeed, parseRssFeed } from 'feedsmith'
import { renderCommentMarkdown } from '../../src/comments/markdown'
import { startWorker, type TestWorker } from '../harness/worker'
import { commentsPath, postApproved, slug, validComment } from '../support/comments'
import { assertValidJsonFeed, assertWellFormedXml } from '../support/validators'

let worker: TestWorker
const source = [
  'Some *emphasis*, **strong** and `code <b>`; a [link](https://example.org/?a=1&b=2).',
  '',
  '> a quote ]]> with CDATA end',
  '',
  '- one',
  '- two',
  '',
  '```',
  '<script>alert(1)</script>',
  '```',
  '',
  '[bad](javascript:alert(1)) <img src=x onerror=alert(1)> ![i](https://example.org/i.png)',
  '# not a heading',
  `${'*'.repeat(300)} ${'_'.repeat(300)}`,
].join('\n')
const html = renderCommentMarkdown(source)

before(async () => {
  worker = await startWorker()
  await postApproved(worker, validComment({ content: source }))
})
after(() => worker.stop())

describe('comment Markdown in every view', () => {
  it('renders links with the ugc rel and leaves scripts, images and javascript: links as text', () => {
    assert.match(
      html,
      /<a href="https:\/\/example.org\/\?a=1&amp;b=2" rel="nofollow ugc noopener">/,
    )
    assert.doesNotMatch(html, /<script|<img|href="javascript/)
    assert.match(html, /<blockquote>.*<ul><li>one<\/li>/)
  })

  it('shows the same HTML on the article page', async () => {
    const page = await (await worker.fetch(`/articles/${slug}`)).text()
    assert.ok(page.includes(html), 'the page holds the rendered comment')
  })

  it('answers the source and the same HTML in the comments JSON', async () => {
    const body = await (await worker.fetch(commentsPath)).json()
    assert.equal(body.comments[0].content, source)
    assert.equal(body.comments[0].content_html, html)
  })

  it('carries the same HTML in RSS content:encoded, in a well-formed feed', async () => {
    const xml = await (await worker.fetch(`${commentsPath}/feed.xml`)).text()
    assertWellFormedXml(xml)
    const encoded = parseRssFeed(xml).items?.[0]?.content?.encoded ?? ''
    // The CDATA writer turns "]]>" into the equivalent "]]&gt;"; nothing else changes.
    assert.equal(encoded, html.replaceAll(']]>', ']]&gt;'))
  })

  it('carries the same HTML in Atom content type="html", in a well-formed feed', async () => {
    const xml = await (await worker.fetch(`${commentsPath}/atom.xml`)).text()
    assertWellFormedXml(xml)
    assert.match(xml, /<content type="html">/)
    const entry = parseAtomFeed(xml).entries?.[0]
    assert.equal(entry?.content?.value, html.replaceAll(']]>', ']]&gt;'))
  })

  it('carries content_html and the source as content_text in a valid JSON Feed', async () => {
    const feed = await (await worker.fetch(`${commentsPath}/feed.json`)).json()
    assertValidJsonFeed(feed)
    assert.equal(feed.items[0].content_html, html)
    assert.equal(feed.items[0].content_text, source)
  })
})
