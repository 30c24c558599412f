import { atSeed } from './cases'
import type { CaseRuns, Schedule } from './compare'
import type { Machine } from './machine'
import { table } from './markdown-table'
import { summarise } from './stats'

/** A goal (of issues 4 and 11), what was measured, and whether it was met: a row of the report. */
export interface GoalCheck {
  goal: string
  measured: string
  met: string
}

/** One built copy of the project and what was measured of it before any load. */
export interface ScaleRow {
  articles: number
  buildMs: number
  rawBytes: number
  gzipBytes: number
  /** CPU ms a fresh workerd spends to load it and answer once, above an empty Worker's. */
  startupAddedMs: number
  largestInputs: Array<{ path: string; bytes: number }>
  assetFiles: number
  contentBuildMs: number
  rebuild: { wallMs: number; reportedMs: number }
  hugoMs?: number
}

/** Everything one `npm run bench` measured. */
export interface BenchReport {
  machine: Machine
  schedule: Schedule
  connections: number
  /** wrk or autocannon. */
  loadGenerator: string
  emptyStartupMs: number
  scale: ScaleRow[]
  cases: CaseRuns[]
  goals: GoalCheck[]
  scaleGoals: GoalCheck[]
  notes: string[]
  minutes: number
  /** 1, 5 and 15 minute load averages when the run ended. */
  loadAverageAtEnd: string
}

const MiB = 1024 * 1024
const whole = (n: number) => Math.round(n).toLocaleString('en-US')
const kib = (bytes: number) =>
  `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KiB`
const share = (bytes: number, limit: number) => `${((bytes / limit) * 100).toFixed(1)} %`

const isConstant = (name: string) => name === 'constant' || name === atSeed('constant')

function groupTable(cases: readonly CaseRuns[]): string {
  const rows = cases.flatMap((caseRuns) =>
    summarise(caseRuns).map((s) => [
      caseRuns.benchCase.name,
      kib(caseRuns.benchCase.bytes),
      s.name,
      whole(s.requestsPerSecond),
      isConstant(s.name) ? '1' : s.ratio.toFixed(2),
      s.cpuMicrosPerRequest.toFixed(0),
      isConstant(s.name) ? '1' : s.cpuRatio.toFixed(2),
      `${Math.round(s.busy * 100)} %`,
    ]),
  )
  return table(
    ['case', 'body', 'Worker', 'req/s', 'ratio', 'CPU µs/req', 'CPU ratio', 'workerd busy'],
    rows,
  )
}

const seconds = (ms: number) => (ms / 1000).toFixed(2)

function scaleTable(report: BenchReport): string {
  const rows = report.scale.map((row) => [
    whole(row.articles),
    seconds(row.contentBuildMs),
    row.hugoMs === undefined ? '–' : seconds(row.hugoMs),
    `${seconds(row.rebuild.wallMs)} (${seconds(row.rebuild.reportedMs)})`,
    seconds(row.buildMs),
    kib(row.rawBytes),
    kib(row.gzipBytes),
    share(row.gzipBytes, 3 * MiB),
    whole(row.assetFiles),
    row.startupAddedMs.toFixed(1),
  ])
  return table(
    [
      'articles',
      'content build s',
      'Hugo s',
      'rebuild after 1 edit s (in build)',
      'bundling s',
      'bundle raw',
      'bundle gzip',
      'of 3 MiB (free)',
      'asset files (free: 20,000)',
      'startup ms',
    ],
    rows,
  )
}

// Rounds of the same Worker and case that differ more than this were disturbed
// (other processes, or a load generator that cannot keep up with large bodies).
const unsteady = 1.5

function unsteadyNote(cases: readonly CaseRuns[]): string[] {
  const shaky = cases.flatMap((c) =>
    summarise(c)
      .filter((s) => s.spread > unsteady)
      .map((s) => `${c.benchCase.group}, ${c.benchCase.name}, ${s.name} (${s.spread.toFixed(1)}×)`),
  )
  if (shaky.length === 0) return []
  return [
    `Rounds differed by more than ${unsteady}× in req/s for: ${shaky.join('; ')}. ` +
      'Their ratios are noise more than measurement; rerun on a quiet machine before reading them.',
  ]
}

function problemsSection(cases: readonly CaseRuns[]): string[] {
  const lines = cases.flatMap((c) =>
    c.problems.map((problem) => `- ${c.benchCase.group}, ${c.benchCase.name}: ${problem}`),
  )
  return [
    '## Wrong answers under load',
    '',
    ...(lines.length > 0
      ? lines
      : ['None: every answer had the expected status and size, in every burst.']),
    '',
  ]
}

/** The results as Markdown: the body of bench/RESULTS.md, also printed to the terminal. */
export function renderReport(report: BenchReport): string {
  const { machine, schedule } = report
  const groups = [...new Set(report.cases.map((c) => c.benchCase.group))]
  const seed = report.scale[0]
  return [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${machine.date} in ${report.minutes.toFixed(1)} minutes. ` +
      'Requests per second are this machine’s; the ratios to the constant Worker are what carries over.',
    '',
    table(
      ['machine', ''],
      [
        ['CPU', `${machine.cpu}, ${machine.cores} cores`],
        ['OS', machine.os],
        ['Node', machine.node],
        ['workerd', machine.workerd],
        ['Miniflare / wrangler', `${machine.miniflare} / ${machine.wrangler}`],
        [
          'load generator',
          `${report.loadGenerator === 'wrk' ? 'wrk (one thread)' : `autocannon ${machine.autocannon}`}, ${report.connections} connections`,
        ],
        ['load average', `${machine.loadAverage} at start, ${report.loadAverageAtEnd} at end`],
      ],
    ),
    '',
    '## Goals',
    '',
    table(
      ['goal', 'measured', 'met'],
      [...report.goals, ...report.scaleGoals].map((g) => [g.goal, g.measured, g.met]),
    ),
    '',
    '## Requests per second',
    '',
    `Median of ${schedule.rounds} rounds of ${schedule.seconds} s per Worker and case, after a ` +
      `${schedule.warmupSeconds} s warm-up of each Worker; Workers alternate within each round. The ratio is the ` +
      'median over rounds of req/s ÷ the constant’s req/s in the same round. `hono` is this Worker ' +
      '(dist/index.js), `itty` the router peer, `naive` the per-request `feed` peer, `constant` ' +
      'the same bytes and headers returned as a constant. CPU µs/req is the CPU time of the ' +
      'Worker’s workerd process (all threads, from /proc) per answered request; the CPU ratio is ' +
      'the constant’s ÷ this one’s, so 1 means as cheap as the constant. It holds even when ' +
      'other work shares the machine. `workerd busy` is the share of one core it used: well ' +
      'below 100 % means the load generator, not the Worker, set the pace. In the largest N’s ' +
      'table the Workers of N = 1 (`… at N = 1`, each against its own constant) take turns with ' +
      'it in the same rounds; the goal compares the two ratios round by round.',
    '',
    ...groups.flatMap((group) => [
      `### ${group}`,
      '',
      groupTable(report.cases.filter((c) => c.benchCase.group === group)),
      '',
    ]),
    '## Scale: build, bundle and startup',
    '',
    scaleTable(report),
    '',
    'Content build: `node scripts/run-bundled.mjs scripts/build-content.ts` (what `npm run ' +
      'build:content` and wrangler’s [build] run) from nothing (no state, no cache, no bundle), ' +
      'wall clock, process start included. Hugo: the same Markdown files to HTML pages and RSS, ' +
      'in turn with the content build. Rebuild: the same content build after one article was ' +
      'edited, wall clock (in brackets the build’s own figure, without the process start). ' +
      'Where several runs were made, the figures are medians. Bundling: `wrangler deploy ' +
      '--dry-run` after that, its content build finding nothing to do.',
    '',
    'Startup is the CPU time a fresh workerd spends to load the bundle and answer one request ' +
      '(no rendering), above what it spends for an empty Worker ' +
      `(${report.emptyStartupMs.toFixed(1)} ms): in each of several rounds the empty Worker and every size start once, and each figure is the median over rounds of the difference; see bench/startup.ts.`,
    '',
    ...(seed
      ? [
          `Largest parts of the ${whole(seed.articles)}-article bundle: ` +
            seed.largestInputs.map((input) => `${input.path} ${kib(input.bytes)}`).join(', ') +
            '.',
          '',
        ]
      : []),
    ...problemsSection(report.cases),
    '## Notes',
    '',
    ...[...unsteadyNote(report.cases), ...report.notes].map((note) => `- ${note}`),
    '',
  ].join('\n')
}
