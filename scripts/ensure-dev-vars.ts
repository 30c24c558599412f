/**
 * `npm start` runs this first: a fresh clone gets a .dev.vars (local secrets,
 * git-ignored) copied from .dev.vars.example, so the admin API works locally
 * without a manual step. An existing .dev.vars is never touched.
 */
import { copyFileSync, existsSync } from 'node:fs'

if (!existsSync('.dev.vars') && existsSync('.dev.vars.example')) {
  copyFileSync('.dev.vars.example', '.dev.vars')
  console.log(
    'Created .dev.vars from .dev.vars.example (local ADMIN_TOKEN for the moderation API).',
  )
}
