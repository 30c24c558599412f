import assert from 'node:assert/strict'
import { it } from 'node:test'
import { unstable_readConfig } from 'wrangler'
import { rateLimits } from '../../src/app/rate-limits'

it('declares each rate limiter with the limit and period wrangler.toml gives it', () => {
  // The configuration as written: this fast layer runs before any build has made the assets.
  const declared = unstable_readConfig({ config: 'wrangler.toml' }).ratelimits
  for (const [name, { limit, period }] of Object.entries(rateLimits)) {
    const limiter = declared.find((d: { name: string }) => d.name === name)
    assert.deepEqual(limiter?.simple, { limit, period }, name)
  }
  assert.deepEqual(
    declared.map((d: { name: string }) => d.name).sort(),
    Object.keys(rateLimits).sort(),
  )
})
