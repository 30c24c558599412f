import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { startWorker, type TestWorker } from '../harness/worker'
import { seed } from '../support/seed'
import { atomProblems, jsonFeedProblems, rssProblems } from '../support/strict-feed-validators'

let worker: TestWorker
before(async () => {
  worker = await startWorker({ scriptPath: buildFixtureBundle('test/fixtures/search-site') })
})
after(() => worker.stop())

const searchPath = (q: string, extra = '') => `/search?q=${encodeURIComponent(q)}${extra}`

async function page(path: string, status = 200): Promise<string> {
  const response = await worker.fetch(path, { headers: { accept: 'text/html' } })
  assert.equal(response.status, status, path)
  assert.equal(response.headers.get('x-robots-tag'), 'noindex', path)
  return response.text()
}

/** The article links of a results page, in order. */
const hitsOf = (html: string) =>
  [...html.matchAll(/<h2><a href="\/articles\/([^"]+)">/g)].map((m) => m[1])

describe('search over HTTP', () => {
  it('shows a labelled GET search form on every page', async () => {
    for (const path of ['/', `/articles/${seed.slug}`, searchPath('')]) {
      const html = await worker.fetch(path).then((r) => r.text())
      assert.match(html, /<search><form class="search" method="get" action="\/search">/, path)
      assert.match(html, /<label for="search-q">[^<]+<\/label>/, path)
      assert.match(html, /<input id="search-q" type="search" name="q" maxlength="100"/, path)
    }
  })

  it('finds the seed article by a Devanagari word of its body', async () => {
    assert.deepEqual(hitsOf(await page(searchPath('कलाकारों'))), [seed.slug])
  })

  it('finds the seed article by a nukta word typed without its nukta', async () => {
    // The article writes बढ़ती (ड + nukta); readers often type बढती.
    assert.deepEqual(hitsOf(await page(searchPath('बढती'))), [seed.slug])
  })

  it('finds an English article by a Latin word typed in another case', async () => {
    assert.deepEqual(hitsOf(await page(searchPath('MONSOON'))), ['monsoon-reaches-kerala'])
  })

  it('finds only the articles holding every word of the query', async () => {
    assert.deepEqual(hitsOf(await page(searchPath('cricket 7'))), ['cricket-report-07'])
  })

  it('lists matches newest first, ten a page, with a link to the next page', async () => {
    const first = await page(searchPath('cricket'))
    assert.deepEqual(hitsOf(first).slice(0, 2), ['cricket-report-11', 'cricket-report-10'])
    assert.equal(hitsOf(first).length, 10)
    assert.match(first, /<meta name="robots" content="noindex"\/?>/)
    assert.match(first, /href="\/search\?q=cricket&amp;page=2" rel="next"/)
    assert.deepEqual(hitsOf(await page(searchPath('cricket', '&page=2'))), ['cricket-report-01'])
    // One address per page: ?page=1 is the plain search, and no other spelling of 2 is page 2.
    for (const spelling of ['1', '02', '2.0', '2e0']) {
      const response = await worker.fetch(searchPath('cricket', `&page=${spelling}`))
      assert.equal(response.status, 404, spelling)
      await response.arrayBuffer()
    }
  })

  it('advertises the query feeds in every format with autodiscovery links', async () => {
    const html = await page(searchPath('cricket'))
    for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
      assert.match(
        html,
        new RegExp(
          `<link rel="alternate" type="[^"]+" title="[^"]+" href="http://[^"]+/search/${file}\\?q=cricket"`,
        ),
        file,
      )
    }
  })

  it('serves the search feeds holding the hit, valid under the strict validators', async () => {
    // Each format's validator by name: the address ends in its query, not its file name.
    const validators = {
      'feed.xml': async (body: string, url: string) => rssProblems(body, url),
      'atom.xml': atomProblems,
      'feed.json': async (body: string, url: string) => jsonFeedProblems(JSON.parse(body), url),
    }
    for (const [file, problemsOf] of Object.entries(validators)) {
      const url = `${worker.origin}/search/${file}?q=${encodeURIComponent('कलाकारों')}`
      const response = await fetch(url)
      assert.equal(response.status, 200, url)
      const body = await response.text()
      assert.ok(body.includes(`/articles/${seed.slug}`), `${file} holds the hit`)
      assert.deepEqual(await problemsOf(body, url), [], url)
    }
  })

  it('answers an empty query with a page that says what to type', async () => {
    for (const path of ['/search', searchPath('   '), searchPath('!!')]) {
      const html = await page(path)
      assert.match(html, /<meta name="robots" content="noindex"\/?>/)
      assert.match(html, /हिंदी या अंग्रेज़ी में एक या अधिक शब्द लिखें/, path)
      assert.deepEqual(hitsOf(html), [])
    }
  })

  it('answers a query nothing matches with a page saying so', async () => {
    const html = await page(searchPath('क्रिकेटनहीं'))
    assert.match(html, /किसी लेख में ये सभी शब्द नहीं हैं/)
    assert.deepEqual(hitsOf(html), [])
  })

  it('refuses a query over 100 characters with 414, reading no index', async () => {
    const html = await page(searchPath('क'.repeat(101)), 414)
    assert.match(html, /अधिकतम 100 अक्षरों/)
    const feed = await worker.fetch(`/search/feed.xml?q=${'a'.repeat(101)}`)
    assert.equal(feed.status, 414)
    await feed.body?.cancel()
  })

  it('searches only the first 8 words of a longer query, and says so', async () => {
    const html = await page(searchPath('cricket a b c d e f g h'))
    assert.match(html, /केवल पहले 8 शब्द खोजे गए/)
  })
})
