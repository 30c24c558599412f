import type { CaseRuns } from './compare'

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

/** Summarises a case's rounds; `limit` names the constant Worker. */
export function summarise(caseRuns: CaseRuns, limit = 'constant'): ContenderSummary[] {
  const limitRuns = caseRuns.runs.get(limit) ?? []
  return [...caseRuns.runs].map(([name, runs]) => ({
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
  }))
}
