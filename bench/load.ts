import { autocannonDriver } from './load-autocannon'
import type { LoadDriver, LoadTarget } from './load-driver'
import { wrk, wrkAvailable } from './load-wrk'

/** What one bounded burst of load against one URL measured. */
export interface LoadResult {
  requestsPerSecond: number
  /** CPU the Worker's workerd spent per answered request, in microseconds. */
  cpuMicrosPerRequest: number
  /** Share of one core the workerd used during the burst (1 = saturated). */
  busy: number
  /** Errors, other statuses or sizes seen in the burst; reported, never hidden. */
  problems: string[]
}

/** A load target and how to read the CPU time of the workerd that serves it. */
export interface MeasuredTarget extends LoadTarget {
  /** CPU seconds used so far by the workerd serving `url`. */
  cpuSeconds: () => number
}

/** Keep-alive connections per burst: workerd runs a Worker on one thread, 16 keep it busy. */
export const connections = 16

/** The load generator this run uses: wrk when installed, autocannon otherwise. */
export async function chooseDriver(): Promise<{ name: string; driver: LoadDriver }> {
  return (await wrkAvailable())
    ? { name: 'wrk', driver: wrk }
    : { name: 'autocannon', driver: autocannonDriver }
}

/**
 * Drives `target` for `seconds` and reads the Worker's CPU time around it.
 * Wrong answers do not stop the run: how a Worker fails under load is a result.
 */
export async function load(
  driver: LoadDriver,
  target: MeasuredTarget,
  seconds: number,
): Promise<LoadResult> {
  const cpuBefore = target.cpuSeconds()
  const result = await driver(target, seconds, connections)
  const cpu = target.cpuSeconds() - cpuBefore
  return {
    requestsPerSecond: result.requests / result.duration,
    cpuMicrosPerRequest: (cpu * 1e6) / result.requests,
    busy: cpu / result.duration,
    problems: result.problems,
  }
}
