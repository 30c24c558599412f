import { addedBytesKept } from '../src/comments/store/views'
import type { KvOperations } from '../test/harness/kv-operations'
import { type EdgeModes, type EdgeProjectFigures, edgeComments } from './edge'
import { measuredFrom, priceSites, type SiteCost } from './edge-costs'
import { costGoals, instructionGoals } from './edge-goals'
import { warmSchedule } from './icount'
import { spreadArticles, writeKinds } from './kv-counts'
import { table } from './markdown-table'
import type { GoalCheck } from './report'

const at = (f: EdgeProjectFigures) => `N = ${f.articles.toLocaleString('en-US')}`
const k = (ir: number) => `${(ir / 1e3).toFixed(1)}k`
const m = (ir: number) => `${(ir / 1e6).toFixed(1)}M`
const whole = (n: number) => Math.round(n).toLocaleString('en-US')
const pct = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 2 : 1)} %`
const goalTable = (goals: readonly GoalCheck[]) =>
  table(
    ['goal', 'measured', 'met'],
    goals.map((g) => [g.goal, g.measured, g.met]),
  )

function instructionSection(all: readonly EdgeProjectFigures[]): string {
  const rows = all.flatMap((f) =>
    (f.instructions?.cold ?? []).map((cold, i) => {
      const warm = f.instructions?.warm[i]
      const cpu = f.cpu?.find((c) => c.route.path === cold.route.path)
      return [
        at(f),
        `${cold.route.name} \`${decodeURIComponent(cold.route.path).replace(/^\/articles\/[^/]+/, '/articles/:slug')}\``,
        k(cold.project),
        k(cold.constant),
        (cold.project / cold.constant).toFixed(2),
        cpu ? cpu.coldMs.toFixed(1) : '–',
        k(cold.sharedProject),
        (cold.sharedProject / cold.constant).toFixed(2),
        cpu ? cpu.sharedColdMs.toFixed(1) : '–',
        warm ? k(warm.project) : '–',
        warm ? k(warm.constant) : '–',
        warm ? (warm.project / warm.constant).toFixed(2) : '–',
      ]
    }),
  )
  const startups = all.flatMap((f) =>
    f.instructions
      ? [
          `${at(f)}: bundle ${m(f.instructions.startup.project)}; empty Worker with the same bindings ${m(f.instructions.startup.emptyBound)} (${(f.instructions.startup.project / f.instructions.startup.emptyBound).toFixed(2)}×); bare empty Worker ${m(f.instructions.startup.empty)} (${(f.instructions.startup.project / f.instructions.startup.empty).toFixed(2)}×)`,
        ]
      : [],
  )
  return [
    '## Edge: instructions per request (callgrind)',
    '',
    goalTable(instructionGoals(all)),
    '',
    table(
      [
        'N',
        'route',
        'cold Ir',
        'constant cold Ir',
        'cold ratio',
        'cold CPU ms (native)',
        'cold Ir, warm data centre',
        'its ratio',
        'its CPU ms (native)',
        'warm Ir/req',
        'constant warm Ir/req',
        'warm ratio',
      ],
      rows,
    ),
    '',
    `Instructions are valgrind callgrind’s Ir, all workerd threads, with workerd started by Miniflare (bench/callgrind.ts); repeatable within about 1 % whatever else the machine runs. **Cold**: a fresh workerd per route and Worker, one 404 first (the runtime’s own first-request cost), then the route’s first request; **warm data centre**: the same on a fresh workerd started in a data centre (the Cache API kept in a folder, one deployed version) where another workerd answered the route once, as a new isolate finds what its data centre's isolates rendered (src/http/shared-renders.ts); the data centre also holds the KV values the first workerd read, for what is left of their windows (30 s for which articles' comments changed, 5 minutes for the counts), which a start under valgrind may outlast, so a warm-data-centre figure may hold a KV read the first did not make again natively. The constant Worker answers the same bytes and headers, captured from the project (bench/peers/constant.ts). **Warm**: one workerd per Worker, each route asked ${warmSchedule.warmup} times, then ${warmSchedule.rounds} rounds of ${warmSchedule.block} requests per route in turn, each request counted alone; the median request. Under valgrind a request takes about fifty times its native time, so the 10 s hot answers and the 30 s comment memos end every few rounds, where natively each reload is shared by the thousands of requests of its window: the median leaves those reloads out, as it leaves out a GC (bench/icount.ts). The article page, comment feed and comments JSON carry ${edgeComments} approved comments, kept in a local KV that the counted workerd also runs (the KV simulator’s and the cache simulator’s work is inside the cold figures: an upper bound, since on Cloudflare neither runs in the isolate). Cold CPU ms: the same first request on a native workerd, median of 3 fresh processes for each, from /proc (bench/cold-cpu.ts).`,
    '',
    `Startup (start, load, one 404): ${startups.join('; ')}. The goal is read against the empty Worker with the same bindings: with a KV namespace, queues or a service binding, Miniflare runs its simulators of them as Workers in the same workerd (about 270 M instructions to start), which a Cloudflare isolate does not hold; the bare figure is kept for comparison with earlier runs.`,
  ].join('\n')
}

const ops = (o: KvOperations) => {
  const parts = [
    ['get', o.get],
    ['getWithMetadata', o.getWithMetadata],
    ['list', o.list],
    ['put', o.put],
    ['delete', o.delete],
  ]
    .filter(([, n]) => Number(n) > 0)
    .map(([name, n]) => `${name} ${Number.isInteger(n) ? n : Number(n).toFixed(1)}`)
  const keys = o.keysRead > o.get + o.getWithMetadata ? ` (${whole(o.keysRead)} keys read)` : ''
  return parts.length > 0 ? parts.join(', ') + keys : '0'
}

function kvSection(all: readonly EdgeProjectFigures[]): string {
  const rows = all.flatMap((f) =>
    (f.kv ?? []).map((row) => [
      at(f),
      row.kind,
      ops(row.cold),
      ops(row.warm),
      row.dataCentre ? ops(row.dataCentre) : '',
    ]),
  )
  return [
    '## Edge: KV operations per request, counted at the binding',
    '',
    table(
      [
        'N',
        'request',
        'cold (first on a fresh isolate)',
        'warm (the same again)',
        'cold isolate, warm data centre',
      ],
      rows,
    ),
    '',
    `Counted by a Miniflare wrapped binding in front of the real namespace (test/harness/kv-operations.ts): every get, getWithMetadata, list, put and delete the Worker makes. Reader routes: each on its own fresh workerd after one 404, the article carrying ${edgeComments} approved comments; then the same request on a second fresh workerd sharing the first one’s cache folder (Miniflare’s \`cachePersist\`), as a new isolate of the same data centre finds what the first put in \`caches.default\`. Writes: on one fresh workerd, each twice in a row (JSON POST, preview form, the author's PATCH while pending, approval through the API); then 25 new comments approved in one post of the moderation page, and the nightly backup (its Cron run) divided by the stored comments / 100; then 10 new comments and the next night's backup, which copies the unchanged comments from the first: its listing per 100 stored comments and its reads per new comment. A bulk get is shown as one call with the keys it read.`,
  ].join('\n')
}

const sources = [
  'Workers pricing: https://developers.cloudflare.com/workers/platform/pricing/ (requests: free 100,000 a day; paid 10 M a month included, then $0.30 per million; CPU: 30 M ms a month included, then $0.02 per million ms)',
  'Workers limits: https://developers.cloudflare.com/workers/platform/limits/ (CPU per request: free 10 ms)',
  'KV pricing: https://developers.cloudflare.com/kv/platform/pricing/ (free: 100,000 reads, 1,000 writes, lists and deletes each a day; paid: 10 M reads a month then $0.50 per million, 1 M writes, lists and deletes each then $5.00 per million)',
  'KV limits: https://developers.cloudflare.com/kv/platform/limits/ (1,000 KV operations per invocation; 1 write per second per key)',
]

function costSection(costs: readonly SiteCost[], backupPer100: number, source: string): string {
  const rows = costs.map((c) => [
    c.site.name,
    c.assumptions.staticFeeds ? 'static' : 'Worker',
    String(c.assumptions.isolates),
    String(c.assumptions.dataCentres),
    whole(c.day.requests),
    whole(c.day.staticRequests),
    whole(c.day.reads),
    whole(c.day.writes),
    whole(c.day.lists),
    whole(c.day.deletes),
    whole(c.day.cpuMs),
    `${c.free[0]?.limit} ${pct(c.free[0]?.share ?? 0)}`,
    `$${c.dollars.requests.toFixed(2)}`,
    `$${c.dollars.cpu.toFixed(2)}`,
    `$${c.dollars.kv.toFixed(2)}`,
    `**$${c.dollars.total.toFixed(2)}**`,
    `${c.paid[0]?.limit} ${pct(c.paid[0]?.share ?? 0)}`,
  ])
  const { assumptions } = costs[0] ?? { assumptions: undefined }
  return [
    '## Edge: what the three sites would cost',
    '',
    goalTable(costGoals(costs, backupPer100)),
    '',
    table(
      [
        'site',
        'feeds',
        'isolates',
        'data centres',
        'Worker requests/day',
        'static requests/day (free)',
        'KV reads/day',
        'writes/day',
        'lists/day',
        'deletes/day',
        'CPU ms/day',
        'free plan: first limit met (share used; for CPU, of requests over it)',
        'paid $/month: requests',
        'CPU',
        'KV',
        'total',
        'paid: largest share of an included allowance',
      ],
      rows,
    ),
    '',
    `Fed by the KV counts and CPU figures at ${source} (bench/cost-model.ts, a pure module; bench/edge-costs.ts maps the figures). Sites (issue 24): blog 1,000 page views, 20,000 feed polls, 10 comments a day over 50 articles read; regional 200,000 / 1 M / 500 over 2,000; national 5 M / 20 M / 10,000 over 10,000. Page views: 75 % article pages (Zipf, s = 1, over the articles read), 13 % home, 2 % searches (${assumptions?.searches} distinct a day, evenly), 10 % tag pages (${assumptions?.tags} tags, evenly). Feed polls: 98 % feeds, ${pct(assumptions?.siteFeedShare ?? 0)} of them the site feed (three formats, evenly), ${pct(assumptions?.authorFeedShare ?? 0)} author feeds (${assumptions?.authors} authors, evenly) and the rest tag feeds (with \`feeds: static\` all of these are static assets: no Worker request, CPU or KV); 2 % comment reads, a third each comment feeds and comments JSON (Zipf over the articles) and the site comment feed. Comments: each posted once; 20 % previewed, 5 % edited while pending; moderated (approved or spam) in batches of 25, a batch’s comments landing on articles as reads do (Zipf), each article past the first priced as the measured batch over ${spreadArticles} articles less the batch on one, per article; backed up nightly with ${assumptions?.storedDays} days of comments stored, each night listing them all and reading only the day’s new ones (the unchanged are copied from the night before’s backup; the first backup, which reads every comment, is in the backup goal below).`,
    '',
    `Cold share: traffic spreads evenly over the day and over the isolates; an isolate lives about ${assumptions?.isolateMinutes} minutes, so the first request to each URL per isolate in that time is cold in CPU. KV is read again when a data centre’s copy of it (the Cache API, shared by the data centre’s isolates, src/comments/store/data-centre-cache.ts) is older than its window (src/comments/store/memo-windows.ts): ${assumptions?.memoSeconds.counts} s for the comment counts, one key for all site, tag and author feeds; ${assumptions?.memoSeconds.comments} s for which articles’ comments changed (\`v1:view-versions\`, one key for every article page, comment feed and comments JSON) and for the site comment feed’s one key; an article’s view (per URL of its page, comment feeds and comments JSON: an upper bound, since they share it) until it changes or ${(assumptions?.memoSeconds.views ?? Number.NaN) / 3_600} hours, its changes a day taken as the site’s comments a day shared among the articles as their reads are (Zipf), each change an approval that \`v1:view-versions\` carries until the next batch (batches evenly over the day; a batch’s 25 comments of ${assumptions?.addedCommentBytes} bytes each fit in its ${addedBytesKept / 1024} KiB), so a data centre that read the version before (a request in the change’s epoch before) and is asked again before the next batch reads no view; each is counted as the chance that a data centre’s window sees at least one request (Poisson), the isolates spread evenly over the data centres (50 isolates: a site read in one country, 10 data centres; 500: worldwide, 150; bench/edge-costs.ts). An isolate’s memo only saves it the cache’s lookups. A cold request is priced with the cold figures where its data centre has not rendered the URL since the render last changed (src/http/shared-renders.ts: an article’s page, comment feeds and JSON when its view changes, the page also when an article comes out; the home, tag and author pages when an article comes out, taken as every ${(assumptions?.publishedEverySeconds ?? Number.NaN) / 3_600} hour; the feeds then too, and when a data centre reads counts a moderation batch changed, at most once per counts window; search and the site comment feed are never shared), else with the cold figures in a warm data centre; the rest with the warm ones. Write paths are given the article page’s CPU. A month is 30 days; dollars are the paid plan’s usage charges above what it includes, not its monthly fee. Reads are billed per key (a bulk get as many reads: the dearer reading).`,
    '',
    'Sources (Cloudflare’s published limits and prices, as gathered for this project):',
    '',
    ...sources.map((s) => `- ${s}`),
  ].join('\n')
}

/** The edge bench's sections of bench/RESULTS.md, by section name, for the modes that ran. */
export function renderEdgeSections(
  figures: readonly EdgeProjectFigures[],
  modes: EdgeModes,
): Array<[string, string]> {
  const sections: Array<[string, string]> = []
  if (modes.icount) sections.push(['edge-icount', instructionSection(figures)])
  if (modes.kv) sections.push(['edge-kv', kvSection(figures)])
  const largest = figures.at(-1)
  if (modes.cost && largest) {
    const backup = largest.kv?.find((r) => r.kind === writeKinds.backup)?.cold
    // Per invocation a bulk get is one operation (KV limits), so calls, not keys.
    const backupPer100 = backup
      ? backup.get + backup.getWithMetadata + backup.list + backup.put + backup.delete
      : Number.NaN
    sections.push([
      'edge-cost',
      costSection(priceSites(measuredFrom(largest)), backupPer100, at(largest)),
    ])
  }
  return sections
}
