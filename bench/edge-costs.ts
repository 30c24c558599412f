import type { KvOperations } from '../test/harness/kv-operations'
import {
  type Assumptions,
  type BilledKv,
  type Daily,
  dailyOperations,
  defaultAssumptions,
  freePlanUse,
  type Measured,
  monthlyDollars,
  paidPlanUse,
  type RequestFigures,
  type RequestKind,
  type Site,
  sites,
} from './cost-model'
import type { EdgeProjectFigures } from './edge'
import { type KvCountRow, spreadArticles, writeKinds } from './kv-counts'

/**
 * The isolate counts the model is run for, and the data centres they run in: a
 * site read in one country (Cloudflare has from a handful to a dozen or more
 * cities in a large country), and worldwide (over 300 cities, most of a
 * worldwide site's readers near fewer than half of them). Traffic is spread
 * evenly over them, which gives the most KV reads for a count.
 */
export const placements = [
  { isolates: 50, dataCentres: 10 },
  { isolates: 500, dataCentres: 150 },
]

/** One site at one isolate count, priced. */
export interface SiteCost {
  site: Site
  assumptions: Assumptions
  day: Daily
  dollars: ReturnType<typeof monthlyDollars>
  free: ReturnType<typeof freePlanUse>
  paid: ReturnType<typeof paidPlanUse>
}

const billed = (ops: KvOperations): BilledKv => ({
  reads: ops.keysRead,
  writes: ops.put,
  lists: ops.list,
  deletes: ops.delete,
})

// Which measured row feeds each kind the model prices (bulkModerateExtraArticle is derived).
const rowOf: Record<Exclude<RequestKind, 'bulkModerateExtraArticle'>, string> = {
  home: 'home',
  article: 'article page',
  tag: 'tag page',
  siteFeed: 'site feed (RSS)',
  tagFeed: 'tag feed (RSS)',
  authorFeed: 'author feed (RSS)',
  search: 'search',
  commentFeed: 'comment feed (RSS)',
  commentsJson: 'comments JSON',
  siteCommentFeed: 'site comment feed (RSS)',
  post: writeKinds.post,
  preview: writeKinds.preview,
  edit: writeKinds.edit,
  bulkModerate25: writeKinds.bulkApprove,
  backupListingPer100: writeKinds.nextNightListing,
  backupReadsPerChanged: writeKinds.nextNightReads,
}

/**
 * The model's inputs from one project's figures. Write paths were not timed:
 * they are given the article page's CPU, which each of them renders or exceeds
 * little (a stated approximation; CPU is a small part of every bill).
 */
export function measuredFrom(figures: EdgeProjectFigures): Measured {
  const kv = figures.kv ?? []
  const cpu = figures.cpu ?? []
  const articleCpu = cpu.find((c) => c.route.name === 'article page')
  const entries = Object.entries(rowOf).map(([kind, name]) => {
    const row = kv.find((r) => r.kind === name)
    if (!row) throw new Error(`the cost model needs the KV counts of ${name}`)
    const time = cpu.find((c) => c.route.name === name) ?? articleCpu
    return [
      kind,
      {
        cold: billed(row.cold),
        warm: billed(row.warm),
        coldCpuMs: time?.coldMs ?? Number.NaN,
        sharedColdCpuMs: time?.sharedColdMs ?? Number.NaN,
        warmCpuMs: time?.warmMs ?? Number.NaN,
      },
    ]
  })
  return {
    ...(Object.fromEntries(entries) as Omit<Measured, 'bulkModerateExtraArticle'>),
    bulkModerateExtraArticle: extraArticle(kv),
  }
}

/**
 * What a bulk approval costs for each article it touches past the first: the
 * batch of 25 over `spreadArticles` articles less the batch on one, per extra
 * article. Nothing where the project had no articles to spread over (N = 1):
 * the model then prices every batch as one article's.
 */
function extraArticle(kv: readonly KvCountRow[]): RequestFigures {
  const one = kv.find((r) => r.kind === writeKinds.bulkApprove)?.cold
  const spread = kv.find((r) => r.kind === writeKinds.bulkApproveSpread)?.cold
  const per = (op: keyof BilledKv) =>
    one && spread ? Math.max(0, (billed(spread)[op] - billed(one)[op]) / (spreadArticles - 1)) : 0
  const kvPer = {
    reads: per('reads'),
    writes: per('writes'),
    lists: per('lists'),
    deletes: per('deletes'),
  }
  return { cold: kvPer, warm: kvPer, coldCpuMs: 0, sharedColdCpuMs: 0, warmCpuMs: 0 }
}

/** Every site at every isolate count, with the Worker's feeds and then with static ones. */
export function priceSites(measured: Measured): SiteCost[] {
  return sites.flatMap((site) =>
    [false, true].flatMap((staticFeeds) =>
      placements.map((placement) => {
        const assumptions = { ...defaultAssumptions, ...placement, staticFeeds }
        const day = dailyOperations(site, measured, assumptions)
        return {
          site,
          assumptions,
          day,
          dollars: monthlyDollars(day),
          free: freePlanUse(day),
          paid: paidPlanUse(day),
        }
      }),
    ),
  )
}
