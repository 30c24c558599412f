import { execFileSync } from 'node:child_process'
import { availableParallelism } from 'node:os'

/**
 * Keeps the load generator and the Worker on cores of their own: the bench
 * process (and wrk, which it spawns) on the first core, each workerd on the
 * second. Left to the scheduler, two identical constant Workers measured in
 * the same rounds differed by 18 % in CPU per request, depending on where
 * each process and its client happened to run: more than the 5 % the scale
 * goal asks to see. With one core, or without taskset, nothing is pinned.
 * Only the measuring is pinned: the builds before it use both cores.
 */
let pinning = false

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Moves every thread of `pid` to the cores in `mask` (1 = the first core, 2 = the second). */
function pin(pid: number, mask: number): void {
  execFileSync('taskset', ['-a', '-p', mask.toString(16), String(pid)], { stdio: 'ignore' })
}

/**
 * Pins this process, the load generator, to the first core (its children
 * after this inherit it); true when pinning is on. Workers started afterwards
 * go to the second core.
 */
export function pinLoadGenerator(): boolean {
  pinning = availableParallelism() >= 2 && hasTaskset()
  if (pinning) pin(process.pid, 1)
  return pinning
}

/** Pins a workerd to the second core, once pinLoadGenerator() has pinned the load generator. */
export function pinWorker(pid: number | undefined): void {
  if (pinning && pid !== undefined) pin(pid, 2)
}
