import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parseAtomFeed, parseRssFeed } from 'feedsmith'
import { startWorker, type TestWorker } from '../harness/worker'
import { commentsPath, postApproved, slug, validComment } from '../support/comments'
import { seed } from '../support/seed'
import { assertValidJsonFeed, assertWellFormedXml } from '../support/validators'

let worker: TestWorker
// Names may not carry direction controls (422 bidi_controls) or `<` and `>` (422
// markup_characters); the text may, and does below.
const hostileAuthor = `"Bob" & 'Eve' &lt;b&gt; &amp; ]]] evil`
const hostileText = [
  '<script>alert("x")</script>',
  ']]> and again ]]> and ]]]]>',
  `"quotes" 'apostrophes' & ampersands &amp; &lt;`,
  'right-to-left override: \u202Egnp.exe',
  'emoji: 👩🏽‍💻 🇮🇳',
  'combining: क्षि ne\u0301e',
].join('\n')

before(async () => {
  worker = await startWorker()
  await postApproved(
    worker,
    validComment({
      author: hostileAuthor,
      content: hostileText,
      url: 'https://example.org/?a=1&b=<2>',
    }),
  )
})
after(() => worker.stop())

const normalised = hostileText.normalize('NFC')

describe('hostile comment text', () => {
  it('shows on the article page as escaped text, never as markup', async () => {
    const page = await (await worker.fetch(`/articles/${slug}`)).text()
    assert.doesNotMatch(page, /<script>alert/)
    assert.doesNotMatch(page, /<b>"Bob"/)
    assert.match(page, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/)
    assert.match(
      page,
      /&amp; ampersands &amp; &lt;/,
      'references are decoded as CommonMark says, then escaped again',
    )
    assert.match(page, /👩🏽‍💻/)
  })

  it('round-trips exactly through the comments JSON', async () => {
    const body = await (await worker.fetch(commentsPath)).json()
    assert.equal(body.comments[0].content, normalised)
    assert.equal(body.comments[0].author, hostileAuthor)
    assert.equal(body.comments[0].email, undefined)
  })

  for (const file of ['feed.xml', 'atom.xml']) {
    it(`keeps the ${file} comment feed well-formed and readable by a feed parser`, async () => {
      const xml = await (await worker.fetch(`${commentsPath}/${file}`)).text()
      assertWellFormedXml(xml)
      assert.doesNotMatch(xml, /<script>/)
      const entries = file === 'feed.xml' ? parseRssFeed(xml).items : parseAtomFeed(xml).entries
      assert.equal(entries?.length, 1)
    })
  }

  it('titles the comment in both XML comment feeds with the exact author text, as text', async () => {
    const expected = `${hostileAuthor}: ${seed.title}`
    const rss = await (await worker.fetch(`${commentsPath}/feed.xml`)).text()
    assert.equal(parseRssFeed(rss).items?.[0]?.title, expected)
    const atom = await (await worker.fetch(`${commentsPath}/atom.xml`)).text()
    assert.deepEqual(parseAtomFeed(atom).entries?.[0]?.title, { type: 'text', value: expected })
  })

  it('keeps the RSS content exactly decodable: CDATA is not broken by ]]>', async () => {
    const xml = await (await worker.fetch(`${commentsPath}/feed.xml`)).text()
    const encoded = parseRssFeed(xml).items?.[0]?.content?.encoded ?? ''
    assert.match(encoded, /\]\]&gt; and again \]\]&gt; and \]\]\]\]&gt;/)
    assert.match(encoded, /ampersands &amp; &lt;/)
  })

  it('keeps the JSON Feed valid with the exact text', async () => {
    const feed = await (await worker.fetch(`${commentsPath}/feed.json`)).json()
    assertValidJsonFeed(feed)
    assert.equal(feed.items[0].authors[0].name, hostileAuthor)
    assert.match(feed.items[0].content_html, /&lt;script&gt;/)
  })

  it('keeps the site feeds valid with the new comment count', async () => {
    const rss = await (await worker.fetch('/feed.xml')).text()
    assertWellFormedXml(rss)
    assert.match(rss, /<slash:comments>1<\/slash:comments>/)
    assertWellFormedXml(await (await worker.fetch('/atom.xml')).text())
    assertValidJsonFeed(await (await worker.fetch('/feed.json')).json())
  })
})
