import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseSite } from '../../scripts/content/parse-site'
import { defaultSectionCount, siteSections } from '../../scripts/content/sections'
import { sectionOf } from '../../src/content/tags'
import type { ArticleMeta } from '../../src/content/types'

const settings = `title: "एज समाचार"
description: "समाचार"
language: hi
id_authority: news.example.org,2024
feed_size: 20
`

function tagged(slug: string, tags: string[]): ArticleMeta {
  return {
    slug,
    title: slug,
    summary: 'सारांश',
    language: 'hi',
    published: '2026-03-01T10:00:00+05:30',
    authors: [{ name: 'लेखक' }],
    tags,
    comments: 'open',
  }
}

// Newest first, as the build lists them.
const articles = [
  tagged('a', ['खेल', 'क्रिकेट']),
  tagged('b', ['राजनीति']),
  tagged('c', ['राजनीति', 'शहर']),
  tagged('d', ['खेल']),
  tagged('e', ['मौसम', 'विज्ञान', 'स्वास्थ्य', 'शिक्षा']),
]

describe('site.yaml sections', () => {
  it('are read in NFC, in the order written', () => {
    const decomposed = 'राजनीति'.normalize('NFD')
    const parsed = parseSite('site.yaml', `${settings}sections: ["${decomposed}", खेल]\n`)
    assert.ok(parsed.ok)
    assert.deepEqual(parsed.value.sections, ['राजनीति', 'खेल'])
  })

  it('are absent when not written, and an empty list is a site without a section menu', () => {
    const absent = parseSite('site.yaml', settings)
    assert.ok(absent.ok)
    assert.equal(absent.value.sections, undefined)
    const none = parseSite('site.yaml', `${settings}sections: []\n`)
    assert.ok(none.ok)
    assert.deepEqual(none.value.sections, [])
    assert.deepEqual(siteSections([], articles), { sections: [], problems: [] })
  })

  it('must be a list of tags, on the line of "sections:"', () => {
    const notList = parseSite('site.yaml', `${settings}sections: खेल\n`)
    assert.deepEqual(notList.ok ? [] : notList.errors, [
      'site.yaml:6: "sections" must be a list of tags, got "खेल"',
    ])
    const markup = parseSite('site.yaml', `${settings}sections: ["<b>"]\n`)
    assert.deepEqual(markup.ok ? [] : markup.errors, [
      'site.yaml:6: "sections.0" must not contain < > & or ", got "<b>"',
    ])
  })

  it('keep the chosen tags that articles carry, and name those none carries (with the most used tags instead) or that repeat', () => {
    assert.deepEqual(siteSections(['राजनीति', 'खेल'], articles), {
      sections: ['राजनीति', 'खेल'],
      problems: [],
    })
    assert.deepEqual(siteSections(['खेल', 'व्यापार', 'खेल'], articles), {
      sections: ['खेल', 'व्यापार'],
      problems: [
        '"sections.1" is "व्यापार", a tag no article carries: its page would be 404; tags articles carry: "खेल", "राजनीति", "क्रिकेट", "शहर", "मौसम", "विज्ञान", "स्वास्थ्य", "शिक्षा"',
        '"sections.2" repeats the section "खेल"',
      ],
    })
  })

  it('default to the tags most articles carry, a tie going to the newer article', () => {
    const { sections, problems } = siteSections(undefined, articles)
    assert.deepEqual(problems, [])
    assert.equal(sections.length, defaultSectionCount)
    assert.deepEqual(sections, ['खेल', 'राजनीति', 'क्रिकेट', 'शहर', 'मौसम'])
  })
})

describe("an article's section", () => {
  it('is its first tag that is a section, else its first tag, else none', () => {
    assert.equal(sectionOf(['शहर', 'राजनीति', 'खेल'], ['खेल', 'राजनीति']), 'राजनीति')
    assert.equal(sectionOf(['शहर', 'मौसम'], ['खेल']), 'शहर')
    assert.equal(sectionOf([], ['खेल']), undefined)
  })
})
