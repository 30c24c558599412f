import assert from 'node:assert/strict'
import { it } from 'node:test'
import { unstable_getMiniflareWorkerOptions } from 'wrangler'
import { rateLimits } from '../../src/app/rate-limits'

it('declares each rate limiter with the limit and period wrangler.toml gives it', () => {
  const { workerOptions } = unstable_getMiniflareWorkerOptions('wrangler.toml')
  const declared = workerOptions.ratelimits ?? {}
  for (const [name, { limit, period }] of Object.entries(rateLimits)) {
    assert.deepEqual(declared[name]?.simple, { limit, period }, name)
  }
  assert.deepEqual(Object.keys(declared).sort(), Object.keys(rateLimits).sort())
})
