/**
 * `npm run bench [-- --requests] [--icount] [--kv] [--cost]`: each flag runs one
 * part; no flag runs them all. Each part writes its own section of
 * bench/RESULTS.md and keeps the others'.
 *
 * --requests: builds the Worker with 1 article and at the scale sizes (in
 * temporary copies of the project, short generated articles), measures the
 * content build next to Hugo's on the same files, the rebuild after one edit,
 * bundle size, asset files and startup, then drives the real bundle in workerd against a constant-bytes
 * Worker, a naive per-request `feed` Worker and an itty-router peer. Takes about 5½ minutes
 * on 2 cores. Load comes from wrk when it is installed (apt-get install wrk), from
 * autocannon otherwise.
 *
 * --icount, --kv, --cost (the edge bench, issue 24; N = 1 and the largest scale size):
 * instructions per request under callgrind (cold first request of every reader
 * route on a fresh workerd after one 404, warm path, startup; each next to the
 * constant Worker's, valgrind installed with apt-get when missing and running as root)
 * with native cold CPU ms; KV operations per request kind counted at the binding;
 * and the cost model of three sites on the free and paid plans, fed by those counts.
 *
 * Environment: BENCH_ROUNDS (3), BENCH_SECONDS per burst (2, whole seconds),
 * BENCH_SCALE (article counts beside the seed's 1, default "10000,100000").
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { unstable_readConfig } from 'wrangler'
import { atSeed, getCase, revalidationCase } from './cases'
import { type KvWriter, seedApprovedComments } from './comments'
import { type BenchCase, type CaseRuns, compare, type Schedule } from './compare'
import { type ContenderOptions, type Contenders, startContenders } from './contenders'
import { pinLoadGenerator } from './cores'
import { measureEdge } from './edge'
import { renderEdgeSections } from './edge-report'
import { checkGoals, checkScaleGoals } from './goals'
import { hugoVersion } from './hugo'
import { chooseDriver, connections } from './load'
import { describeMachine, loadAverage } from './machine'
import { parseModes } from './modes'
import { type BuiltProject, buildProject, type PeerContent, repoRoot } from './project'
import { renderReport, type ScaleRow } from './report'
import { writeResults, writeSection } from './results-file'
import { startupAdded } from './startup'

const log = (line: string) => process.stderr.write(`${line}\n`)
const fromEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback)

const modes = parseModes(process.argv.slice(2))
const loadGenerator = await chooseDriver()
const schedule: Schedule = {
  rounds: fromEnv('BENCH_ROUNDS', 5),
  seconds: fromEnv('BENCH_SECONDS', 2),
  warmupSeconds: 1,
  driver: loadGenerator.driver,
}
// Each round starts the empty Worker and every project once (bench/startup.ts).
const startupRounds = 9
const commentCount = 2000

const slug = 'openai-sora-artists-leak-protest'
const article = `/articles/${slug}`
const feeds = ['/feed.xml', '/atom.xml', '/feed.json']
const commentFeeds = feeds.map((feed) => `${article}/comments${feed}`)
const allSizes = (process.env.BENCH_SCALE ?? '10000,100000').split(',').map(Number)
// The edge bench alone needs only the largest size, the N.
const scaleSizes = modes.requests ? allSizes : allSizes.slice(-1)
// Short bodies keep 100,000 articles within minutes on 2 cores; the seed article stays full.
const scaleWords: [number, number] = [150, 400]
// The 10,000 row is the goal's (build ≤ Hugo, rebuild ≤ 1 s): three runs of
// each for medians on a shared machine. Larger rows once: Hugo alone takes
// minutes at 100,000.
const buildRuns = (n: number) => (n <= 10_000 ? 3 : 1)
const atScale = (n: number) => `N = ${n.toLocaleString('en-US')} articles`
const groups = {
  small: 'N = 1 article',
  large: atScale(scaleSizes.at(-1) ?? 1),
  noComments: 'Comment feeds, 0 comments (N = 1)',
  comments: `Article with ${commentCount.toLocaleString('en-US')} approved comments (N = 1)`,
}

/** Starts the contenders, measures the cases they make, and stops them whatever happens. */
async function measure(
  project: BuiltProject,
  paths: string[],
  options: ContenderOptions,
  makeCases: (contenders: Contenders) => BenchCase[],
): Promise<CaseRuns[]> {
  const contenders = await startContenders(project, paths, options, compatibilityDate)
  try {
    return await compare(makeCases(contenders), schedule)
  } finally {
    await contenders.stop()
  }
}

/**
 * Like measure(), for `large`, with `small`'s real Worker and constant added to
 * every case (named atSeed(…), each with its own answer's size and validator):
 * ratioOfRatios() then compares the two projects round by round.
 */
async function measureBeside(
  large: BuiltProject,
  small: BuiltProject,
  paths: string[],
  makeCases: (contenders: Contenders) => BenchCase[],
): Promise<CaseRuns[]> {
  const largeContenders = await startContenders(large, paths, {}, compatibilityDate)
  try {
    const smallContenders = await startContenders(small, paths, {}, compatibilityDate)
    try {
      const besides = (benchCase: BenchCase): BenchCase => {
        const route = smallContenders.routes.get(benchCase.path)
        if (!route) throw new Error(`${benchCase.path} was not captured at N = 1`)
        const revalidation = benchCase.status === 304
        const own = {
          limit: atSeed('constant'),
          bodyBytes: revalidation ? 0 : Buffer.byteLength(route.ok.body),
          ...(revalidation ? { headers: { 'if-none-match': route.ok.headers.etag ?? '' } } : {}),
        }
        return {
          ...benchCase,
          contenders: [
            ...benchCase.contenders,
            ...['hono', 'constant'].flatMap((name) => {
              const contender = smallContenders.byName[name]
              return contender ? [{ ...contender, ...own, name: atSeed(name) }] : []
            }),
          ],
        }
      }
      return await compare(makeCases(largeContenders).map(besides), schedule)
    } finally {
      await smallContenders.stop()
    }
  } finally {
    await largeContenders.stop()
  }
}

const started = performance.now()
const resultsFile = join(repoRoot, 'bench/RESULTS.md')
// The configuration as written: a fresh clone has no built assets, which the Miniflare options require.
const { compatibility_date: compatibilityDate = '2026-04-20' } = unstable_readConfig({
  config: join(repoRoot, 'wrangler.toml'),
})
const machine = describeMachine()

const hugo = modes.requests ? hugoVersion() : undefined
log(`Building the Worker with 1 and with ${scaleSizes.join(', ')} articles in temporary copies…`)
const small = buildProject(0, { hugo: hugo !== undefined })
const larges: BuiltProject[] = []
try {
  for (const n of scaleSizes) {
    log(`  ${atScale(n)}: generating, building, rebuilding after one edit${hugo ? ', Hugo' : ''}…`)
    larges.push(
      buildProject(n - 1, {
        words: scaleWords,
        hugo: hugo !== undefined,
        runs: modes.requests ? buildRuns(n) : 1,
      }),
    )
  }
  if (modes.requests) {
    log('Measuring startup (CPU time of fresh workerd processes)…')
    const projects = [small, ...larges]
    const { emptyMs: emptyStartupMs, addedMs } = await startupAdded(
      projects.map((project) => ({ scriptPath: project.bundlePath, modulesRoot: project.dir })),
      compatibilityDate,
      startupRounds,
    )
    const scale: ScaleRow[] = []
    for (const [i, project] of projects.entries()) {
      scale.push({
        articles: project.articleCount,
        buildMs: project.buildMs,
        rawBytes: project.rawBytes,
        gzipBytes: project.gzipBytes,
        largestInputs: project.largestInputs,
        startupAddedMs: addedMs[i] ?? Number.NaN,
        assetFiles: project.assetFiles,
        contentBuildMs: project.contentBuildMs,
        rebuild: project.rebuild,
        ...(project.hugoMs !== undefined ? { hugoMs: project.hugoMs } : {}),
      })
    }

    const feedSize = (JSON.parse(readFileSync(small.contentPath, 'utf8')) as PeerContent).site
      .feedSize
    const notes: string[] = []
    notes.push(
      pinLoadGenerator()
        ? 'While measuring requests, the load generator ran on the first core and every workerd on the second (taskset), so that where the scheduler put them did not move the figures.'
        : 'The load generator and the Workers were not pinned to cores (one core, or no taskset).',
    )
    const cases: CaseRuns[] = []
    const everyone = ['hono', 'itty', 'naive', 'constant']
    const servedRendered = ['hono', 'itty', 'constant']
    const pair = ['hono', 'constant']

    log(`${groups.small}: real Worker, itty, naive and constant…`)
    cases.push(
      ...(await measure(
        small,
        [...feeds, article, ...commentFeeds],
        { itty: true, naive: true },
        (c) => [
          ...feeds.map((feed) => getCase(groups.small, feed, c, everyone)),
          getCase(groups.small, article, c, servedRendered),
          revalidationCase(groups.small, '/feed.xml', c, servedRendered),
          ...commentFeeds.map((feed) => getCase(groups.noComments, feed, c, pair)),
        ],
      )),
    )

    for (const large of larges) {
      const group = atScale(large.articleCount)
      const makeCases = (c: Contenders) => [
        ...feeds.map((feed) => getCase(group, feed, c, pair)),
        getCase(group, article, c, pair),
        revalidationCase(group, '/feed.xml', c, pair),
      ]
      if (large !== larges.at(-1)) {
        log(`${group}: real Worker and constant…`)
        cases.push(...(await measure(large, [...feeds, article], {}, makeCases)))
        continue
      }
      // The largest N is the goal's: its Workers and those of N = 1 take turns in
      // the same rounds, so that its ratios are compared with N = 1's under the same load.
      log(`${group}: real Worker and constant, in turn with those of ${groups.small}…`)
      cases.push(...(await measureBeside(large, small, [...feeds, article], makeCases)))
    }

    log(`${groups.comments}: seeding KV, then real Worker and constant…`)
    cases.push(
      ...(await measure(
        small,
        [article, ...commentFeeds],
        {
          prepare: async (real) => {
            const kv = (await real.miniflare.getKVNamespace('COMMENTS')) as unknown as KvWriter
            await seedApprovedComments(kv, slug, commentCount)
          },
        },
        (c) => [article, ...commentFeeds].map((path) => getCase(groups.comments, path, c, pair)),
      )),
    )

    // Group order in the report: the headline first, comments last.
    const order = [
      groups.small,
      ...larges.map((l) => atScale(l.articleCount)),
      groups.noComments,
      groups.comments,
    ]
    cases.sort((a, b) => order.indexOf(a.benchCase.group) - order.indexOf(b.benchCase.group))

    notes.push(
      'Before each group, the constant and itty Workers were checked to answer every measured path ' +
        'with exactly the real Worker’s status, headers and bytes (200 and 304).',
      `The naive peer builds a feed of the same newest ${feedSize} articles on every request; its documents differ in detail (no comment links), not in size class.`,
      'The itty peer answers from bytes the real Worker rendered, through the same serveRendered; ' +
        'hono ÷ itty is the cost of Hono, its middleware and the handlers’ per-request work ' +
        '(comment-count memo, render-cache lookup).',
      `The scale sizes (${scaleSizes.map((n) => n.toLocaleString('en-US')).join(', ')}) are the seed article plus generated ones of ${scaleWords[0]}–${scaleWords[1]} words; each site feed holds the ${feedSize} newest in full. Build times are wall clock including process start (Node, Hugo), on this machine shared with other work, medians of 3 runs of each up to 10,000 articles (full build and Hugo in turn), one run above; the rebuild's own figure excludes the process start.`,
      hugo
        ? `Hugo: ${hugo}, rendering the same Markdown files to a page each, the home page and an RSS feed of 20 (no taxonomies).`
        : 'Hugo was not available (apt-get install -y hugo); its column is empty.',
      `The ${commentCount.toLocaleString('en-US')} comments were written straight into the local KV with the store's key layout; one in fifty is too long for KV metadata and costs a read of its own when the memo (30 s) reloads.`,
    )

    const report = {
      machine,
      schedule,
      connections,
      loadGenerator: loadGenerator.name,
      emptyStartupMs,
      scale,
      cases,
      goals: checkGoals({
        cases,
        groups,
        startupAddedMs: scale[0]?.startupAddedMs ?? Number.NaN,
        seedGzipBytes: small.gzipBytes,
      }),
      scaleGoals: checkScaleGoals(scale),
      notes,
      minutes: (performance.now() - started) / 60_000,
      loadAverageAtEnd: loadAverage(),
    }
    const markdown = renderReport(report)
    writeResults(resultsFile, markdown)
    console.log(markdown)
    log('Wrote bench/RESULTS.md')
  }
  const edge = { icount: modes.icount, kv: modes.kv, cost: modes.cost }
  if (edge.icount || edge.kv || edge.cost) {
    log('Edge bench: N = 1 and the largest N…')
    const largest = larges.at(-1)
    const figures = await measureEdge(
      largest ? [small, largest] : [small],
      edge,
      compatibilityDate,
      log,
    )
    for (const [name, markdown] of renderEdgeSections(figures, edge)) {
      writeSection(resultsFile, name, markdown)
      console.log(markdown)
    }
    log('Wrote the edge sections of bench/RESULTS.md')
  }
} finally {
  small.remove()
  for (const large of larges) large.remove()
}
