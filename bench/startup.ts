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

/** Median over `samples` fresh starts of the CPU ms workerd needs to start `main` and answer. */
export async function startupMilliseconds(
  main: StartupSubject,
  compatibilityDate: string,
  samples: number,
): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < samples; i++) times.push(await startOnce(main, compatibilityDate))
  return median(times)
}
