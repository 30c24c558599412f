import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { dataFiles, listKey } from '../../src/content/data-files'
import { messagesFor } from '../../src/pages/i18n'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { startWorker, type TestWorker } from '../harness/worker'
import { leadImageSize, newsSections, newsSite, newsStories } from '../support/news-site'

const t = messagesFor('hi')
const tagPath = (tag: string) => `/tags/${encodeURIComponent(tag)}`

/** The section menu's links of a page: [text, href, aria-current]. */
function sectionLinks(page: string): string[][] {
  const menu = /<nav class="sections" aria-label="([^"]*)"><ul>([\s\S]*?)<\/ul><\/nav>/.exec(page)
  assert.equal(menu?.[1], t.sections)
  return [
    ...(menu?.[2] ?? '').matchAll(/<a href="([^"]*)"( aria-current="page")?>([^<]*)<\/a>/g),
  ].map((link) => [link[3] ?? '', link[1] ?? '', link[2] ? 'current' : ''])
}

describe('a news site whose site.yaml chooses its sections', () => {
  let worker: TestWorker
  // Its first two tests count the files a fresh isolate reads: they run first.
  before(async () => {
    worker = await startWorker({ scriptPath: buildFixtureBundle(newsSite()), countAssets: true })
  })
  after(() => worker?.stop())

  it('shows the stories as cards, the newest the lead with its summary and eager picture, reading one list chunk cold', async () => {
    worker.takeAssetReads()
    const home = await (await worker.fetch('/')).text()
    // The home page's cards come from the site list's chunk alone: no article shard.
    assert.deepEqual(
      worker.takeAssetReads().map((read) => read.path),
      [dataFiles.siteList(0)],
    )
    const cards = home.split('<li class="card').slice(1)
    assert.equal(cards.length, newsStories.length)
    newsStories.forEach((story, n) => {
      const card = cards[n] ?? ''
      assert.ok(card.includes(`<a href="/articles/${story.slug}">${story.title}</a>`), story.slug)
      assert.ok(card.includes(`<time datetime="${story.published}">`))
      assert.match(card, /rel="author">लेखक<\/a>/)
      assert.equal(card.includes('<img class="pic"'), story.picture !== undefined, story.slug)
      assert.equal(card.includes('class="summary"'), n === 0)
    })
    assert.match(cards[0] ?? '', /^ lead pictured"/)
    const { width, height } = leadImageSize
    assert.ok(
      (cards[0] ?? '').includes(
        `<img class="pic" src="/media/${newsStories[0]?.slug}.png" alt="${newsStories[0]?.title} का चित्र" width="${width}" height="${height}" decoding="async" fetchpriority="high"/>`,
      ),
    )
    assert.match(cards[1] ?? '', /loading="lazy"/)
    assert.doesNotMatch(home, /srcset/)
  })

  it("ends an article with the newest other stories of its first section, read from that tag's head alone", async () => {
    const story = newsStories[5]
    worker.takeAssetReads()
    const page = await (await worker.fetch(`/articles/${story?.slug}`)).text()
    const politics = listKey('राजनीति')
    const reads = worker.takeAssetReads().map((read) => read.path)
    assert.deepEqual(
      reads.filter((path) => !path.startsWith('/_data/articles/')),
      [dataFiles.listHead('tag', politics)],
    )
    assert.equal(reads.filter((path) => path.startsWith('/_data/articles/')).length, 1)
    const more = /<section class="more" aria-labelledby="more-heading">([\s\S]*?)<\/section>/.exec(
      page,
    )?.[1]
    assert.ok(more, 'the section under the article')
    assert.match(more, new RegExp(`<h2 id="more-heading">${t.moreInSection}</h2>`))
    const titles = [...more.matchAll(/<h3><a href="\/articles\/([^"]+)">/g)].map((m) => m[1])
    const others = newsStories.filter((s) => s !== story && s.tags.includes('राजनीति'))
    assert.deepEqual(
      titles,
      others.slice(0, 3).map((s) => s.slug),
    )
    assert.ok(more.includes(`<a href="${tagPath('राजनीति')}">${t.allInSection('राजनीति')}</a>`))
  })

  it('shows the site name and the sections in that order on every page, marking the current one', async () => {
    const home = await (await worker.fetch('/')).text()
    assert.match(home, /<p class="name"><a href="\/">एज समाचार<\/a><\/p>/)
    const expected = newsSections.map((tag) => [tag, tagPath(tag), ''])
    assert.deepEqual(sectionLinks(home), expected)
    const article = await (await worker.fetch(`/articles/${newsStories[2]?.slug}`)).text()
    assert.deepEqual(sectionLinks(article), expected)
    const sport = await (await worker.fetch(tagPath('खेल'))).text()
    assert.deepEqual(
      sectionLinks(sport),
      expected.map(([tag, href]) => [tag ?? '', href ?? '', tag === 'खेल' ? 'current' : '']),
    )
  })

  it('follows the first tag when none of the article is a section, and shows nothing when it is alone in it', async () => {
    // क्रिकेट is no section; खेल, its second tag, is: the section wins.
    const cricket = await (await worker.fetch('/articles/cricket-team-ki-jeet')).text()
    assert.match(cricket, /<a href="\/articles\/hockey-league-shuru">/)
    const science = await (await worker.fetch('/articles/chandrayaan-ke-naye-chitra')).text()
    assert.doesNotMatch(science, /class="more"/)
  })
})

describe('a site.yaml without sections', () => {
  let worker: TestWorker
  before(async () => {
    worker = await startWorker()
  })
  after(() => worker?.stop())

  it("lists the tags most articles carry, the seed article's in its order", async () => {
    const home = await (await worker.fetch('/')).text()
    const tags = ['ओपनएआई', 'सोरा', 'एआई नैतिकता']
    assert.deepEqual(
      sectionLinks(home),
      tags.map((tag) => [tag, tagPath(tag), '']),
    )
  })
})
