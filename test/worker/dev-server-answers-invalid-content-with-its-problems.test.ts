import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { startWorker, type TestWorker } from '../harness/worker'
import { articleFile, contentFolder } from '../support/content-folder'

// What `npm start` serves after a save that broke an article: wrangler dev runs
// the content build (CONTENT_INCLUDE_DRAFTS=1) and reloads the bundle it made.
let worker: TestWorker
const problem =
  'content/articles/broken.md:4: "published" must be an ISO 8601 date with offset, got "yesterday"'

before(async () => {
  const content = contentFolder([
    { slug: 'fine', published: '2024-11-27T12:00:00+05:30' },
    { slug: 'broken', published: '2024-11-28T12:00:00+05:30' },
  ])
  writeFileSync(
    join(content, 'articles', 'broken.md'),
    articleFile({ slug: 'broken', published: 'yesterday' }),
  )
  worker = await startWorker({
    scriptPath: buildFixtureBundle(content, { CONTENT_INCLUDE_DRAFTS: '1' }),
  })
})
after(() => worker.stop())

describe('the dev server, while the content is invalid', () => {
  for (const path of ['/', '/articles/fine', '/articles/broken', '/tags/x', '/admin']) {
    it(`answers ${path} with a page naming the file, the line and the fix`, async () => {
      const response = await worker.fetch(path, { headers: { accept: 'text/html' } })
      assert.equal(response.status, 503)
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8')
      assert.equal(response.headers.get('cache-control'), 'no-store')
      const page = await response.text()
      assert.match(page, /<h1>The content does not build<\/h1>/)
      assert.ok(page.includes(`<code>${problem.replaceAll('"', '&quot;')}</code>`), page)
    })
  }

  it('answers feeds and API clients with the problems as problem JSON', async () => {
    for (const path of ['/feed.xml', '/feed.json', '/articles/fine/comments']) {
      const response = await worker.fetch(path)
      assert.equal(response.status, 503, path)
      assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8')
      const body = (await response.json()) as { errors: Array<{ message: string }> }
      assert.deepEqual(
        body.errors.map((error) => error.message),
        [problem],
      )
    }
  })
})

describe('a build that may be deployed, with the same content', () => {
  it('fails', () => {
    const content = contentFolder([{ slug: 'broken', published: '2024-11-28T12:00:00+05:30' }])
    writeFileSync(
      join(content, 'articles', 'broken.md'),
      articleFile({ slug: 'broken', published: 'yesterday' }),
    )
    assert.throws(
      () => buildFixtureBundle(content),
      /fixture build failed \(1\)[\s\S]*broken\.md:4/,
    )
  })
})
