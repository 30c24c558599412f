import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { absoluteLinks } from '../../src/feeds/absolute-links'

const article = 'https://news.example.org/articles/flood'

describe('an article body in a feed', () => {
  it('has its paths, relative addresses and fragments resolved against the article', () => {
    assert.equal(
      absoluteLinks(
        '<a href="/articles/rain">a</a><img src="/media/map.png" alt="m"><a href="#notes">n</a><a href="older">o</a>',
        article,
      ),
      '<a href="https://news.example.org/articles/rain">a</a><img src="https://news.example.org/media/map.png" alt="m"><a href="https://news.example.org/articles/flood#notes">n</a><a href="https://news.example.org/articles/older">o</a>',
    )
  })

  it('keeps absolute addresses and other attributes byte for byte', () => {
    const html =
      '<a href="https://example.org/a?x=1&amp;y=%E0%A4%95" title="/not/a/link">x</a><a href="mailto:a@example.org">m</a>'
    assert.equal(absoluteLinks(html, article), html)
  })
})
