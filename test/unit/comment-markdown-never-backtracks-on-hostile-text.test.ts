import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { renderCommentMarkdown } from '../../src/comments/markdown'
import { hostileMarkdown } from '../harness/hostile-markdown'

// A guard against catastrophic backtracking, not a benchmark: each input is six
// times the comment limit and the cap is generous. The linear renderer takes at
// most a few hundred milliseconds here on a busy machine; the code-span pattern it
// replaced (`^ .*[^ ].* $`) took 2.7 s on the 60,000-character code span,
// quadratic in its length. Process CPU, not wall time, so that other processes on
// a loaded machine do not count.
const length = 60_000
const capMs = 1000

function cpuMs(run: () => void): number {
  const start = process.cpuUsage()
  run()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

describe('comment Markdown on hostile text six times the comment limit', () => {
  for (const [name, source] of Object.entries(hostileMarkdown(length))) {
    it(`renders ${name} without catastrophic backtracking (under ${capMs} ms)`, () => {
      // Warmed up first on a sixth of the input, so the compiler's work is not counted.
      renderCommentMarkdown(source.slice(0, length / 6))
      const took = cpuMs(() => renderCommentMarkdown(source))
      assert.ok(
        took < capMs,
        `${name}: ${took.toFixed(0)} ms of CPU for ${source.length} characters`,
      )
    })
  }
})
