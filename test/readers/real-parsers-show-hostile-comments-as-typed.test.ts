/**
 * Comments whose authors and texts hold what breaks feeds (`&amp;`, `]]>`, markup, quotes,
 * emoji, Devanagari), read by four parsers nobody on this project wrote
 * (test/support/real-parsers.ts): every comment-feed title, author and body must show
 * exactly what was typed, and the site feeds the exact Devanagari article title.
 * Run with `npm run test:readers`; .ci/run installs the Debian packages.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { startWorker } from '../harness/worker'
import { commentsPath, postApproved, validComment } from '../support/comments'
import { type ReadItem, realParsers } from '../support/real-parsers'
import { seed } from '../support/seed'

// `shows`: what readers see where comment Markdown changes the text (CommonMark
// decodes entity references, then the feed escapes them again); else as typed.
const hostile: Array<{ author: string; content: string; shows?: string; replyToFirst?: true }> = [
  {
    author: 'AT&T &amp; Co',
    content: 'text with ]]> and ]]]]> and &amp; &lt; in it',
    shows: 'text with ]]> and ]]]]> and & < in it',
  },
  // Names refuse < and > (markup_characters), so `]]>` can only come in the text.
  { author: 'पाठक ]] दो', content: '<script>alert(1)</script> ]]>', replyToFirst: true },
  {
    author: '&lt;script&gt;alert(1)&lt;/script&gt;',
    content: `"quotes" 'apostrophes' 👍 👩🏽‍💻\n\nदूसरा अनुच्छेद\nनई पंक्ति`,
  },
  { author: `"Quote" 'Apos' 👍 टिप्पणीकार`, content: 'देवनागरी & <b>नहीं</b> ]]>' },
]

const feeds = {
  'site RSS': '/feed.xml',
  'site Atom': '/atom.xml',
  'comment RSS': `${commentsPath}/feed.xml`,
  'comment Atom': `${commentsPath}/atom.xml`,
}
let dir: string
const fileOf = (name: keyof typeof feeds) => join(dir, name.replace(' ', '-'))

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'real-parsers-'))
  const worker = await startWorker()
  try {
    let first: string | undefined
    for (const { author, content, replyToFirst } of hostile) {
      const parent = replyToFirst ? { parent: first } : {}
      const id = await postApproved(worker, validComment({ author, content, ...parent }))
      first ??= id
    }
    for (const [name, path] of Object.entries(feeds))
      writeFileSync(fileOf(name as keyof typeof feeds), await (await worker.fetch(path)).text())
  } finally {
    await worker.stop()
  }
})
after(() => rmSync(dir, { recursive: true, force: true }))

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/**
 * The text a browser shows for a comment body (paragraphs and line breaks, see
 * commentHtml). Any other tag fails the test: hostile text must never come out as markup.
 */
function shownText(html: string): string {
  const tags = html.match(/<[^>]*>/g) ?? []
  for (const tag of tags)
    assert.match(tag, /^<(\/?p|br ?\/?)>$/, `markup in a comment body: ${html}`)
  return html
    .replace(/<\/p>\s*<p>/g, '\n\n')
    .replace(/<br ?\/?>/g, '\n')
    .replace(/<\/?p>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (_, name: string) => {
      if (name.startsWith('#'))
        return String.fromCodePoint(
          name[1] === 'x' || name[1] === 'X'
            ? Number.parseInt(name.slice(2), 16)
            : Number(name.slice(1)),
        )
      const char = entities[name]
      assert.ok(char, `unexpected entity &${name}; in ${html}`)
      return char
    })
}

const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title)
const expectedComments = hostile
  .map(({ author, content, shows }) => ({
    title: `${author}: ${seed.title}`,
    author,
    text: (shows ?? content).normalize('NFC'),
  }))
  .sort(byTitle)
const shown = (items: ReadItem[]) =>
  items.map((i) => ({ title: i.title, author: i.author, text: shownText(i.html) })).sort(byTitle)

for (const parser of realParsers) {
  describe(parser.name, () => {
    for (const name of ['site RSS', 'site Atom'] as const) {
      it(`shows the ${name} feed with the exact Devanagari article title`, async () => {
        const feed = await parser.read(fileOf(name))
        if (feed.title !== null) assert.equal(feed.title, 'एज समाचार')
        assert.equal(feed.items.length, 1)
        assert.equal(feed.items[0]?.title, seed.title)
      })
    }

    for (const name of ['comment RSS', 'comment Atom'] as const) {
      it(`shows every hostile comment of the ${name} feed as typed: title, author, body`, async () => {
        const feed = await parser.read(fileOf(name))
        assert.deepEqual(shown(feed.items), expectedComments)
      })
    }
  })
}
