import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startWorker, type TestWorker } from '../harness/worker'
import { seed } from '../support/seed'

let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

const html = async (path: string) => {
  const response = await worker.fetch(path, { headers: { accept: 'text/html' } })
  assert.equal(response.status, 200)
  assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8')
  return response.text()
}

/** Text content of an HTML fragment: tags dropped, the five XML entities decoded. */
function textOf(fragment: string): string {
  return fragment
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

describe('article page', () => {
  const path = `/articles/${seed.slug}`

  it('declares Hindi, UTF-8 and a mobile viewport', async () => {
    const page = await html(path)
    assert.match(page, /^<!doctype html><html lang="hi" dir="ltr">/)
    assert.match(page, /<meta charset="utf-8"\/?>/)
    assert.match(page, /<meta name="viewport" content="width=device-width, initial-scale=1"\/?>/)
  })

  it('shows the title without the publication suffix, and the standfirst', async () => {
    const page = await html(path)
    assert.equal(textOf(/<h1>(.*?)<\/h1>/s.exec(page)?.[1] ?? ''), seed.title)
    assert.equal(textOf(/<p class="standfirst">(.*?)<\/p>/s.exec(page)?.[1] ?? ''), seed.summary)
    assert.doesNotMatch(page, /और पढ़ें/, '"read more" is page chrome of the source, not text')
  })

  it('keeps every paragraph of the report word for word, with the three sub-headings as h2', async () => {
    const page = await html(path)
    const blocks = [...page.matchAll(/<(p|h2)>(.*?)<\/\1>/gs)].map((m) => textOf(m[2] as string))
    for (const paragraph of seed.body)
      assert.ok(blocks.includes(paragraph), `missing: ${paragraph.slice(0, 40)}`)
    for (const heading of seed.headings) assert.match(page, new RegExp(`<h2>${heading}</h2>`))
    assert.doesNotMatch(
      page,
      /Leave a Reply<\/p>/,
      'the seed comment-form lines are not article text',
    )
  })

  it('links the canonical URL, Open Graph data and autodiscovery for site and comment feeds', async () => {
    const page = await html(path)
    assert.match(
      page,
      new RegExp(`<link rel="canonical" href="http://localhost:8787/articles/${seed.slug}"/?>`),
    )
    assert.match(page, /<meta property="og:title" content="[^"]*शोषणकारी/)
    assert.match(page, /<meta property="og:description" content="विरोध करने वाले/)
    const alternates = [
      ...page.matchAll(/<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)"/g),
    ].map((m) => [m[1], m[2]?.replace(worker.origin, '')])
    assert.deepEqual(alternates, [
      ['application/rss+xml', '/feed.xml'],
      ['application/atom+xml', '/atom.xml'],
      ['application/feed+json', '/feed.json'],
      ['application/rss+xml', `/articles/${seed.slug}/comments/feed.xml`],
      ['application/atom+xml', `/articles/${seed.slug}/comments/atom.xml`],
      ['application/feed+json', `/articles/${seed.slug}/comments/feed.json`],
    ])
  })

  it('needs no JavaScript and uses a Devanagari font stack', async () => {
    const page = await html(path)
    // Only the JSON-LD data block, which is never run.
    assert.doesNotMatch(page, /<script(?! type="application\/ld\+json">)/)
    const css = await (await worker.fetch('/site.css')).text()
    assert.match(css, /font:[^;]*"Noto Serif Devanagari"/)
  })

  it('shows the published date in Hindi', async () => {
    const page = await html(path)
    assert.match(page, /<time datetime="2024-11-27T17:30:00\+05:30">27 नवंबर 2024<\/time>/)
  })
})

describe('home page', () => {
  it('lists the article and advertises the three site feeds and the three site comment feeds', async () => {
    const page = await html('/')
    assert.match(page, /<html lang="hi"/)
    assert.ok(page.includes(`<a href="/articles/${seed.slug}">${seed.title}</a>`))
    const alternates = [...page.matchAll(/<link rel="alternate" [^>]*href="([^"]+)"/g)].map((m) =>
      m[1]?.replace(worker.origin, ''),
    )
    assert.deepEqual(alternates, [
      '/feed.xml',
      '/atom.xml',
      '/feed.json',
      '/comments/feed.xml',
      '/comments/atom.xml',
      '/comments/feed.json',
    ])
    assert.match(page, /<h2 id="subscribe-heading">सदस्यता लें<\/h2>/)
  })
})
