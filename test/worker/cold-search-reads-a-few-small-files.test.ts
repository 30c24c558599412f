import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { before, describe, it } from 'node:test'
import { generateArticles } from '../../scripts/generate-articles'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { testSiteSettings } from '../harness/test-site'
import { startWorker } from '../harness/worker'

// Issue 23/24: a search on a fresh isolate reads one index file per term and the
// list chunks of its page's ten hits, however large the archive.
const articleCount = 3000
let bundle: string

before(() => {
  const content = mkdtempSync(join(tmpdir(), 'cold-search-'))
  generateArticles(content, articleCount, { words: [150, 400], siteFile: testSiteSettings })
  bundle = buildFixtureBundle(content)
})

describe(`a cold search at ${articleCount} generated articles`, () => {
  for (const q of ['सोरा', 'कलाकारों विरोध', 'openai']) {
    it(`answers /search?q=${q} reading its terms' index files and at most ten list chunks`, async () => {
      const worker = await startWorker({ scriptPath: bundle, countAssets: true })
      try {
        const response = await worker.fetch(`/search?q=${encodeURIComponent(q)}`)
        assert.equal(response.status, 200)
        await response.arrayBuffer()
        const reads = worker.takeAssetReads()
        const index = reads.filter((read) => read.path.includes('/search/'))
        const other = reads.filter((read) => !read.path.includes('/search/'))
        const bytes = reads.reduce((sum, read) => sum + read.bytes, 0)
        console.log(
          `${q}: ${reads.length} files, ${bytes} bytes (index ${index.map((r) => r.bytes).join('+')})`,
        )
        assert.ok(index.length <= q.split(' ').length, `${index.length} index files`)
        assert.ok(other.every((read) => /\/list\/\d+\.json$/.test(read.path)) && other.length <= 10)
        assert.ok(bytes <= 400_000, `${bytes} bytes read`)
      } finally {
        await worker.stop()
      }
    })
  }
})
