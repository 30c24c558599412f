import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { before, describe, it } from 'node:test'
import { generateArticles, syntheticArticle, syntheticTags } from '../../scripts/generate-articles'
import { paths } from '../../src/paths'
import type { AssetRead } from '../harness/asset-reads'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { testSiteSettings } from '../harness/test-site'
import { startWorker } from '../harness/worker'

// Issue 24: on a fresh isolate a route reads the archive through ASSETS, and
// what it reads is its CPU. These routes must cost a few files of about the
// answer's own size, however many articles the archive holds.
const articleCount = 3000
const tag = syntheticTags[0] ?? ''
const words: [number, number] = [150, 400]
const newest = syntheticArticle(1, { words }).slug
let bundle: string

before(() => {
  const content = mkdtempSync(join(tmpdir(), 'cold-reads-'))
  generateArticles(content, articleCount, { words, siteFile: testSiteSettings })
  bundle = buildFixtureBundle(content)
})

/** The reads of one GET of `path` on a fresh Worker, and the bytes it answered. */
async function coldRead(path: string): Promise<{ reads: AssetRead[]; answered: number }> {
  const worker = await startWorker({ scriptPath: bundle, countAssets: true })
  try {
    const response = await worker.fetch(path)
    assert.equal(response.status, 200, path)
    const answered = (await response.arrayBuffer()).byteLength
    return { reads: worker.takeAssetReads(), answered }
  } finally {
    await worker.stop()
  }
}

const show = (reads: readonly AssetRead[]) =>
  reads.map((read) => `${read.path} (${read.bytes} B)`).join(', ')

describe(`a fresh isolate at ${articleCount} generated articles`, () => {
  const routes = [
    // Its list's newest file: the feed's own articles.
    { path: '/feed.xml', files: 1, answers: 1 },
    { path: '/atom.xml', files: 1, answers: 1 },
    { path: '/feed.json', files: 1, answers: 1 },
    // A tag's head (its size and schedule), then its newest file.
    { path: `${paths.tagFeeds(tag)}feed.xml`, files: 2, answers: 1 },
    // The article's shard (at most a few articles hash to one below 8,192), and
    // its section's head, whose last few cards "More in this section" shows.
    { path: paths.article(newest), files: 2, answers: 3 },
  ]
  for (const { path, files, answers } of routes) {
    it(`answers ${decodeURI(path)} cold reading ${files} small file(s) through ASSETS`, async () => {
      const { reads, answered } = await coldRead(path)
      assert.ok(reads.length <= files, `${reads.length} files: ${show(reads)}`)
      const bytes = reads.reduce((sum, read) => sum + read.bytes, 0)
      // The old layout read 20 to 40 shards of 16 articles for a feed: many times its answer.
      assert.ok(
        bytes <= answers * answered,
        `${bytes} bytes read for ${answered} answered: ${show(reads)}`,
      )
    })
  }

  it('answers the home and tag pages cold from one or two chunks of their list', async () => {
    for (const path of [paths.home, paths.tag(tag)]) {
      const { reads } = await coldRead(path)
      const chunks = reads.filter((read) => /\/\d+\.json$/.test(read.path))
      assert.ok(chunks.length <= 2 && reads.length <= 3, `${path}: ${show(reads)}`)
      assert.ok(
        reads.every(
          (read) => !read.path.includes('/articles/') && !read.path.endsWith('/newest.json'),
        ),
        `${path} reads no bodies: ${show(reads)}`,
      )
    }
  })
})
