import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ArticleMeta } from '../../src/content/types'
import { StoryCards } from '../../src/pages/story-cards'

function story(slug: string, picture: boolean): ArticleMeta {
  return {
    slug,
    title: `${slug} की ख़बर`,
    summary: `${slug} का सार`,
    language: 'hi',
    published: '2026-03-05T12:00:00+05:30',
    authors: [{ name: 'अनु' }, { name: 'रवि' }],
    tags: ['खेल'],
    comments: 'open',
    ...(picture
      ? {
          image: {
            url: `/media/${slug}.jpg`,
            width: 1200,
            height: 800,
            type: 'image/jpeg',
            length: 1000,
            alt: `${slug} का चित्र`,
          },
        }
      : {}),
  }
}

const stories = [story('pehli', true), story('doosri', false), story('teesri', true)]

async function render(options: { lead: boolean; level: 2 | 3; compact?: boolean }) {
  return String(
    await StoryCards({
      stories,
      articleHref: (slug) => `/articles/${slug}`,
      authorHref: (name) => `/authors/${encodeURIComponent(name)}`,
      ...options,
    }),
  )
}

/** Each card's HTML, in order. */
function cards(html: string): string[] {
  return html.split('<li').slice(1)
}

describe('story cards', () => {
  it('give each story its headline link, date and byline linking its authors', async () => {
    const [first] = cards(await render({ lead: true, level: 2 }))
    assert.match(first ?? '', /<h2><a href="\/articles\/pehli">pehli की ख़बर<\/a><\/h2>/)
    assert.match(first ?? '', /<time datetime="2026-03-05T12:00:00\+05:30">5 मार्च 2026<\/time>/)
    assert.match(first ?? '', /href="\/authors\/%E0%A4%85%E0%A4%A8%E0%A5%81" rel="author">अनु<\/a>/)
    assert.match(first ?? '', /rel="author">रवि<\/a>/)
  })

  it('make the first the lead, with its summary, only when asked', async () => {
    const led = cards(await render({ lead: true, level: 2 }))
    assert.match(led[0] ?? '', /class="card lead pictured"/)
    assert.match(led[0] ?? '', /<p class="summary">pehli का सार<\/p>/)
    for (const card of led.slice(1)) {
      assert.doesNotMatch(card, /lead|summary/)
    }
    const plain = await render({ lead: false, level: 3, compact: true })
    assert.match(plain, /^<ol class="cards compact">/)
    assert.doesNotMatch(plain, /lead|summary|<h2/)
    assert.equal(plain.match(/<h3>/g)?.length, stories.length)
  })

  it('show the lead image at its one size, without srcset, loading only the lead at once', async () => {
    const [lead, unpictured, other] = cards(await render({ lead: true, level: 2 }))
    assert.match(
      lead ?? '',
      /<img class="pic" src="\/media\/pehli.jpg" alt="pehli का चित्र" width="1200" height="800" decoding="async" fetchpriority="high"\/>/,
    )
    assert.doesNotMatch(unpictured ?? '', /<img|pictured/)
    assert.match(other ?? '', /<img class="pic" src="\/media\/teesri.jpg"[^>]* loading="lazy"\/>/)
    assert.doesNotMatch(await render({ lead: true, level: 2 }), /srcset|sizes=/)
  })
})
