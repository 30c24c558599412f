import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { withoutNoncharacters } from '../../src/comments/noncharacters'
import { publicView } from '../../src/comments/public-view'
import { validateComment } from '../../src/comments/rules'
import type { PublicComment } from '../../src/comments/types'

// All 66: U+FDD0–U+FDEF, and U+nFFFE and U+nFFFF in each of the 17 planes.
const noncharacters = [
  ...Array.from({ length: 32 }, (_, i) => 0xfdd0 + i),
  ...Array.from({ length: 17 }, (_, plane) => [
    plane * 0x10000 + 0xfffe,
    plane * 0x10000 + 0xffff,
  ]).flat(),
].map((codePoint) => String.fromCodePoint(codePoint))
const every = noncharacters.join('')

const stored: PublicComment = {
  id: '0000000000000000000',
  article: 'hello',
  author: `पाठक\uFFFE`,
  content: `पहली\uFFFF पंक्ति\u{10FFFF}\n\uFDD0दूसरी`,
  created: '2025-01-01T00:00:00.000Z',
}

describe('Unicode noncharacters', () => {
  it('are all 66 dropped, and their neighbours kept', () => {
    assert.equal(noncharacters.length, 66)
    assert.equal(withoutNoncharacters(every), '')
    const neighbours = '\uFDCF\uFDF0\uFFFD\uFFFC\u{1FFFD}\u{10FFFD}😀'
    assert.equal(withoutNoncharacters(`${neighbours}${every}`), neighbours)
  })

  it('are dropped from every field of a new comment, which is taken, not refused', () => {
    const result = validateComment({
      author: `\uFFFEपाठक${every}`,
      email: 'reader@example.org',
      url: `https://example.org/${every}`,
      content: `टिप्पणी\uFFFF\n${every}दूसरी`,
    })
    assert.ok(result.ok, JSON.stringify(result))
    assert.deepEqual(result.input, {
      author: 'पाठक',
      email: 'reader@example.org',
      url: 'https://example.org/',
      content: 'टिप्पणी\nदूसरी',
    })
  })

  it('are dropped from what readers see of a comment stored before the rule', () => {
    assert.deepEqual(publicView(stored), {
      ...stored,
      author: 'पाठक',
      content: 'पहली पंक्ति\nदूसरी',
    })
  })
})
