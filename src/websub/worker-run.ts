import { configFrom } from '../app/config'
import { feedDigests, schedule, site } from '../content/index'
import { type Announcement, announceChanges } from './announce'
import { effectiveDigests } from './fingerprints'
import { WebSubStore } from './store'

/**
 * One run of the announcer with the Worker's bindings and clock: from the
 * every-minute Cron Trigger (scheduled articles coming out, retries) and from
 * POST /admin/websub/announce (the deploy script, for a new deploy's changes).
 * Undefined when no hub is set: then nothing is read, not even KV. Throws when
 * KV or the digests asset cannot be read; nothing was pinged or forgotten then,
 * and the next run compares again.
 */
export async function announceFromWorker(env: Env): Promise<Announcement | undefined> {
  const hub = site.websubHub
  if (!hub) return undefined
  try {
    const built = await feedDigests(env.ASSETS)
    return await announceChanges({
      hub,
      siteUrl: configFrom(env).siteUrl,
      digests: effectiveDigests(built, schedule, Date.now()),
      store: new WebSubStore(env.COMMENTS),
      // Wrapped: workerd refuses fetch called as a method of another object.
      fetch: (url, init) => fetch(url, init),
    })
  } catch (error) {
    console.error(JSON.stringify({ event: 'websub_run_failed', error: String(error) }))
    throw error
  }
}
