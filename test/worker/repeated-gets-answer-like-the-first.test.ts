import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { getRoutes } from '../harness/routes'
import { startWorker, type TestWorker } from '../harness/worker'

let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

const comparable = (response: Response) => {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    if (name !== 'date') headers[name] = value
  })
  return headers
}

// The second GET of a URL is answered from the isolate's hot answers, before routing.
describe('a repeated GET', () => {
  for (const path of [...getRoutes, '/site.css', '/robots.txt']) {
    it(`of ${path} has the first answer's bytes and every one of its headers`, async () => {
      const first = await worker.fetch(path)
      const firstBody = await first.text()
      const second = await worker.fetch(path)
      assert.equal(second.status, 200)
      assert.deepEqual(comparable(second), comparable(first))
      assert.equal(await second.text(), firstBody)
      const revalidated = await worker.fetch(path, {
        headers: { 'if-none-match': first.headers.get('etag') ?? '' },
      })
      assert.equal(revalidated.status, 304)
      assert.equal(
        revalidated.headers.get('access-control-allow-origin'),
        first.headers.get('access-control-allow-origin'),
      )
    })
  }
})
