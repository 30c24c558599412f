/** The parts of `npm run bench` a run makes. */
export interface BenchModes {
  requests: boolean
  icount: boolean
  kv: boolean
  cost: boolean
}

const flags = ['requests', 'icount', 'kv', 'cost'] as const

/** Reads `--requests --icount --kv --cost` from the arguments; none given means all. */
export function parseModes(args: readonly string[]): BenchModes {
  const unknown = args.filter((arg) => !flags.some((flag) => arg === `--${flag}`))
  if (unknown.length > 0) {
    throw new Error(
      `Unknown argument ${unknown.join(' ')}: use ${flags.map((f) => `--${f}`).join(' ')}`,
    )
  }
  const all = args.length === 0
  const on = (flag: (typeof flags)[number]) => all || args.includes(`--${flag}`)
  return { requests: on('requests'), icount: on('icount'), kv: on('kv'), cost: on('cost') }
}
