import { feedUrls } from '../feeds/formats'
import { changedFolders } from './fingerprints'
import { type HubFetch, publishPing } from './hub'
import type { WebSubState } from './store'

/**
 * Pings one run sends at most: a Worker invocation may make 50 subrequests on
 * the free plan, and a run also reads KV and an asset. The rest wait for the
 * next run.
 */
export const pingsPerRun = 40

/**
 * No ping is started this long after the run began, so a slow hub cannot keep a
 * run going into the next minute's; the rest wait for the next run.
 */
export const runBudgetMs = 30_000

/** What one run of the announcer did; every list holds feed URLs. */
export interface Announcement {
  /** The hub took these. */
  pinged: string[]
  /** The hub refused these or could not be reached; they are tried on the next run. */
  failed: string[]
  /** Not tried in this run (past pingsPerRun or runBudgetMs); tried on the next run. */
  deferred: string[]
  /** There was no state yet: every feed was recorded and nothing was pinged. */
  firstRun: boolean
}

/** Where the announcer keeps its state (WebSubStore over KV, or a fake in tests). */
export interface StateStore {
  load(): Promise<WebSubState | undefined>
  save(state: WebSubState): Promise<void>
}

/** Everything one run needs, passed in so that cron, the deploy's call and tests run the same code. */
export interface AnnounceInput {
  hub: string
  /** The canonical origin: the topics are the feeds' addresses there. */
  siteUrl: string
  /** What every feed says now (effectiveDigests). */
  digests: Readonly<Record<string, string>>
  store: StateStore
  fetch: HubFetch
  /** Milliseconds, for runBudgetMs. */
  clock?: () => number
}

/**
 * Notifies the hub of every feed of articles (the site's and each tag's, every
 * format) that says something else than when it was last announced, after a
 * deploy or when a scheduled article came out, and retries the pings that
 * failed or were left over before. The first run only records what every feed
 * says: there is nothing to compare with. Each ping is logged; a failed one is
 * kept until the hub takes it. The state is written only when it changed, as
 * KV writes are counted and this runs every minute.
 */
export async function announceChanges(input: AnnounceInput): Promise<Announcement> {
  const { hub, store } = input
  const clock = input.clock ?? Date.now
  const digests = sortedByKey(input.digests)
  const before = await store.load()
  if (!before) {
    await store.save({ digests, pending: [] })
    log('websub_first_run', { hub, feeds: Object.keys(digests).length })
    return { pinged: [], failed: [], deferred: [], firstRun: true }
  }
  const changed = changedFolders(before.digests, digests).flatMap((folder) =>
    Object.values(feedUrls(input.siteUrl + folder)),
  )
  // Earlier failures first: they have waited longest.
  const topics = [...new Set([...before.pending, ...changed])]
  const started = clock()
  const pinged: string[] = []
  const failed: string[] = []
  const deferred: string[] = []
  for (const topic of topics) {
    if (pinged.length + failed.length >= pingsPerRun || clock() - started >= runBudgetMs) {
      deferred.push(topic)
      continue
    }
    const failure = await publishPing(hub, topic, input.fetch)
    if (failure === undefined) {
      pinged.push(topic)
      log('websub_ping', { hub, topic })
    } else {
      failed.push(topic)
      console.error(JSON.stringify({ event: 'websub_ping_failed', hub, topic, reason: failure }))
    }
  }
  if (deferred.length > 0) log('websub_pings_deferred', { hub, count: deferred.length })
  const after: WebSubState = {
    digests,
    pending: topics.filter((topic) => !pinged.includes(topic)),
  }
  const beforeText = JSON.stringify({
    digests: sortedByKey(before.digests),
    pending: before.pending,
  })
  if (JSON.stringify(after) !== beforeText) await store.save(after)
  return { pinged, failed, deferred, firstRun: false }
}

/** The same digests with their keys in one order, so equal states serialise equally. */
function sortedByKey(digests: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(digests).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  )
}

function log(event: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ event, ...fields }))
}
