import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  contentTypeOf,
  feedFormatIds,
  feedFormats,
  feedLinks,
  feedUrls,
} from '../../src/feeds/formats'
import { paths } from '../../src/paths'

describe('the list of feed formats', () => {
  it('gives the site feeds their addresses', () => {
    assert.deepEqual(feedUrls(paths.siteFeeds), {
      rss: '/feed.xml',
      atom: '/atom.xml',
      json: '/feed.json',
    })
  })

  it('puts an article’s comment feeds under its comments', () => {
    assert.deepEqual(Object.values(feedUrls(paths.commentFeeds('x'))), [
      '/articles/x/comments/feed.xml',
      '/articles/x/comments/atom.xml',
      '/articles/x/comments/feed.json',
    ])
  })

  it('derives autodiscovery links with title, label and media type from one entry each', () => {
    const links = feedLinks('https://example.org/', 'साइट')
    assert.deepEqual(
      links.map((link) => [link.title, link.type, link.href]),
      [
        ['साइट (RSS)', 'application/rss+xml', 'https://example.org/feed.xml'],
        ['साइट (Atom)', 'application/atom+xml', 'https://example.org/atom.xml'],
        ['साइट (JSON Feed)', 'application/feed+json', 'https://example.org/feed.json'],
      ],
    )
  })

  it('serves every format as UTF-8 with its own media type', () => {
    for (const format of feedFormatIds) {
      assert.equal(contentTypeOf(format), `${feedFormats[format].mediaType}; charset=utf-8`)
    }
  })
})
