import { defaultStepComments } from '../src/comments/backups/backup-step-size'
import type { RouteCpu } from './cold-cpu'
import { plans } from './cost-model'
import type { EdgeProjectFigures } from './edge'
import type { SiteCost } from './edge-costs'
import type { ColdInstructions } from './icount'
import type { GoalCheck } from './report'

/** Issue 24's goals, as bench figures. */
export const edgeGoals = {
  coldInstructionsRatio: 2,
  coldCpuMs: 5,
  warmInstructionsRatio: 1.03,
  startupRatio: 1.15,
  blogFreeShare: 0.1,
  regionalDollars: 15,
  nationalDollars: 300,
  nationalKvDollars: 30,
  backupComments: 1_000_000,
}

const yes = (ok: boolean) => (ok ? 'yes' : '**no**')
const at = (figures: EdgeProjectFigures) => `N = ${figures.articles.toLocaleString('en-US')}`

/** Instruction and CPU goals; cold ones at the largest N, warm and startup at every N measured. */
export function instructionGoals(all: readonly EdgeProjectFigures[]): GoalCheck[] {
  const largest = all.at(-1)
  const checks: GoalCheck[] = []
  const cold = largest?.instructions?.cold ?? []
  const cpu = largest?.cpu ?? []
  // In an empty data centre, and in one whose isolates rendered the route before.
  const places = [
    { where: '', project: (c: ColdInstructions) => c.project, ms: (c: RouteCpu) => c.coldMs },
    {
      where: ', in a data centre that answered it before',
      project: (c: ColdInstructions) => c.sharedProject,
      ms: (c: RouteCpu) => c.sharedColdMs,
    },
  ]
  for (const { where, project, ms } of places) {
    if (largest && cold.length > 0) {
      const ratioOf = (c: ColdInstructions) => project(c) / c.constant
      const worst = cold.reduce((a, b) => (ratioOf(b) > ratioOf(a) ? b : a))
      checks.push({
        goal: `Cold first request of every route${where} ≤ ${edgeGoals.coldInstructionsRatio}× the constant Worker’s instructions (${at(largest)})`,
        measured: `highest ${ratioOf(worst).toFixed(2)}× (${worst.route.name})`,
        met: yes(ratioOf(worst) <= edgeGoals.coldInstructionsRatio),
      })
    }
    if (largest && cpu.length > 0) {
      const worst = cpu.reduce((a, b) => (ms(b) > ms(a) ? b : a))
      checks.push({
        goal: `Cold first request of every route${where} ≤ ${edgeGoals.coldCpuMs} ms CPU natively (${at(largest)})`,
        measured: `highest ${ms(worst).toFixed(1)} ms (${worst.route.name})`,
        met: yes(ms(worst) <= edgeGoals.coldCpuMs),
      })
    }
  }
  const warm = all.flatMap((f) =>
    (f.instructions?.warm ?? []).map((w) => ({ ...w, at: at(f), ratio: w.project / w.constant })),
  )
  if (warm.length > 0) {
    const worst = warm.reduce((a, b) => (b.ratio > a.ratio ? b : a))
    checks.push({
      goal: `Warm path ≤ ${edgeGoals.warmInstructionsRatio}× the constant Worker’s instructions on every route`,
      measured: `highest ${worst.ratio.toFixed(2)}× (${worst.route.name}, ${worst.at})`,
      met: yes(worst.ratio <= edgeGoals.warmInstructionsRatio),
    })
  }
  // Against the empty Worker with the same bindings: what the bundle itself adds,
  // without Miniflare's simulators of KV, queues and ASSETS (not in a Cloudflare isolate).
  const startups = all.flatMap((f) =>
    f.instructions
      ? [{ at: at(f), ratio: f.instructions.startup.project / f.instructions.startup.emptyBound }]
      : [],
  )
  if (startups.length > 0) {
    checks.push({
      goal: `Startup ≤ ${edgeGoals.startupRatio}× an empty Worker’s instructions (the same bindings)`,
      measured: startups.map((s) => `${s.ratio.toFixed(2)}× (${s.at})`).join('; '),
      met: yes(startups.every((s) => s.ratio <= edgeGoals.startupRatio)),
    })
  }
  return checks
}

/** The cost goals, met only if met at every isolate count; the sites' for each way of serving feeds. */
export function costGoals(costs: readonly SiteCost[], backupPer100: number): GoalCheck[] {
  // The backup runs in steps of defaultStepComments, each its own invocation.
  const steps = Math.ceil(edgeGoals.backupComments / defaultStepComments)
  const perStep = (defaultStepComments / 100) * backupPer100
  return [
    ...siteGoals(
      costs.filter((c) => !c.assumptions.staticFeeds),
      'Worker-served feeds',
    ),
    ...siteGoals(
      costs.filter((c) => c.assumptions.staticFeeds),
      'static feeds',
    ),
    {
      goal: `Backup of ${edgeGoals.backupComments.toLocaleString('en-US')} comments ≤ ${plans.kvOperationsPerInvocation.toLocaleString('en-US')} KV operations per invocation`,
      measured: `${Math.round(perStep).toLocaleString('en-US')} in each of ${steps} steps (${backupPer100.toFixed(2)} per 100 comments)`,
      met: yes(perStep <= plans.kvOperationsPerInvocation),
    },
  ]
}

/** The three sites' goals, over the costs of one way of serving feeds (named in each goal). */
function siteGoals(costs: readonly SiteCost[], feeds: string): GoalCheck[] {
  const of = (name: string) => costs.filter((c) => c.site.name === name)
  const isolates = (c: SiteCost) =>
    `${c.assumptions.isolates} isolates in ${c.assumptions.dataCentres} data centres`
  const blog = of('blog')
  const regional = of('regional')
  const national = of('national')
  // Daily quotas only: the CPU limit per request is a limit of its own, shown in the table.
  const quota = (c: SiteCost) => c.free.find((use) => !use.limit.startsWith('CPU'))
  return [
    {
      goal: `The blog on the free plan uses ≤ 1/${1 / edgeGoals.blogFreeShare} of every daily quota (${feeds})`,
      measured: blog
        .map(
          (c) =>
            `${isolates(c)}: ${quota(c)?.limit} ${((quota(c)?.share ?? 0) * 100).toFixed(1)} %`,
        )
        .join('; '),
      met: yes(blog.every((c) => (quota(c)?.share ?? 0) <= edgeGoals.blogFreeShare)),
    },
    {
      goal: `The regional site ≤ $${edgeGoals.regionalDollars} a month (paid plan; ${feeds})`,
      measured: regional.map((c) => `${isolates(c)}: $${c.dollars.total.toFixed(2)}`).join('; '),
      met: yes(regional.every((c) => c.dollars.total <= edgeGoals.regionalDollars)),
    },
    {
      goal: `The national site ≤ $${edgeGoals.nationalDollars} a month on the paid plan, KV ≤ $${edgeGoals.nationalKvDollars} of it (${feeds})`,
      measured: national
        .map(
          (c) => `${isolates(c)}: $${c.dollars.total.toFixed(0)}, KV $${c.dollars.kv.toFixed(0)}`,
        )
        .join('; '),
      met: yes(
        national.every(
          (c) =>
            c.dollars.total <= edgeGoals.nationalDollars &&
            c.dollars.kv <= edgeGoals.nationalKvDollars,
        ),
      ),
    },
  ]
}
