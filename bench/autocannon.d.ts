// autocannon ships no types; this declares the part bench/load-autocannon.ts uses.
declare module 'autocannon' {
  interface Options {
    url: string
    headers?: Record<string, string>
    connections?: number
    duration?: number
    maxOverallRequests?: number
  }
  interface Histogram {
    total: number
  }
  interface Result {
    requests: Histogram
    /** Bytes read, per second samples; `total` is all of them. */
    throughput: Histogram
    duration: number
    errors: number
    timeouts: number
    statusCodeStats: Record<string, { count: number }>
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
