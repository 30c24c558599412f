import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { type LoadDriver, sizeProblems } from './load-driver'

const run = promisify(execFile)

const timeUnits: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 }
const sizeUnits: Record<string, number> = {
  B: 1,
  KB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
}

/** Whether wrk is installed (apt-get install wrk); without it the bench uses autocannon. */
export async function wrkAvailable(): Promise<boolean> {
  try {
    await run('wrk', ['--version'])
    return true
  } catch (error) {
    // wrk --version prints its version and exits 1; only a missing binary is ENOENT.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT'
  }
}

/**
 * wrk, one thread: a C client spends far less CPU per request than a Node one,
 * which matters on 2 cores and with large bodies. It counts statuses only as
 * "non-2xx or 3xx", so the bytes read per answer also tell a 304 from a 200.
 */
export const wrk: LoadDriver = async (target, seconds, connections) => {
  const headers = Object.entries(target.headers ?? {}).flatMap(([name, value]) => [
    '-H',
    `${name}: ${value}`,
  ])
  const { stdout } = await run('wrk', [
    '-t1',
    `-c${connections}`,
    `-d${seconds}s`,
    ...headers,
    target.url,
  ])
  const summary = /(\d+) requests in ([\d.]+)(us|ms|s|m), ([\d.]+)(B|KB|MB|GB|TB) read/.exec(stdout)
  if (!summary) throw new Error(`Cannot read wrk's output:\n${stdout}`)
  const requests = Number(summary[1])
  const duration = (Number(summary[2]) * (timeUnits[summary[3] as string] ?? Number.NaN)) / 1000
  const bytes = Number(summary[4]) * (sizeUnits[summary[5] as string] ?? Number.NaN)
  const problems: string[] = []
  const errors = /Socket errors: (.*)/.exec(stdout)
  if (errors) problems.push(`socket errors: ${errors[1]}`)
  const wrongStatus = /Non-2xx or 3xx responses: (\d+)/.exec(stdout)
  if (wrongStatus) problems.push(`${wrongStatus[1]} answers neither 2xx nor 3xx`)
  problems.push(...sizeProblems(target, bytes / requests))
  return { requests, duration, problems }
}
