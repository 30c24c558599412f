import { readdirSync, readFileSync } from 'node:fs'

// Linux /proc only; elsewhere the CPU figures are reported as unknown (NaN).

/** Process ids of the workerd processes this Node process has started and not yet ended. */
export function workerdChildren(): number[] {
  const children: number[] = []
  let entries: string[] = []
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))
  } catch {
    return children
  }
  for (const entry of entries) {
    try {
      // "pid (comm) state ppid ...": comm is in parentheses and may hold spaces.
      const stat = /^\d+ \((.*)\) \S (\d+)/.exec(readFileSync(`/proc/${entry}/stat`, 'utf8'))
      if (stat?.[1] === 'workerd' && Number(stat[2]) === process.pid) children.push(Number(entry))
    } catch {
      // The process ended between listing and reading.
    }
  }
  return children
}

/**
 * CPU seconds process `pid` has run so far, all threads, to the nanosecond
 * (schedstat). Unlike requests per second, this barely moves when other work
 * shares the machine, so it measures the Worker's own cost per request.
 */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN
  try {
    let nanoseconds = 0
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const schedstat = readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8')
      nanoseconds += Number(schedstat.split(' ')[0])
    }
    return nanoseconds / 1e9
  } catch {
    return Number.NaN
  }
}

/** Runs `start` and returns what it made with the pid of the one workerd it spawned. */
export async function withWorkerdPid<T>(start: () => Promise<T>): Promise<[T, number | undefined]> {
  const before = new Set(workerdChildren())
  const made = await start()
  const spawned = workerdChildren().filter((pid) => !before.has(pid))
  return [made, spawned.length === 1 ? spawned[0] : undefined]
}
