/**
 * The last step of `npm run deploy`: asks the freshly deployed Worker to ping
 * the WebSub hub for every feed the deploy changed (POST /admin/websub/announce,
 * which compares each feed with what was last announced). It never fails the
 * deploy: whatever goes wrong, the every-minute Cron Trigger makes the same
 * comparison, and retries any ping the hub refused.
 *
 * Usage: tsx scripts/websub-announce.ts [--url https://news.example.org]
 * The site is --url, else SITE_URL, else SITE_URL in wrangler.toml's [vars]; the
 * token is ADMIN_TOKEN, else the one in .dev.vars, as for `npm run moderate`.
 */
import { readFileSync } from 'node:fs'
import { paths } from '../src/paths'
import type { Announcement } from '../src/websub/announce'
import { siteUrlFrom } from './content/static-assets'
import { resolveBaseUrl, resolveToken, SettingsError } from './moderate-settings'

const later = 'The Cron Trigger compares the feeds and pings the hub within a minute.'

/** What the Worker answers: the hub, or null when websub_hub is not set. */
type Answer = Announcement & { hub: string | null }

async function announce(): Promise<void> {
  const flag = process.argv.indexOf('--url')
  let baseUrl: string
  let token: string
  try {
    const site =
      flag >= 0
        ? process.argv[flag + 1]
        : siteUrlFrom(process.env, readFileSync('wrangler.toml', 'utf8'))
    baseUrl = resolveBaseUrl(site, process.env)
    token = resolveToken(process.env).token
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error
    console.warn(`WebSub: not announced now (${error.message}). ${later}`)
    return
  }
  let response: Response
  try {
    response = await fetch(baseUrl + paths.websubAnnounce, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      // A full run is at most 40 pings within about 35 seconds.
      signal: AbortSignal.timeout(60_000),
    })
  } catch (error) {
    console.warn(`WebSub: ${baseUrl} could not be reached (${String(error)}). ${later}`)
    return
  }
  if (!response.ok) {
    console.warn(`WebSub: ${baseUrl} answered ${response.status}. ${later}`)
    return
  }
  const answer = (await response.json()) as Answer
  if (answer.hub === null) {
    console.log('WebSub: no hub is set (websub_hub in content/site.yaml); nothing to announce.')
    return
  }
  if (answer.firstRun) console.log(`WebSub: first run; every feed recorded, nothing announced.`)
  for (const topic of answer.pinged) console.log(`WebSub: ${answer.hub} notified of ${topic}`)
  for (const topic of answer.failed) {
    console.warn(`WebSub: the hub did not take ${topic}; it is retried at the next cron run.`)
  }
  if (answer.deferred.length > 0) {
    console.log(`WebSub: ${answer.deferred.length} more feeds are announced by the next cron runs.`)
  }
  const told = answer.pinged.length + answer.failed.length + answer.deferred.length
  if (!answer.firstRun && told === 0) console.log('WebSub: no feed changed.')
}

try {
  await announce()
} catch (error) {
  // Even an answer that is not the expected JSON must not fail a deploy that is done.
  console.warn(`WebSub: not announced (${String(error)}). ${later}`)
}
