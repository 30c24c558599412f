import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { it } from 'node:test'
import { unstable_readConfig } from 'wrangler'

// npm appends `npm start -- --port 8788` to the script's command: a --port in
// the script too made wrangler refuse it. The default lives in wrangler.toml.
it('npm start takes --port from its caller, and serves on 8787 without one', () => {
  const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>
  assert.match(scripts.start ?? '', /\bwrangler dev\b/)
  assert.doesNotMatch(scripts.start ?? '', /--port\b|--ip\b/)
  assert.equal(unstable_readConfig({ config: 'wrangler.toml' }).dev.port, 8787)
})
