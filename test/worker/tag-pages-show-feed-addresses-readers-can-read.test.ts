import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { startWorker, type TestWorker } from '../harness/worker'

// A Hindi reader copies the address from the Subscribe block: it shows the
// tag as written, while the links stay percent-encoded as URLs must be.
let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

it("a tag page's Subscribe block shows each feed's address decoded and links it encoded", async () => {
  const tag = 'ओपनएआई'
  const encoded = encodeURIComponent(tag)
  const page = await (await worker.fetch(`/tags/${encoded}`)).text()
  for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
    const shown = `${worker.origin}/tags/${tag}/${file}`
    assert.ok(page.includes(`<code>${shown}</code>`), `${shown} shown in:\n${page}`)
    assert.ok(page.includes(`href="${worker.origin}/tags/${encoded}/${file}"`), `${file} linked`)
    assert.ok(!page.includes(`<code>${worker.origin}/tags/${encoded}/${file}</code>`))
  }
})
