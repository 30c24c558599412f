import type { CaseRuns } from './compare'
import type { LoadResult } from './load'

/** The median of a list of numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return Number.NaN
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** One contender's figures for a case, each the median over the rounds. */
export interface ContenderSummary {
  name: string
  requestsPerSecond: number
  cpuMicrosPerRequest: number
  busy: number
  /** This contender's req/s ÷ the constant's in the same round. */
  ratio: number
  /** The constant's CPU per request ÷ this contender's in the same round (1 = as cheap). */
  cpuRatio: number
  /** Fastest round ÷ slowest round in req/s: how much the machine moved the figure. */
  spread: number
}

/** The constant each contender of the case is compared with, by name. */
const limitOf = (caseRuns: CaseRuns, name: string) =>
  caseRuns.benchCase.contenders.find((c) => c.name === name)?.limit ?? 'constant'

/** Summarises a case's rounds, each contender against its constant (`constant` unless it names another). */
export function summarise(caseRuns: CaseRuns): ContenderSummary[] {
  return [...caseRuns.runs].map(([name, runs]) =>
    summariseOne(name, runs, caseRuns.runs.get(limitOf(caseRuns, name)) ?? []),
  )
}

function summariseOne(
  name: string,
  runs: readonly LoadResult[],
  limitRuns: readonly LoadResult[],
): ContenderSummary {
  return {
    name,
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    cpuMicrosPerRequest: median(runs.map((run) => run.cpuMicrosPerRequest)),
    busy: median(runs.map((run) => run.busy)),
    // Ratios pair runs of the same round, so slow drift of the machine cancels out.
    ratio: median(
      runs.map((run, i) => run.requestsPerSecond / (limitRuns[i]?.requestsPerSecond ?? Number.NaN)),
    ),
    spread:
      Math.max(...runs.map((run) => run.requestsPerSecond)) /
      Math.min(...runs.map((run) => run.requestsPerSecond)),
    cpuRatio: median(
      runs.map(
        (run, i) => (limitRuns[i]?.cpuMicrosPerRequest ?? Number.NaN) / run.cpuMicrosPerRequest,
      ),
    ),
  }
}

/**
 * How `large`'s ratio to its constant compares with `small`'s, round by round
 * (median over rounds; 1 = the same, below 1 = worse at scale): both Workers and
 * both constants ran in every round, so drift of the machine cancels out.
 */
export function ratioOfRatios(
  caseRuns: CaseRuns,
  large: string,
  small: string,
): { ratio: number; cpuRatio: number } {
  const runsOf = (name: string) => caseRuns.runs.get(name) ?? []
  const [l, lc, s, sc] = [large, limitOf(caseRuns, large), small, limitOf(caseRuns, small)].map(
    runsOf,
  ) as [LoadResult[], LoadResult[], LoadResult[], LoadResult[]]
  const perRound = (value: (run: LoadResult) => number, higherIsBetter: boolean) =>
    median(
      l.map((_, i) => {
        const at = (runs: LoadResult[]) => {
          const same = runs[i]
          return same ? value(same) : Number.NaN
        }
        const ratio = at(l) / at(lc) / (at(s) / at(sc))
        return higherIsBetter ? ratio : 1 / ratio
      }),
    )
  return {
    ratio: perRound((run) => run.requestsPerSecond, true),
    cpuRatio: perRound((run) => run.cpuMicrosPerRequest, false),
  }
}
