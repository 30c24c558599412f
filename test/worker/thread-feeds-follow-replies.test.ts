import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parseAtomFeed, parseRssFeed } from 'feedsmith'
import { renderCommentMarkdown } from '../../src/comments/markdown'
import { feedUrls } from '../../src/feeds/formats'
import { messagesFor } from '../../src/pages/i18n'
import { startWorker, type TestWorker } from '../harness/worker'
import { commentsPath, postApproved, slug, validComment } from '../support/comments'
import { seed } from '../support/seed'
import { assertValidJsonFeed, assertWellFormedXml } from '../support/validators'

let worker: TestWorker
let parent: string
let reply: string
let replyToReply: string
let unrelated: string
const hostile = [
  '[x](javascript:alert(1)) <script>alert(1)</script> ]]> &amp;',
  '*'.repeat(2000),
  '> > > > > > > > > > > deep',
  '```\n]]></content></entry>\n```',
  '\u202Egnp.exe 👩🏽‍💻',
].join('\n\n')

before(async () => {
  worker = await startWorker({ rateLimit: 1000 })
  parent = await postApproved(worker, validComment({ content: 'the parent' }))
  reply = await postApproved(worker, validComment({ content: hostile, parent }))
  unrelated = await postApproved(worker, validComment({ content: 'another thread' }))
  replyToReply = await postApproved(
    worker,
    validComment({ content: 'a *reply* to the reply', parent: reply }),
  )
})
after(() => worker.stop())

const threadFeeds = (id: string) => feedUrls(`${commentsPath}/${id}/`)

describe('a thread feed', () => {
  it('is linked as "follow replies" beside a comment with replies only, titled as the feed is', async () => {
    const page = await (await worker.fetch(`/articles/${slug}`)).text()
    const title = `पाठक — ${seed.title}`
    const link = `<a href="${threadFeeds(parent).rss}" type="application/rss+xml" title="${title} (RSS)">${messagesFor('hi').followReplies}</a>`
    assert.ok(page.includes(link), 'the parent links its replies feed')
    assert.ok(!page.includes(threadFeeds(unrelated).rss), 'a comment without replies links none')
    const feed = parseRssFeed(await (await worker.fetch(threadFeeds(parent).rss)).text())
    assert.equal(feed.title, title)
  })

  it('leaves the page head to the comment feeds, named with the article, which hold every reply', async () => {
    const page = await (await worker.fetch(`/articles/${slug}`)).text()
    for (const [type, label, file] of [
      ['application/rss+xml', 'RSS', 'feed.xml'],
      ['application/atom+xml', 'Atom', 'atom.xml'],
      ['application/feed+json', 'JSON Feed', 'feed.json'],
    ]) {
      const link = `<link rel="alternate" type="${type}" title="टिप्पणियाँ: ${seed.title} (${label})" href="${worker.origin}${commentsPath}/${file}"/>`
      assert.ok(page.includes(link), link)
    }
    assert.doesNotMatch(page, new RegExp(`<link[^>]+${parent}/feed`), 'no thread feed in the head')
  })

  it('holds every reply under the comment, newest first, in RSS', async () => {
    const xml = await (await worker.fetch(threadFeeds(parent).rss)).text()
    assertWellFormedXml(xml)
    const items = parseRssFeed(xml).items ?? []
    assert.deepEqual(
      items.map((item) => item.guid?.value?.split('/').at(-1)),
      [replyToReply, reply],
    )
    assert.equal(
      items[1]?.content?.encoded,
      renderCommentMarkdown(hostile).replaceAll(']]>', ']]&gt;'),
    )
  })

  it('is a well-formed Atom feed of the same replies after hostile Markdown', async () => {
    const xml = await (await worker.fetch(threadFeeds(parent).atom)).text()
    assertWellFormedXml(xml)
    const feed = parseAtomFeed(xml)
    assert.equal(feed.entries?.length, 2)
    assert.ok(
      feed.links?.some((l) => l.rel === 'self' && l.href?.endsWith(threadFeeds(parent).atom)),
    )
  })

  it('is a valid JSON Feed with content_html and content_text', async () => {
    const response = await worker.fetch(threadFeeds(parent).json)
    assert.equal(response.headers.get('content-type'), 'application/feed+json; charset=utf-8')
    const feed = await response.json()
    assertValidJsonFeed(feed)
    assert.equal(feed.items.length, 2)
    assert.equal(feed.items[1].content_html, renderCommentMarkdown(hostile))
    assert.equal(feed.items[1].content_text, hostile)
    assert.ok(feed.feed_url.endsWith(threadFeeds(parent).json))
  })

  it("of a reply holds that reply's own replies only", async () => {
    const feed = await (await worker.fetch(threadFeeds(reply).json)).json()
    assert.deepEqual(
      feed.items.map((item: { id: string }) => item.id.split('/').at(-1)),
      [replyToReply],
    )
  })

  it('answers 404 for a comment that is not approved on this article', async () => {
    assert.equal((await worker.fetch(threadFeeds('0000000000000000000').rss)).status, 404)
    assert.equal((await worker.fetch(`/articles/nope/comments/${parent}/feed.xml`)).status, 404)
  })
})
