/**
 * `npm start` runs this first. A fresh clone gets a .dev.vars (local secrets,
 * git-ignored) written from .dev.vars.example, with a new random ADMIN_TOKEN and
 * EDIT_SECRET, so the admin API and comment editing work locally without a
 * manual step. An existing .dev.vars is never changed: its secrets are only
 * checked, and a missing or weak one is warned of, as the Worker will.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { adminTokenBits, editSecretBits } from '../src/app/secret-minimums'
import { secretWeakness } from '../src/lib/secret-strength'
import { readDotenvValue } from './moderate-settings'

const secrets = { ADMIN_TOKEN: adminTokenBits, EDIT_SECRET: editSecretBits }
const generate = 'openssl rand -base64 32'

if (!existsSync('.dev.vars') && existsSync('.dev.vars.example')) {
  const example = readFileSync('.dev.vars.example', 'utf8')
  const filled = example.replace(/^(ADMIN_TOKEN|EDIT_SECRET)=$/gm, (_line, name: string) => {
    return `${name}=${randomBytes(32).toString('base64url')}`
  })
  writeFileSync('.dev.vars', filled, { mode: 0o600 })
  console.log('Created .dev.vars with a new random ADMIN_TOKEN and EDIT_SECRET.')
} else if (existsSync('.dev.vars')) {
  const devVars = readFileSync('.dev.vars', 'utf8')
  for (const [name, bits] of Object.entries(secrets)) {
    const value = readDotenvValue(devVars, name)
    const weakness = value ? secretWeakness(value, bits) : 'it is not set'
    if (!weakness) continue
    const effect =
      name === 'ADMIN_TOKEN' ? 'the admin API and /admin stay closed' : 'comment editing is off'
    console.warn(
      `Warning: ${name} in .dev.vars is not usable (${weakness}), so ${effect}. ` +
        `Set ${name}= to the output of: ${generate}`,
    )
  }
}
