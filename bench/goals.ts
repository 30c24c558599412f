import { assetFileLimit } from '../src/content/data-files'
import { atSeed } from './cases'
import type { CaseRuns } from './compare'
import type { GoalCheck, ScaleRow } from './report'
import { type ContenderSummary, ratioOfRatios, summarise } from './stats'

type Ratio = 'ratio' | 'cpuRatio'

interface CaseRatio {
  group: string
  name: string
  real: ContenderSummary
}

/** The real Worker's summary in each case of `groups` that `pick` selects. */
function realIn(cases: readonly CaseRuns[], groups: string[], pick: (name: string) => boolean) {
  return cases
    .filter((c) => groups.includes(c.benchCase.group) && pick(c.benchCase.name))
    .flatMap((c): CaseRatio[] => {
      const real = summarise(c).find((s) => s.name === 'hono')
      return real ? [{ group: c.benchCase.group, name: c.benchCase.name, real }] : []
    })
}

function lowest(list: readonly CaseRatio[], ratio: Ratio): CaseRatio {
  return list.reduce((a, b) => (b.real[ratio] < a.real[ratio] ? b : a))
}

// The issue defines the goal in requests per second. On a shared 2-core machine
// that figure is noisy, and when the load generator is the bottleneck (large
// bodies) it says nothing about the Worker; the CPU ratio is shown beside it.
function atLeast(goal: string, list: readonly CaseRatio[], threshold: number): GoalCheck {
  const describe = (ratio: Ratio, label: string) => {
    const worst = lowest(list, ratio)
    return `${label} ${worst.real[ratio].toFixed(2)} (${worst.group}, ${worst.name})`
  }
  const met = (ratio: Ratio) => (list.every((c) => c.real[ratio] >= threshold) ? 'yes' : '**no**')
  return {
    goal,
    measured: `lowest ${describe('ratio', 'req/s')}; ${describe('cpuRatio', 'CPU')}`,
    met: `req/s: ${met('ratio')}; CPU: ${met('cpuRatio')}`,
  }
}

// Issue 11: at the largest N, every route within 5 % of its ratio at N = 1.
const scaleTolerance = 0.05

/**
 * Issue 11's goal: each route's ratio to its constant at the largest N against
 * its ratio at N = 1, measured in the same rounds (ratioOfRatios), so that the
 * machine's drift between groups does not pass for a cost of the archive.
 */
function noWorseAtScale(cases: readonly CaseRuns[], large: string): GoalCheck {
  const goal = `Every route’s ratio to the constant at ${large} within ${scaleTolerance * 100} % of its ratio at N = 1 (the same rounds)`
  const routes = cases
    .filter((c) => c.benchCase.group === large && c.runs.has(atSeed('hono')))
    .map((c) => ({ name: c.benchCase.name, ...ratioOfRatios(c, 'hono', atSeed('hono')) }))
  if (routes.length === 0) return { goal, measured: 'not measured', met: 'not measured' }
  const met = (ratio: Ratio) =>
    routes.every((r) => r[ratio] >= 1 - scaleTolerance) ? 'yes' : '**no**'
  return {
    goal,
    measured: routes
      .map((r) => `${r.name} ${r.ratio.toFixed(2)} (CPU ${r.cpuRatio.toFixed(2)})`)
      .join('; '),
    met: `req/s: ${met('ratio')}; CPU: ${met('cpuRatio')}`,
  }
}

/** Checks the figures against the goals of issue 4, as they are, without rounding in favour. */
export function checkGoals(input: {
  cases: readonly CaseRuns[]
  groups: { small: string; large: string }
  startupAddedMs: number
  seedGzipBytes: number
}): GoalCheck[] {
  const { cases, groups } = input
  const both = [groups.small, groups.large]
  const isRevalidation = (name: string) => name.startsWith('304')
  return [
    atLeast(
      `Feeds and article page ≥ 0.9 × constant (${both.join(', ')})`,
      realIn(cases, both, (name) => !isRevalidation(name)),
      0.9,
    ),
    atLeast('304 revalidation ≥ 0.9 × constant 304', realIn(cases, both, isRevalidation), 0.9),
    atLeast(
      `304 revalidation ≥ 0.95 × constant 304 at ${groups.large}`,
      realIn(cases, [groups.large], isRevalidation),
      0.95,
    ),
    noWorseAtScale(cases, groups.large),
    {
      goal: 'Startup: module evaluation adds < 5 ms (seed content)',
      measured: `${input.startupAddedMs.toFixed(1)} ms CPU`,
      met: input.startupAddedMs < 5 ? 'yes' : '**no**',
    },
    {
      goal: 'Every answer under load as expected (a precondition of the figures)',
      measured: `${cases.reduce((sum, c) => sum + c.problems.length, 0)} bursts with wrong answers`,
      met: cases.every((c) => c.problems.length === 0) ? 'yes' : '**no** (see below)',
    },
    {
      goal: 'Bundle for the seed content < 100 KiB gzip',
      measured: `${(input.seedGzipBytes / 1024).toFixed(1)} KiB`,
      met: input.seedGzipBytes < 100 * 1024 ? 'yes' : '**no**',
    },
  ]
}

/** The goals of issue 11 for the scale rows (the largest N against N = 1, and N = 10,000). */
export function checkScaleGoals(scale: readonly ScaleRow[]): GoalCheck[] {
  const seed = scale[0]
  const largest = scale.at(-1)
  const tenThousand = scale.find((row) => row.articles === 10_000)
  if (!seed || !largest || largest === seed) return []
  const at = `N = ${largest.articles.toLocaleString('en-US')}`
  const checks: GoalCheck[] = [
    {
      goal: `Bundle ≤ 100 KiB gzip at ${at}`,
      measured: `${(largest.gzipBytes / 1024).toFixed(1)} KiB (N = 1: ${(seed.gzipBytes / 1024).toFixed(1)} KiB)`,
      met: largest.gzipBytes <= 100 * 1024 ? 'yes' : '**no**',
    },
    {
      goal: `Startup within 2 ms of N = 1 at ${at}`,
      measured: `${largest.startupAddedMs.toFixed(1)} ms vs ${seed.startupAddedMs.toFixed(1)} ms`,
      met: largest.startupAddedMs - seed.startupAddedMs <= 2 ? 'yes' : '**no**',
    },
    {
      goal: `≤ ${assetFileLimit.toLocaleString('en-US')} asset files at ${at} (free plan)`,
      measured: largest.assetFiles.toLocaleString('en-US'),
      met: largest.assetFiles <= assetFileLimit ? 'yes' : '**no**',
    },
  ]
  if (tenThousand) {
    const hugo = tenThousand.hugoMs
    checks.push(
      {
        goal: 'Full content build of 10,000 articles ≤ Hugo on the same files',
        measured: `${(tenThousand.contentBuildMs / 1000).toFixed(2)} s vs Hugo ${hugo === undefined ? '–' : `${(hugo / 1000).toFixed(2)} s`}`,
        met:
          hugo === undefined
            ? 'not measured'
            : tenThousand.contentBuildMs <= hugo
              ? 'yes'
              : '**no**',
      },
      {
        goal: 'Rebuild after one edit among 10,000 ≤ 1 s',
        measured: `${(tenThousand.rebuild.wallMs / 1000).toFixed(2)} s wall (${(tenThousand.rebuild.reportedMs / 1000).toFixed(2)} s in the build)`,
        met:
          tenThousand.rebuild.wallMs <= 1000
            ? 'yes'
            : tenThousand.rebuild.reportedMs <= 1000
              ? 'in the build, not with the process start'
              : '**no**',
      },
    )
  }
  return checks
}
