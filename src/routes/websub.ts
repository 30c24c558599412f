import { type AppEnv, config } from '../app/context'
import { Hono } from '../app/hono'
import { cacheControl } from '../http/cache-control'
import { problem, problemResponse } from '../http/problem'
import { adminAuth } from '../middleware/admin-auth'
import { paths } from '../paths'
import type { Announcement } from '../websub/announce'
import { announceFromWorker } from '../websub/worker-run'

/** The deploy script's way to announce a new deploy at once rather than at the next cron run. */
export const websubAnnounce = new Hono<AppEnv>()

websubAnnounce.post(paths.websubAnnounce, adminAuth, async (c) => {
  let announcement: Announcement | undefined
  try {
    announcement = await announceFromWorker(c.env)
  } catch {
    // Already logged; the every-minute cron makes the same comparison.
    return problemResponse(
      problem(503, 'The WebSub state cannot be read right now; the cron tries again.', {
        retryAfter: 60,
      }),
    )
  }
  const nothing = { pinged: [], failed: [], deferred: [], firstRun: false }
  const hub = config(c).site.websubHub ?? null
  return c.json({ hub, ...(announcement ?? nothing) }, 200, { 'cache-control': cacheControl.none })
})
