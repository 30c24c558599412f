import assert from 'node:assert/strict'
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { dataFiles } from '../../src/content/data-files'
import { testSiteBundle } from '../harness/test-site'
import { startWorker, type TestWorker } from '../harness/worker'

// The real assets and wrangler.toml in front of a Worker that only says it ran:
// whatever it answers went through the Worker, anything else did not.
const workerRan = 'the Worker ran'
let root: string
let worker: TestWorker

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'static-files-'))
  cpSync('wrangler.toml', join(root, 'wrangler.toml'))
  mkdirSync(join(root, 'src'))
  // The test site's assets, as its build wrote them.
  const built = dirname(dirname(testSiteBundle()))
  symlinkSync(join(built, 'src', 'generated'), join(root, 'src', 'generated'), 'dir')
  mkdirSync(join(root, 'dist'))
  writeFileSync(
    join(root, 'dist', 'index.js'),
    `export default { fetch: () => new Response(${JSON.stringify(workerRan)}, { status: 500 }) }\n`,
  )
  worker = await startWorker({ scriptPath: join(root, 'dist', 'index.js') })
})
after(async () => {
  await worker.stop()
  rmSync(root, { recursive: true, force: true })
})

describe('static files', () => {
  for (const [path, type] of [
    ['/site.css', /^text\/css/],
    ['/favicon.svg', /^image\/svg\+xml/],
    ['/robots.txt', /^text\/plain/],
  ] as const) {
    it(`${path} is answered from the assets without running the Worker`, async () => {
      const response = await worker.fetch(path)
      assert.equal(response.status, 200)
      assert.match(response.headers.get('content-type') ?? '', type)
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff')
      assert.notEqual(await response.text(), workerRan)
    })
  }

  it('the Worker runs first for pages, feeds and the sitemap', async () => {
    for (const path of ['/', '/feed.xml', '/sitemap.xml', '/articles/x']) {
      assert.equal(await (await worker.fetch(path)).text(), workerRan, path)
    }
  })

  it('the Worker runs first for its data files, so no URL reaches them', async () => {
    for (const path of [
      dataFiles.siteList(0),
      dataFiles.feedDigests,
      dataFiles.shard(0),
      dataFiles.sitemap,
    ]) {
      assert.equal(await (await worker.fetch(path)).text(), workerRan, path)
    }
  })
})
