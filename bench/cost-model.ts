/**
 * What a site would cost on Cloudflare, from the bench's counts per request:
 * operations a day and dollars a month on the Workers Free and Paid plans.
 * Pure: the figures come in, nothing is measured here. Prices, limits and the
 * three sites are Cloudflare's published figures and the model of issue 24, as
 * gathered with their pages in bench/RESULTS.md.
 */
import { memoWindows } from '../src/comments/store/memo-windows'
import { addedBytesKept } from '../src/comments/store/views'
import { sharedRenderSeconds } from '../src/http/shared-renders'

/** KV calls as Cloudflare bills them: reads per key, the rest per call. */
export interface BilledKv {
  reads: number
  writes: number
  lists: number
  deletes: number
}

/** One kind of request: its KV calls and CPU, on a cold isolate and a warm one. */
export interface RequestFigures {
  cold: BilledKv
  warm: BilledKv
  coldCpuMs: number
  /**
   * CPU of a cold isolate's request whose render its data centre already
   * holds (src/http/shared-renders.ts); the cold figure where none is shared.
   */
  sharedColdCpuMs: number
  warmCpuMs: number
}

/** The request kinds the model prices; each must be measured. */
export type RequestKind =
  | 'home'
  | 'article'
  | 'tag'
  | 'siteFeed'
  | 'tagFeed'
  | 'authorFeed'
  | 'search'
  | 'commentFeed'
  | 'commentsJson'
  | 'siteCommentFeed'
  | 'post'
  | 'preview'
  | 'edit'
  | 'bulkModerate25'
  | 'bulkModerateExtraArticle'
  | 'backupListingPer100'
  | 'backupReadsPerChanged'

export type Measured = Record<RequestKind, RequestFigures>

/** A site's traffic a day (issue 24). */
export interface Site {
  name: string
  pageViews: number
  feedPolls: number
  comments: number
  articlesRead: number
}

export const sites: readonly Site[] = [
  { name: 'blog', pageViews: 1_000, feedPolls: 20_000, comments: 10, articlesRead: 50 },
  {
    name: 'regional',
    pageViews: 200_000,
    feedPolls: 1_000_000,
    comments: 500,
    articlesRead: 2_000,
  },
  {
    name: 'national',
    pageViews: 5_000_000,
    feedPolls: 20_000_000,
    comments: 10_000,
    articlesRead: 10_000,
  },
]

/** What the model assumes beyond the measured figures; stated beside the table. */
export interface Assumptions {
  isolates: number
  /**
   * Data centres the isolates run in. What readers see of comments is read from
   * KV once per data centre and window (src/comments/store/data-centre-cache.ts,
   * the Cache API being per data centre); CPU stays counted per isolate.
   */
  dataCentres: number
  /** How long an isolate lives: its first request to each URL in that time is cold (CPU). */
  isolateMinutes: number
  /**
   * How long an isolate, and its data centre, keep what they read from KV
   * (src/comments/store/memo-windows.ts): KV is read again after it. An
   * article's view is kept `views` or until it changes.
   */
  memoSeconds: { counts: number; comments: number; views: number }
  /** Tags readers visit, evenly. */
  tags: number
  /** Authors whose feeds are polled, evenly. */
  authors: number
  /** Distinct searches a day, evenly (each its own URL). */
  searches: number
  /** Share of feed polls that are site feeds. */
  siteFeedShare: number
  /** Share of feed polls that are author feeds; the rest are tag feeds. */
  authorFeedShare: number
  /** Days of comments the nightly backup holds. */
  storedDays: number
  /**
   * How often an article comes out: the home, tag and author pages and the
   * feeds list the visible articles, so their renders change then.
   */
  publishedEverySeconds: number
  /**
   * UTF-8 bytes a comment takes in `v1:view-versions`' additions (its public view):
   * with `addedBytesKept` this says how much of a batch's approvals it carries.
   */
  addedCommentBytes: number
  /**
   * Whether the site's, tags' and authors' feeds are static assets (site.yaml
   * `feeds: static`): their polls then never run the Worker, so they cost no
   * request, CPU or KV; Cloudflare serves static assets free and without limit.
   */
  staticFeeds: boolean
}

export const defaultAssumptions: Omit<Assumptions, 'isolates' | 'dataCentres'> = {
  isolateMinutes: 5,
  memoSeconds: {
    counts: memoWindows.countsMs / 1000,
    comments: memoWindows.commentsMs / 1000,
    views: memoWindows.viewsMs / 1000,
  },
  tags: 10,
  authors: 4,
  searches: 100,
  siteFeedShare: 0.8,
  authorFeedShare: 0.1,
  storedDays: 365,
  publishedEverySeconds: 3_600,
  // A comment of about 300 Devanagari letters (3 bytes each), its author, id and time.
  addedCommentBytes: 1_100,
  staticFeeds: false,
}

/** Shares of issue 24 / EDGE.md. */
const share = {
  article: 0.75,
  // Searches come out of the home page's 15 %.
  home: 0.13,
  search: 0.02,
  tag: 0.1,
  feeds: 0.98,
  commentReads: 0.02,
  previewed: 0.2,
  edited: 0.05,
  batch: 25,
}

/** Daily totals. */
export interface Daily extends BilledKv {
  /** Requests that run the Worker. */
  requests: number
  /** Requests answered as static assets, never running the Worker: free. */
  staticRequests: number
  cpuMs: number
  /** KV operations of the nightly backup, all its steps (billed: a key read is a read). */
  backupOperations: number
  /** Requests whose CPU exceeds the free plan's limit per request (they would fail there). */
  overFreeCpu: number
}

const secondsPerDay = 86_400

/**
 * Requests of a URL asked `perDay` times that find it cold: per place (an
 * isolate, a data centre) and window, the first request is (the chance of at
 * least one, Poisson).
 */
export function coldPerDay(perDay: number, places: number, windowSeconds: number): number {
  const windows = (places * secondsPerDay) / windowSeconds
  return windows * (1 - Math.exp(-perDay / windows))
}

/** Zipf (s = 1) weights of `n` items, summing to 1. */
export function zipf(n: number): number[] {
  const raw = Array.from({ length: n }, (_, i) => 1 / (i + 1))
  const total = raw.reduce((a, b) => a + b, 0)
  return raw.map((w) => w / total)
}

const zero = (): Daily => ({
  requests: 0,
  staticRequests: 0,
  cpuMs: 0,
  reads: 0,
  writes: 0,
  lists: 0,
  deletes: 0,
  backupOperations: 0,
  overFreeCpu: 0,
})

/**
 * The article feeds: those that read the comment counts, and those `feeds: static`
 * writes as files (scripts/content/static-feeds.ts); comment feeds stay the Worker's.
 */
export const articleFeedKinds: readonly RequestKind[] = ['siteFeed', 'tagFeed', 'authorFeed']

/**
 * Kinds whose KV reads are one key for all their URLs, memoised once
 * (src/comments/store/public-comments.ts): `v1:counts` for the site, tag and
 * author feeds, `v1:recent` for the site comment feed. The other kinds read a
 * key per URL (an article's view) or none.
 */
const sharedKeys: Array<{ kinds: RequestKind[]; window: keyof Assumptions['memoSeconds'] }> = [
  { kinds: [...articleFeedKinds], window: 'counts' },
  { kinds: ['siteCommentFeed'], window: 'comments' },
]

/**
 * How long a data centre keeps an article's view (src/comments/store/public-comments.ts)
 * when it changes `changesPerDay` times: until the next change, at most `memoSeconds.views`.
 */
function viewEpochSeconds(changesPerDay: number, assumptions: Assumptions): number {
  const kept = assumptions.memoSeconds.views
  return changesPerDay > 0 ? Math.min(kept, secondsPerDay / changesPerDay) : kept
}

/**
 * Changes a day of the view of an article drawing `weight` of the comments:
 * the view updater rewrites a view once per moderation batch that holds any of
 * its comments, so a batch of 25 changes it at most once.
 */
function viewChangesPerDay(site: Site, weight: number): number {
  return (site.comments / share.batch) * (1 - (1 - weight) ** share.batch)
}

/**
 * How `v1:view-versions` carries a batch's approvals: until the next batch rewrites
 * it (batches spread evenly over the day), and the share of the batch's
 * articles whose additions fit in `addedBytesKept`.
 */
function carriedAdditions(site: Site, assumptions: Assumptions) {
  const batches = site.comments / share.batch
  const batchBytes = share.batch * assumptions.addedCommentBytes
  return {
    seconds: batches > 0 ? secondsPerDay / batches : 0,
    share: Math.min(1, addedBytesKept / batchBytes),
  }
}

/**
 * Reads of an article's view a day that its data centres need not make: a
 * change that only added comments (the model's changes are approvals: a spam
 * marking of a held comment leaves the view as it was) is made of the version
 * before and what `v1:view-versions` carries of it, where the data centre holds that
 * version (a request of it in the epoch before) and the first request after the
 * change comes before the next batch rewrites the versions.
 */
function viewReadsSavedByAdditions(
  requestsPerDay: number,
  changesPerDay: number,
  epochSeconds: number,
  carried: ReturnType<typeof carriedAdditions>,
  assumptions: Assumptions,
): number {
  if (changesPerDay <= 0) return 0
  const rate = requestsPerDay / assumptions.dataCentres / secondsPerDay
  const held = 1 - Math.exp(-rate * epochSeconds)
  const soon = 1 - Math.exp(-rate * Math.min(carried.seconds, epochSeconds))
  const changeEpochs = Math.min(changesPerDay, secondsPerDay / epochSeconds)
  return assumptions.dataCentres * changeEpochs * held * soon * carried.share
}

const kvOps = ['reads', 'writes', 'lists', 'deletes'] as const

/** Operations a day of `site` from the measured figures. */
export function dailyOperations(site: Site, measured: Measured, assumptions: Assumptions): Daily {
  const day = zero()
  const lifetime = assumptions.isolateMinutes * 60
  // The data centre's cache outlives its isolates: a window is not cut short by their end.
  const kvWindow = (window: keyof Assumptions['memoSeconds']) => assumptions.memoSeconds[window]
  const shared = new Map(sharedKeys.flatMap((group) => group.kinds.map((kind) => [kind, group])))
  // Requests a day of each kind reading a shared key, for its KV once all URLs are in.
  const sharedPerDay = new Map<RequestKind, number>()
  // Reads of `v1:view-versions` a cold data centre window makes, weighted by requests of each view kind.
  let versionReaders = 0
  let versionReads = 0
  // Requests a day showing each article's view, by kind: its page, comment feed and comments JSON share it.
  const viewRequests = new Map<number, Array<{ kind: RequestKind; perDay: number }>>()
  /**
   * Adds `perDay` requests of one URL of `kind`; of the article at `view` where
   * the kind shows an article's view. On a cold data centre such a request reads
   * two keys: `v1:view-versions`, one key for all of them, and the article's view.
   * A cold isolate renders the URL only where its data centre has not rendered
   * it since its render last changed (every `renderSeconds`; never shared where
   * undefined), and takes that render otherwise.
   */
  const url = (kind: RequestKind, perDay: number, view?: number, renderSeconds?: number) => {
    if (perDay <= 0) return
    if (assumptions.staticFeeds && articleFeedKinds.includes(kind)) {
      day.staticRequests += perDay
      return
    }
    const f = measured[kind]
    const cpuCold = Math.min(perDay, coldPerDay(perDay, assumptions.isolates, lifetime))
    // A render unchanged for longer is still dropped after a day, and made again.
    const renders =
      renderSeconds === undefined
        ? cpuCold
        : Math.min(
            cpuCold,
            coldPerDay(
              perDay,
              assumptions.dataCentres,
              Math.min(renderSeconds, sharedRenderSeconds),
            ),
          )
    const sharedCold = cpuCold - renders
    day.requests += perDay
    day.cpuMs +=
      renders * f.coldCpuMs + sharedCold * f.sharedColdCpuMs + (perDay - cpuCold) * f.warmCpuMs
    const limit = plans.free.cpuMsPerRequest
    day.overFreeCpu +=
      (f.coldCpuMs > limit ? renders : 0) +
      (f.sharedColdCpuMs > limit ? sharedCold : 0) +
      (f.warmCpuMs > limit ? perDay - cpuCold : 0)
    if (shared.has(kind)) {
      sharedPerDay.set(kind, (sharedPerDay.get(kind) ?? 0) + perDay)
      return
    }
    if (view !== undefined) {
      versionReaders += perDay
      versionReads += perDay * Math.min(1, f.cold.reads)
      viewRequests.set(view, [...(viewRequests.get(view) ?? []), { kind, perDay }])
      return
    }
    const kvCold = Math.min(
      perDay,
      coldPerDay(perDay, assumptions.dataCentres, kvWindow('comments')),
    )
    for (const op of kvOps) day[op] += kvCold * f.cold[op] + (perDay - kvCold) * f.warm[op]
  }
  const articles = zipf(site.articlesRead)
  // How long a render stays the same (src/http/shared-renders.ts names each by
  // what it shows): an article's page, comment feeds and JSON until its view
  // changes; the list pages until an article comes out; the article feeds also
  // until a data centre reads counts a moderation batch changed (at most once
  // per counts window).
  const viewRender = (i: number) =>
    viewEpochSeconds(viewChangesPerDay(site, articles[i] ?? 0), assumptions)
  const listRender = assumptions.publishedEverySeconds
  const batchesPerDay = site.comments / share.batch
  const feedRender = Math.min(
    listRender,
    batchesPerDay > 0
      ? Math.max(assumptions.memoSeconds.counts, secondsPerDay / batchesPerDay)
      : listRender,
  )
  for (const [i, weight] of articles.entries()) {
    // The page also shows its section's newest stories.
    url('article', site.pageViews * share.article * weight, i, Math.min(viewRender(i), listRender))
  }
  url('home', site.pageViews * share.home, undefined, listRender)
  for (let t = 0; t < assumptions.tags; t++)
    url('tag', (site.pageViews * share.tag) / assumptions.tags, undefined, listRender)
  for (let q = 0; q < assumptions.searches; q++)
    url('search', (site.pageViews * share.search) / assumptions.searches)
  const feeds = site.feedPolls * share.feeds
  const tagFeedShare = 1 - assumptions.siteFeedShare - assumptions.authorFeedShare
  // Three formats of the site feed, equally polled; one format per tag or author feed.
  for (let f = 0; f < 3; f++) {
    url('siteFeed', (feeds * assumptions.siteFeedShare) / 3, undefined, feedRender)
  }
  for (let t = 0; t < assumptions.tags; t++) {
    url('tagFeed', (feeds * tagFeedShare) / assumptions.tags, undefined, feedRender)
  }
  for (let a = 0; a < assumptions.authors; a++) {
    url(
      'authorFeed',
      (feeds * assumptions.authorFeedShare) / assumptions.authors,
      undefined,
      feedRender,
    )
  }
  const commentReads = site.feedPolls * share.commentReads
  for (const [i, weight] of articles.entries()) {
    url('commentFeed', (commentReads / 3) * weight, i, viewRender(i))
    url('commentsJson', (commentReads / 3) * weight, i, viewRender(i))
  }
  url('siteCommentFeed', commentReads / 3)
  // An article's view is read when a data centre's copy of it is gone (a new
  // version, or its time past) and any of its URLs is asked, unless the data
  // centre makes the new version of the one before and what `v1:view-versions`
  // carries. Comments land on articles as readers do.
  const carried = carriedAdditions(site, assumptions)
  for (const [i, requests] of viewRequests) {
    const total = requests.reduce((sum, { perDay }) => sum + perDay, 0)
    const changes = viewChangesPerDay(site, articles[i] ?? 0)
    const epoch = viewEpochSeconds(changes, assumptions)
    const read = Math.min(total, coldPerDay(total, assumptions.dataCentres, epoch))
    const saved = viewReadsSavedByAdditions(total, changes, epoch, carried, assumptions)
    const cold = Math.max(0, read - saved)
    for (const { kind, perDay } of requests) {
      const f = measured[kind]
      const kvCold = (cold * perDay) / total
      const versions = Math.min(1, f.cold.reads)
      for (const op of kvOps) {
        const coldOps = op === 'reads' ? f.cold.reads - versions : f.cold[op]
        day[op] += kvCold * coldOps + (perDay - kvCold) * f.warm[op]
      }
    }
  }
  if (versionReaders > 0) {
    const windows = coldPerDay(versionReaders, assumptions.dataCentres, kvWindow('comments'))
    day.reads += Math.min(versionReaders, windows) * (versionReads / versionReaders)
  }
  // A shared key is read when a data centre's window sees any request of its kinds.
  for (const group of sharedKeys) {
    const total = group.kinds.reduce((sum, kind) => sum + (sharedPerDay.get(kind) ?? 0), 0)
    if (total <= 0) continue
    const kvCold = Math.min(
      total,
      coldPerDay(total, assumptions.dataCentres, kvWindow(group.window)),
    )
    for (const kind of group.kinds) {
      const part = (sharedPerDay.get(kind) ?? 0) / total
      const f = measured[kind]
      for (const op of kvOps) {
        day[op] += part * (kvCold * f.cold[op] + (total - kvCold) * f.warm[op])
      }
    }
  }
  url('post', site.comments)
  url('preview', site.comments * share.previewed)
  url('edit', site.comments * share.edited)
  // Approvals and spam markings alike, in batches. A batch's comments land on
  // articles as readers do, and the view updater rewrites each article's view
  // and pending ids: KV for each article past the first, beyond the measured batch.
  const batches = site.comments / share.batch
  url('bulkModerate25', batches)
  const perBatch = articles.reduce((sum, weight) => sum + 1 - (1 - weight) ** share.batch, 0)
  const extra = measured.bulkModerateExtraArticle.cold
  for (const op of kvOps) day[op] += batches * Math.max(0, perBatch - 1) * extra[op]
  // The nightly backup is a Cron run, not a request: KV only. It lists the year's
  // comments and copies the unchanged ones from the night before's backup, so it
  // reads only what changed since: the day's new comments (an older one edited or
  // moderated again is rare beside them).
  const stored = site.comments * assumptions.storedDays
  const listing = measured.backupListingPer100.cold
  const reads = measured.backupReadsPerChanged.cold
  let backup = 0
  for (const op of kvOps) {
    const night = (stored / 100) * listing[op] + site.comments * reads[op]
    day[op] += night
    backup += night
  }
  day.backupOperations = backup
  return day
}

/** Published limits and prices (pages named in bench/RESULTS.md). */
export const plans = {
  free: {
    perDay: { requests: 100_000, reads: 100_000, writes: 1_000, lists: 1_000, deletes: 1_000 },
    cpuMsPerRequest: 10,
  },
  paid: {
    includedPerMonth: {
      requests: 10_000_000,
      cpuMs: 30_000_000,
      reads: 10_000_000,
      writes: 1_000_000,
      lists: 1_000_000,
      deletes: 1_000_000,
    },
    dollarsPerMillion: { requests: 0.3, cpuMs: 0.02, reads: 0.5, writes: 5, lists: 5, deletes: 5 },
  },
  kvOperationsPerInvocation: 1_000,
} as const

const daysPerMonth = 30

/** Dollars a month on the Paid plan, above what it includes (the plan's own fee not counted). */
export function monthlyDollars(day: Daily) {
  const { includedPerMonth, dollarsPerMillion } = plans.paid
  const charge = (item: keyof typeof includedPerMonth) =>
    (Math.max(0, day[item] * daysPerMonth - includedPerMonth[item]) / 1e6) * dollarsPerMillion[item]
  const kv = charge('reads') + charge('writes') + charge('lists') + charge('deletes')
  const requests = charge('requests')
  const cpu = charge('cpuMs')
  return { requests, cpu, kv, total: requests + cpu + kv }
}

/**
 * The share of each free daily quota a day uses, largest first: the first is the
 * one met first. Requests over the CPU limit per request fail from the first
 * day, so that limit comes first whenever any request passes it; its share is
 * of the day's requests.
 */
export function freePlanUse(day: Daily): Array<{ limit: string; share: number }> {
  const quotas = Object.entries(plans.free.perDay)
    .map(([limit, quota]) => ({
      limit: limit === 'requests' ? 'Worker requests' : `KV ${limit}`,
      share: day[limit as keyof typeof plans.free.perDay] / quota,
    }))
    .sort((a, b) => b.share - a.share)
  const cpu = {
    limit: `CPU ${plans.free.cpuMsPerRequest} ms per request`,
    share: day.requests > 0 ? day.overFreeCpu / day.requests : 0,
  }
  return cpu.share > 0 ? [cpu, ...quotas] : [...quotas, cpu]
}

/** The share of each monthly allowance the Paid plan includes, largest first. */
export function paidPlanUse(day: Daily): Array<{ limit: string; share: number }> {
  const names: Record<keyof typeof plans.paid.includedPerMonth, string> = {
    requests: 'Worker requests',
    cpuMs: 'CPU ms',
    reads: 'KV reads',
    writes: 'KV writes',
    lists: 'KV lists',
    deletes: 'KV deletes',
  }
  return Object.entries(plans.paid.includedPerMonth)
    .map(([item, included]) => ({
      limit: names[item as keyof typeof names],
      share: (day[item as keyof typeof names] * daysPerMonth) / included,
    }))
    .sort((a, b) => b.share - a.share)
}
