import { type LoadResult, load } from './load'
import type { LoadDriver } from './load-driver'

/** One Worker answering a case: the real one, a peer, or the constant. */
export interface Contender {
  name: string
  origin: string
  /** CPU seconds used so far by the workerd it runs in. */
  cpuSeconds: () => number
  /** Answers bytes of its own (the naive peer), so their size is not checked. */
  ownBytes?: boolean
  /** The constant its ratio is taken against, when not the one named `constant`. */
  limit?: string
  /** Its own answer's size and request headers, when they are not the case's (another project). */
  bodyBytes?: number
  headers?: Record<string, string>
}

/** One request measured against several Workers, one of them the constant. */
export interface BenchCase {
  /** Which table it belongs to, e.g. "N = 1". */
  group: string
  name: string
  path: string
  headers?: Record<string, string>
  status: number
  /** Size of the body every contender should answer with (the naive peer's may differ). */
  bytes: number
  contenders: Contender[]
}

/** Every round's figures of every contender of a case. */
export interface CaseRuns {
  benchCase: BenchCase
  runs: Map<string, LoadResult[]>
  /** Wrong answers seen, warm-up included, as "contender, when: what". */
  problems: string[]
}

/** How long each burst lasts (whole seconds), how many alternating rounds, and with what. */
export interface Schedule {
  rounds: number
  seconds: number
  warmupSeconds: number
  driver: LoadDriver
}

const log = (line: string) => process.stderr.write(`${line}\n`)

function measure(benchCase: BenchCase, contender: Contender, schedule: Schedule, seconds: number) {
  return load(
    schedule.driver,
    {
      url: contender.origin + benchCase.path,
      status: benchCase.status,
      cpuSeconds: contender.cpuSeconds,
      ...(contender.ownBytes ? {} : { bodyBytes: contender.bodyBytes ?? benchCase.bytes }),
      ...(contender.headers ? { headers: contender.headers } : {}),
      ...(benchCase.headers && !contender.headers ? { headers: benchCase.headers } : {}),
    },
    seconds,
  )
}

/**
 * Measures every contender of every case in rounds. Within a round each case
 * runs its contenders back to back, starting with a different one each round,
 * so drift on the machine (heat, other processes) falls on all of them alike.
 */
export async function compare(cases: readonly BenchCase[], schedule: Schedule) {
  const results: CaseRuns[] = cases.map((benchCase) => ({
    benchCase,
    runs: new Map(),
    problems: [],
  }))
  const note = (caseRuns: CaseRuns, contender: Contender, when: string, result: LoadResult) => {
    for (const problem of result.problems) {
      caseRuns.problems.push(`${contender.name}, ${when}: ${problem}`)
    }
  }
  // One unmeasured burst per Worker, on its first case, lets the JIT warm up; the
  // render caches are already full (every path was fetched when it was captured).
  const warmed = new Set<string>()
  for (const caseRuns of results) {
    for (const contender of caseRuns.benchCase.contenders) {
      if (warmed.has(contender.origin)) continue
      warmed.add(contender.origin)
      const result = await measure(caseRuns.benchCase, contender, schedule, schedule.warmupSeconds)
      note(caseRuns, contender, 'warm-up', result)
    }
  }
  for (let round = 0; round < schedule.rounds; round++) {
    for (const caseRuns of results) {
      const { benchCase, runs } = caseRuns
      const { contenders } = benchCase
      for (let i = 0; i < contenders.length; i++) {
        const contender = contenders[(i + round) % contenders.length] as Contender
        const result = await measure(benchCase, contender, schedule, schedule.seconds)
        runs.set(contender.name, [...(runs.get(contender.name) ?? []), result])
        note(caseRuns, contender, `round ${round + 1}`, result)
        const problems =
          result.problems.length > 0 ? `  PROBLEMS: ${result.problems.join('; ')}` : ''
        log(
          `  round ${round + 1}/${schedule.rounds}  ${benchCase.group}  ${benchCase.name}  ${contender.name}: ${Math.round(result.requestsPerSecond)} req/s${problems}`,
        )
      }
    }
  }
  return results
}
