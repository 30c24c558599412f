import assert from 'node:assert/strict'
import { it } from 'node:test'
import { unstable_readConfig } from 'wrangler'
import { cronTriggers } from '../../src/app/cron-triggers'

it('gives scheduled() exactly the cron strings wrangler.toml declares', () => {
  const declared = unstable_readConfig({ config: 'wrangler.toml' }).triggers.crons ?? []
  assert.deepEqual([...declared].sort(), Object.values(cronTriggers).sort())
})
