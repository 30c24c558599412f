/** One request shape: where, with which headers, what every answer must be. */
export interface LoadTarget {
  url: string
  headers?: Record<string, string>
  status: number
  /** Body size every answer has, bounding the bytes read per answer; unchecked when absent. */
  bodyBytes?: number
}

/** What a load generator reports of one burst. */
export interface DriverResult {
  requests: number
  /** Seconds the burst lasted. */
  duration: number
  /** Anything that makes the burst's figure worthless: errors, wrong statuses or sizes. */
  problems: string[]
}

/** A load generator: drives one target for whole seconds over keep-alive connections. */
export type LoadDriver = (
  target: LoadTarget,
  seconds: number,
  connections: number,
) => Promise<DriverResult>

// Headers of these answers (security headers, CSP) stay well below this.
const headerAllowance = 4096
// wrk prints bytes read rounded ("487.23MB"); the check is there to catch a 304
// answered instead of a 200 or an error page, not a byte off.
const rounding = 0.02

/** Checks that the mean bytes read per answer fit the expected body and its headers. */
export function sizeProblems(target: LoadTarget, bytesPerAnswer: number): string[] {
  const body = target.bodyBytes
  if (body === undefined) return []
  const fits =
    bytesPerAnswer >= body * (1 - rounding) &&
    bytesPerAnswer <= body * (1 + rounding) + headerAllowance
  return fits ? [] : [`read ${Math.round(bytesPerAnswer)} bytes per answer, body is ${body}`]
}
