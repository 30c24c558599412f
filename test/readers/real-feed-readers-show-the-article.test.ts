/**
 * Feeds as real feed readers see them: newsboat (a terminal feed reader) and
 * Python's Universal Feed Parser, both from Debian (`apt-get install -y newsboat
 * python3-feedparser`; .ci/run installs them). Run with `npm run test:readers`.
 * Neither reads JSON Feed in these Debian versions; the JSON Feed 1.1 schema and
 * feedsmith check that one in `npm test`.
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { startWorker, type TestWorker } from '../harness/worker'
import { commentsPath, postApproved, validComment } from '../support/comments'
import { seed } from '../support/seed'

const python = '/usr/bin/python3'
const hostile = 'टिप्पणी <script>x</script> ]]> & "quotes" 👍'
let worker: TestWorker
let home: string

before(async () => {
  worker = await startWorker()
  home = mkdtempSync(join(tmpdir(), 'readers-'))
  await postApproved(worker, validComment({ author: 'पाठक ]]', content: hostile }))
})
after(async () => {
  await worker.stop()
  rmSync(home, { recursive: true, force: true })
})

interface NewsboatItem {
  feed: string
  title: string
  author: string
  published: number
  content: string
}

/** Lets newsboat fetch one feed into a fresh cache and returns the items it stored. */
function newsboatRead(path: string): { feedTitle: string; items: NewsboatItem[] } {
  const dir = mkdtempSync(join(home, 'newsboat-'))
  writeFileSync(join(dir, 'urls'), `${worker.origin}${path}\n`)
  writeFileSync(join(dir, 'config'), '')
  const cache = join(dir, 'cache.db')
  execFileSync(
    'newsboat',
    ['-u', join(dir, 'urls'), '-c', cache, '-C', join(dir, 'config'), '-x', 'reload'],
    {
      env: { ...process.env, HOME: dir },
      stdio: 'pipe',
    },
  )
  const script = `import sqlite3, json, sys
c = sqlite3.connect(sys.argv[1])
feeds = c.execute('select title from rss_feed').fetchall()
items = c.execute('select feedurl, title, author, pubDate, content from rss_item').fetchall()
print(json.dumps({'feedTitle': feeds[0][0] if feeds else None, 'items': [dict(zip(['feed','title','author','published','content'], i)) for i in items]}))`
  return JSON.parse(execFileSync(python, ['-c', script, cache], { encoding: 'utf8' }))
}

interface ParsedFeed {
  bozo: boolean
  version: string
  title: string
  language?: string
  entries: Array<{ title: string; author?: string; summary?: string; published?: string }>
}

/** Parses one feed with Python's feedparser; `bozo` is true for anything ill-formed. */
function feedparserRead(path: string): ParsedFeed {
  const script = `import feedparser, json, sys
d = feedparser.parse(sys.argv[1])
print(json.dumps({'bozo': bool(d.bozo), 'version': d.version, 'title': d.feed.get('title'), 'language': d.feed.get('language'),
  'entries': [{'title': e.get('title'), 'author': e.get('author'), 'summary': e.get('summary'), 'published': e.get('published')} for e in d.entries]}))`
  return JSON.parse(
    execFileSync(python, ['-c', script, worker.origin + path], { encoding: 'utf8' }),
  )
}

describe('newsboat', () => {
  for (const path of ['/feed.xml', '/atom.xml']) {
    it(`shows the article from ${path} with its exact title, author and date`, () => {
      const { feedTitle, items } = newsboatRead(path)
      assert.equal(feedTitle, 'एज समाचार')
      assert.equal(items.length, 1)
      assert.equal(items[0]?.title, seed.title)
      assert.equal(items[0]?.author, 'फ़र्स्टपोस्ट')
      assert.equal(items[0]?.published, Date.parse('2024-11-27T12:00:00Z') / 1000)
      assert.ok(items[0]?.content.includes(seed.headings[0] as string))
    })
  }

  for (const file of ['feed.xml', 'atom.xml']) {
    it(`shows a hostile comment from the ${file} comment feed as text`, () => {
      const { items } = newsboatRead(`${commentsPath}/${file}`)
      assert.equal(items.length, 1)
      assert.equal(items[0]?.title, `पाठक ]]: ${seed.title}`)
      assert.equal(items[0]?.author, 'पाठक ]]')
      assert.ok(items[0]?.content.includes('&lt;script&gt;'), items[0]?.content)
    })
  }
})

describe('Universal Feed Parser', () => {
  for (const [path, version] of [
    ['/feed.xml', 'rss20'],
    ['/atom.xml', 'atom10'],
  ] as const) {
    it(`reads ${path} as ${version} without errors, title and summary exact`, () => {
      const feed = feedparserRead(path)
      assert.equal(feed.bozo, false)
      assert.equal(feed.version, version)
      assert.equal(feed.title, 'एज समाचार')
      assert.equal(feed.entries[0]?.title, seed.title)
      assert.equal(feed.entries[0]?.summary, seed.summary)
    })
  }

  for (const file of ['feed.xml', 'atom.xml']) {
    it(`reads the ${file} comment feed with hostile text without errors, title exact`, () => {
      const feed = feedparserRead(`${commentsPath}/${file}`)
      assert.equal(feed.bozo, false)
      assert.equal(feed.entries.length, 1)
      assert.equal(feed.entries[0]?.title, `पाठक ]]: ${seed.title}`)
      assert.equal(feed.entries[0]?.author, 'पाठक ]]')
    })
  }
})

describe('a tag feed', () => {
  // The seed article's Devanagari tag, percent-encoded as every link writes it.
  const folder = `/tags/${encodeURIComponent('सोरा')}/`
  for (const [file, version] of [
    ['feed.xml', 'rss20'],
    ['atom.xml', 'atom10'],
  ] as const) {
    it(`is read from ${file} by newsboat and by the Universal Feed Parser without errors`, () => {
      const { feedTitle, items } = newsboatRead(folder + file)
      assert.equal(feedTitle, 'एज समाचार: सोरा')
      assert.equal(items[0]?.title, seed.title)
      const feed = feedparserRead(folder + file)
      assert.equal(feed.bozo, false)
      assert.equal(feed.version, version)
      assert.equal(feed.entries[0]?.title, seed.title)
    })
  }
})
