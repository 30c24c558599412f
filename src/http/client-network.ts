/**
 * The client a rate limiter counts: an IPv4 address as it is, an IPv6 address
 * by its /64 network. One home connection or one rented server is given a
 * whole /64, so counting IPv6 addresses one by one would let it post without
 * limit. Anything unreadable counts as itself.
 */
export function clientNetwork(address: string): string {
  const trimmed = address.trim().toLowerCase()
  if (!trimmed.includes(':')) return trimmed
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(trimmed)
  if (mapped?.[1]) return mapped[1]
  const groups = expandIpv6(trimmed.replace(/%.*$/, ''))
  if (!groups) return trimmed
  return `${groups.slice(0, 4).join(':')}::/64`
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros; undefined if malformed. */
function expandIpv6(address: string): string[] | undefined {
  const halves = address.split('::')
  if (halves.length > 2) return undefined
  const parse = (part: string | undefined) => (part ? part.split(':') : [])
  const head = parse(halves[0])
  const tail = parse(halves[1])
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const groups = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...tail]
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined
  return groups.map((group) => group.replace(/^0+(?=.)/, ''))
}

/** The client's network from Cloudflare's CF-Connecting-IP header. */
export function requestClientNetwork(request: Request): string {
  return clientNetwork(request.headers.get('cf-connecting-ip') ?? 'unknown')
}
