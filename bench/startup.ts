import { Miniflare } from 'miniflare'
import { median } from './stats'
import { cpuSeconds, withWorkerdPid } from './workerd-cpu'

/** The smallest module Worker: what startup is measured against. */
export const emptyWorker = 'export default { fetch() { return new Response("ok") } }'

/**
 * CPU milliseconds a fresh workerd spends to load `main` and answer one request
 * (a path no route has, so no rendering is counted). Workers freeze their
 * clocks while code runs, so this is read from outside, from the process's CPU
 * time: it holds reading the config, compiling the module, evaluating its top
 * level and the first call into it, whatever workerd does eagerly or lazily.
 */
/** A Worker to start: inline source, or a bundle on disk with its Text modules beside it. */
export type StartupSubject = { script: string } | { scriptPath: string; modulesRoot: string }

async function startOnce(main: StartupSubject, compatibilityDate: string): Promise<number> {
  const [miniflare, pid] = await withWorkerdPid(async () => {
    const started = new Miniflare({
      name: 'startup',
      compatibilityDate,
      modules: true,
      modulesRules: [{ type: 'Text', include: ['**/*.txt'] }],
      ...main,
    })
    await started.ready
    return started
  })
  try {
    await (await miniflare.dispatchFetch('http://startup/__startup__')).arrayBuffer()
    return cpuSeconds(pid) * 1000
  } finally {
    await miniflare.dispose()
  }
}

/**
 * CPU ms each subject's start adds to an empty Worker's: in every round the
 * empty Worker and each subject start once, in a rotating order, and each
 * subject's figure is the median over rounds of its time minus the empty
 * Worker's in the same round, so the machine's drift between subjects cancels
 * (measured one subject after another, the figures moved by tens of ms).
 * Also the empty Worker's own median.
 */
export async function startupAdded(
  subjects: readonly StartupSubject[],
  compatibilityDate: string,
  rounds: number,
): Promise<{ emptyMs: number; addedMs: number[] }> {
  const all: StartupSubject[] = [{ script: emptyWorker }, ...subjects]
  const times = all.map((): number[] => [])
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < all.length; i++) {
      const which = (i + round) % all.length
      times[which]?.push(await startOnce(all[which] as StartupSubject, compatibilityDate))
    }
  }
  const [empty = [], ...rest] = times
  return {
    emptyMs: median(empty),
    addedMs: rest.map((subject) =>
      median(subject.map((ms, round) => ms - (empty[round] ?? Number.NaN))),
    ),
  }
}
