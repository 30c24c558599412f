import autocannon from 'autocannon'
import { type LoadDriver, sizeProblems } from './load-driver'

// A ceiling on requests in case a Worker is far faster than expected.
const maxOverallRequests = 2_000_000

/** autocannon (a devDependency): runs anywhere npm does, but its client costs more CPU than wrk. */
export const autocannonDriver: LoadDriver = async (target, seconds, connections) => {
  const result = await autocannon({
    url: target.url,
    headers: target.headers ?? {},
    connections,
    duration: seconds,
    maxOverallRequests,
  })
  const problems: string[] = []
  if (result.errors > 0 || result.timeouts > 0) {
    problems.push(`${result.errors} errors, ${result.timeouts} timeouts`)
  }
  const statuses = Object.keys(result.statusCodeStats).map(Number)
  if (statuses.some((status) => status !== target.status)) {
    problems.push(`statuses ${JSON.stringify(result.statusCodeStats)}`)
  }
  problems.push(...sizeProblems(target, result.throughput.total / result.requests.total))
  return {
    requests: result.requests.total,
    duration: result.duration,
    problems,
  }
}
