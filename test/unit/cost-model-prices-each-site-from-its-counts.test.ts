import assert from 'node:assert/strict'
import { it } from 'node:test'
import {
  type BilledKv,
  coldPerDay,
  dailyOperations,
  defaultAssumptions,
  freePlanUse,
  type Measured,
  monthlyDollars,
  type RequestFigures,
  type RequestKind,
  sites,
  zipf,
} from '../../bench/cost-model'
import { cacheControl } from '../../src/http/cache-control'

const none: BilledKv = { reads: 0, writes: 0, lists: 0, deletes: 0 }
const quiet: RequestFigures = {
  cold: none,
  warm: none,
  coldCpuMs: 1,
  sharedColdCpuMs: 1,
  warmCpuMs: 0.1,
}
const kinds: RequestKind[] = [
  'home',
  'article',
  'tag',
  'siteFeed',
  'tagFeed',
  'authorFeed',
  'search',
  'commentFeed',
  'commentsJson',
  'siteCommentFeed',
  'post',
  'preview',
  'edit',
  'bulkModerate25',
  'bulkModerateExtraArticle',
  'backupListingPer100',
  'backupReadsPerChanged',
]
const measured = (over: Partial<Measured> = {}): Measured => ({
  ...(Object.fromEntries(kinds.map((kind) => [kind, quiet])) as Measured),
  ...over,
})
const blog = sites.find((site) => site.name === 'blog')
const national = sites.find((site) => site.name === 'national')
if (!blog || !national) throw new Error('the model lost a site')
const assumptions = { ...defaultAssumptions, isolates: 50, dataCentres: 10 }

it('counts a cold request per isolate and window, never more than the requests', () => {
  // One request a day over 50 isolates: it is cold.
  assert.ok(Math.abs(coldPerDay(1, 50, 30) - 1) < 1e-3)
  // A flood: every isolate's every window has one cold request, the rest are warm.
  assert.ok(Math.abs(coldPerDay(1e9, 50, 30) - (50 * 86_400) / 30) < 1e-6)
  assert.ok(Math.abs(zipf(50).reduce((a, b) => a + b, 0) - 1) < 1e-9)
})

it('prices only what passes the paid plan’s allowances, a list per article page read at $5 per million', () => {
  assert.equal(monthlyDollars(dailyOperations(blog, measured(), assumptions)).total, 0)
  const listing = { ...quiet, cold: { ...none, lists: 1 }, warm: { ...none, lists: 1 } }
  const day = dailyOperations(national, measured({ article: listing }), assumptions)
  // 75 % of 5 M page views are article pages.
  assert.ok(Math.abs(day.lists - 3_750_000) < 1)
  const expected = ((3_750_000 * 30 - 1_000_000) / 1e6) * 5
  assert.ok(Math.abs(monthlyDollars(day).kv - expected) < 1e-6)
})

it('names the free plan’s first limit: a KV quota, or the CPU limit when any request passes it', () => {
  const listing = { ...quiet, cold: { ...none, lists: 1 } }
  const day = dailyOperations(blog, measured({ siteFeed: listing }), assumptions)
  assert.equal(freePlanUse(day)[0]?.limit, 'KV lists')
  const slow = { ...quiet, coldCpuMs: 25 }
  const slowDay = dailyOperations(blog, measured({ siteFeed: listing, home: slow }), assumptions)
  assert.equal(freePlanUse(slowDay)[0]?.limit, 'CPU 10 ms per request')
})

it('lists a year of comments each night and reads only the day’s new ones', () => {
  const listing = { ...quiet, cold: { ...none, lists: 1 } }
  const reads = { ...quiet, cold: { ...none, reads: 1 } }
  const backup = measured({ backupListingPer100: listing, backupReadsPerChanged: reads })
  const day = dailyOperations(national, backup, assumptions)
  assert.equal(day.lists, (10_000 * 365) / 100)
  assert.equal(day.reads, 10_000)
  assert.equal(day.backupOperations, (10_000 * 365) / 100 + 10_000)
})

it('reads the feeds’ comment counts once per data centre and counts window, whichever feed asked', () => {
  // The window follows the code: the feeds' max-age.
  assert.match(cacheControl.feed, new RegExp(`max-age=${assumptions.memoSeconds.counts}\\b`))
  const counted = { ...quiet, cold: { ...none, reads: 1 } }
  const feedsOnly = measured({ siteFeed: counted, tagFeed: counted, authorFeed: counted })
  const flood = { ...blog, pageViews: 0, feedPolls: 1e9, comments: 0 }
  const day = dailyOperations(flood, feedsOnly, assumptions)
  // A flood: every data centre reads v1:counts once per window, not once per isolate or feed URL.
  const windows = (assumptions.dataCentres * 86_400) / assumptions.memoSeconds.counts
  assert.ok(Math.abs(day.reads - windows) < 1e-3, `${day.reads} reads, ${windows} windows`)
})

it('renders a feed once per data centre and change of what it lists, cold isolates there taking that render', () => {
  const idle = { ...quiet, coldCpuMs: 0, sharedColdCpuMs: 0, warmCpuMs: 0 }
  const rendering = { ...idle, coldCpuMs: 1 }
  const feedKinds = ['siteFeed', 'tagFeed', 'authorFeed'] as const
  const only = (figures: RequestFigures) =>
    measured({
      ...Object.fromEntries(kinds.map((kind) => [kind, idle])),
      ...Object.fromEntries(feedKinds.map((kind) => [kind, figures])),
    })
  const flood = { ...blog, pageViews: 0, feedPolls: 1e9, comments: 0 }
  const shared = dailyOperations(flood, only(rendering), assumptions)
  // 3 site feeds, 10 tags', 4 authors': each rendered once per data centre and publication.
  const feedUrls = 3 + assumptions.tags + assumptions.authors
  const renders = (assumptions.dataCentres * 86_400) / assumptions.publishedEverySeconds
  assert.ok(Math.abs(shared.cpuMs - feedUrls * renders) < 1e-3, `${shared.cpuMs} ms`)
  // Where a cold isolate's request costs as much with its data centre's render, every isolate pays.
  const unshared = dailyOperations(flood, only({ ...rendering, sharedColdCpuMs: 1 }), assumptions)
  const isolateWindows = (assumptions.isolates * 86_400) / (assumptions.isolateMinutes * 60)
  assert.ok(Math.abs(unshared.cpuMs - feedUrls * isolateWindows) < 1e-3, `${unshared.cpuMs} ms`)
})

it('renders an article’s page, comment feed and JSON once per data centre and change of its view, a feed once per counts a data centre reads changed', () => {
  const idle = { ...quiet, coldCpuMs: 0, sharedColdCpuMs: 0, warmCpuMs: 0 }
  const rendering = { ...idle, coldCpuMs: 1 }
  const only = (rendered: readonly RequestKind[]) =>
    measured({
      ...Object.fromEntries(kinds.map((kind) => [kind, idle])),
      ...Object.fromEntries(rendered.map((kind) => [kind, rendering])),
    })
  // Nothing comes out: only comments change what these show (a render still lasts a day at most).
  const unpublished = { ...assumptions, publishedEverySeconds: 1e9 }
  // 48 moderation batches a day, all on one article: its view changes every 30 minutes.
  const discussed = { ...blog, pageViews: 1e9, feedPolls: 1e9, comments: 48 * 25, articlesRead: 1 }
  const perChange = assumptions.dataCentres * 48
  const cpu = (kinds: readonly RequestKind[], site = discussed) =>
    dailyOperations(site, only(kinds), unpublished).cpuMs
  assert.ok(Math.abs(cpu(['article']) - perChange) < 1e-3, `${cpu(['article'])}`)
  assert.ok(Math.abs(cpu(['commentFeed', 'commentsJson']) - 2 * perChange) < 1e-3)
  // A feed's counts change with each batch, seen by a data centre at most once per counts window.
  const feedUrls = 3 + assumptions.tags + assumptions.authors
  const feeds = cpu(['siteFeed', 'tagFeed', 'authorFeed'])
  assert.ok(Math.abs(feeds - feedUrls * perChange) < 1e-3, `${feeds}`)
  const busy = { ...discussed, comments: 1_000 * 25 }
  const windows = (assumptions.dataCentres * 86_400) / assumptions.memoSeconds.counts
  const busyFeeds = cpu(['siteFeed', 'tagFeed', 'authorFeed'], busy)
  assert.ok(Math.abs(busyFeeds - feedUrls * windows) < 1e-3, `${busyFeeds}`)
  // Without comments or articles coming out, a render lasts its day in the cache.
  const quietDay = cpu(['home'], { ...discussed, comments: 0 })
  assert.ok(Math.abs(quietDay - assumptions.dataCentres) < 1e-3, `${quietDay}`)
})

it('prices static feeds’ polls as free static requests: no Worker request, CPU or KV', () => {
  const counted = { ...quiet, cold: { ...none, reads: 1 }, warm: { ...none, reads: 1 } }
  const feeds = measured({ siteFeed: counted, tagFeed: counted, authorFeed: counted })
  const polled = { ...blog, pageViews: 0, comments: 0 }
  const worker = dailyOperations(polled, feeds, assumptions)
  const files = dailyOperations(polled, feeds, { ...assumptions, staticFeeds: true })
  // 98 % of the polls are article feeds; the other 2 % read comments, from the Worker either way.
  assert.ok(Math.abs(files.staticRequests - polled.feedPolls * 0.98) < 1e-6)
  assert.ok(Math.abs(worker.requests - files.requests - files.staticRequests) < 1e-6)
  assert.ok(Math.abs(files.requests - polled.feedPolls * 0.02) < 1e-6)
  assert.ok(worker.reads > 0)
  assert.equal(files.reads, 0)
  assert.ok(files.cpuMs < worker.cpuMs)
})

it('reads the view versions once per data centre and window, an article’s view once per version or 23 hours unless an approval travels in the versions, and counts cold CPU per isolate', () => {
  const idle: RequestFigures = {
    cold: none,
    warm: none,
    coldCpuMs: 0,
    sharedColdCpuMs: 0,
    warmCpuMs: 0,
  }
  const only = Object.fromEntries(kinds.map((kind) => [kind, idle])) as Measured
  // The versions, then the view: what a cold data centre reads for an article page.
  const viewRead = { ...idle, cold: { ...none, reads: 2 }, coldCpuMs: 1, sharedColdCpuMs: 1 }
  const flood = { ...blog, pageViews: 1e9, feedPolls: 0, comments: 0, articlesRead: 1 }
  const day = dailyOperations(flood, { ...only, article: viewRead }, assumptions)
  const dataCentreWindows = (assumptions.dataCentres * 86_400) / assumptions.memoSeconds.comments
  const kept = (assumptions.dataCentres * 86_400) / assumptions.memoSeconds.views
  assert.equal(assumptions.memoSeconds.views, 82_800)
  assert.ok(Math.abs(day.reads - dataCentreWindows - kept) < 1e-3, `${day.reads} reads`)
  // Each isolate's first article page of its life costs 1 ms, rendered or shared alike here.
  const isolateLives = (assumptions.isolates * 86_400) / (assumptions.isolateMinutes * 60)
  assert.ok(Math.abs(day.cpuMs - isolateLives) < 1e-3, `${day.cpuMs} ms`)
  // 48 moderation batches of 25 a day, all on this article: its view changes every 30
  // minutes, once a batch. Where the versions cannot carry an approval (here: no comment
  // fits in them), each data centre reads it as often.
  const discussed = { ...flood, comments: 48 * 25 }
  const uncarried = { ...assumptions, addedCommentBytes: Number.POSITIVE_INFINITY }
  const read = dailyOperations(discussed, { ...only, article: viewRead }, uncarried)
  const versions = (assumptions.dataCentres * 86_400) / 1_800
  assert.ok(Math.abs(read.reads - dataCentreWindows - versions) < 1e-3, `${read.reads}`)
  // Its page, comment feed and comments JSON share the view: read as often, not three times.
  const everyKind = { ...only, article: viewRead, commentFeed: viewRead, commentsJson: viewRead }
  const shared = dailyOperations({ ...discussed, feedPolls: 1e9 }, everyKind, uncarried)
  assert.ok(Math.abs(shared.reads - dataCentreWindows - versions) < 1e-3, `${shared.reads}`)
  // Carried, an approval is made of the version before, which every data centre of so
  // read an article holds, by its first request after the change, within seconds.
  const carried = dailyOperations(discussed, { ...only, article: viewRead }, assumptions)
  assert.ok(carried.reads - dataCentreWindows < 1e-3 * versions, `${carried.reads}`)
})

it('prices the view updater’s work for each article a moderation batch touches past the first', () => {
  const perArticle = { ...quiet, cold: { ...none, writes: 1 }, warm: { ...none, writes: 1 } }
  const spread = dailyOperations(
    national,
    measured({ bulkModerateExtraArticle: perArticle }),
    assumptions,
  )
  const single = dailyOperations(national, measured(), assumptions)
  // 400 batches of 25 a day, their comments spread over the articles as reads are (Zipf).
  const touched = zipf(national.articlesRead).reduce((sum, w) => sum + 1 - (1 - w) ** 25, 0)
  assert.ok(touched > 15 && touched < 25, `${touched} articles a batch`)
  const extra = (national.comments / 25) * (touched - 1)
  assert.ok(
    Math.abs(spread.writes - single.writes - extra) < 1e-6,
    `${spread.writes - single.writes}`,
  )
})
