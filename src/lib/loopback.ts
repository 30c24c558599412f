/** The host names of this machine, as local development and the tests serve the site. */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Whether `url` (an origin or any URL) names this machine. */
export function isLoopback(url: string): boolean {
  return URL.canParse(url) && loopbackHosts.has(new URL(url).hostname)
}
