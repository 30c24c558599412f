/**
 * `npm run bench:markdown`: how long the Worker's comment Markdown renderer takes
 * on hostile comments (`test/harness/hostile-markdown.ts`) at the 10,000-character
 * limit (goal: under 50 ms each), warmed up: the mean CPU time per render (process
 * CPU, so other processes on a busy machine do not count), and the median and
 * worst wall time.
 */
import { performance } from 'node:perf_hooks'
import { renderCommentMarkdown } from '../src/comments/markdown'
import { hostileMarkdown } from '../test/harness/hostile-markdown'

const inputs = hostileMarkdown(10_000)

const runs = Number(process.env.BENCH_RUNS ?? 50)
const rows: string[] = []
let worst = 0
for (const [name, source] of Object.entries(inputs)) {
  for (let i = 0; i < 5; i++) renderCommentMarkdown(source)
  const times: number[] = []
  const cpuStart = process.cpuUsage()
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    renderCommentMarkdown(source)
    times.push(performance.now() - start)
  }
  const cpu = process.cpuUsage(cpuStart)
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)] as number
  const max = times.at(-1) as number
  worst = Math.max(worst, cpuMs)
  rows.push(
    `| ${name} | ${source.length} | ${cpuMs.toFixed(2)} | ${median.toFixed(2)} | ${max.toFixed(2)} |`,
  )
}
console.log(
  '| input | characters | mean CPU ms | median wall ms | worst wall ms |\n|---|---:|---:|---:|---:|',
)
console.log(rows.join('\n'))
console.log(`\nslowest input, mean CPU: ${worst.toFixed(2)} ms (goal: under 50 ms)`)
