import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { Miniflare, type MiniflareOptions } from 'miniflare'
import { repoRoot } from './project'

/**
 * Instruction counts of workerd under valgrind's callgrind. Unlike CPU time they
 * hardly move when other work shares the machine (within about 1 % between runs
 * here), so the edge goals can be settled on a shared 2-core box.
 */

const installHint =
  'The instruction-count mode needs valgrind (valgrind and vgdb): apt-get install -y valgrind'

// Whether the command exists at all (vgdb answers --version with a failing status).
const has = (command: string) => spawnSync(command, ['--help']).error === undefined

/** Makes sure valgrind is there: installs the Debian package when running as root, else stops with how to. */
export function ensureValgrind(log: (line: string) => void): void {
  if (has('valgrind') && has('vgdb')) return
  if (process.getuid?.() !== 0)
    throw new Error(`${installHint} (as root), then run the bench again.`)
  log('valgrind is missing: installing the Debian package (apt-get)…')
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'valgrind']]) {
    const run = spawnSync('apt-get', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
    if (run.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed. ${installHint}`)
  }
  if (!has('valgrind') || !has('vgdb')) throw new Error(installHint)
}

/** A workerd under callgrind. */
export interface CountedWorker {
  miniflare: Miniflare
  /** Instructions (Ir, all threads) since the previous cut, or since the process started. */
  cut(): number
  stop(): Promise<void>
}

const workerdBinary = join(
  dirname(createRequire(join(repoRoot, 'package.json')).resolve('workerd/package.json')),
  'bin/workerd',
)

/** Pids of the callgrind processes this Node process started (children whose command line names it). */
function callgrindChildren(): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const parent = /^\d+ \(.*\) \S (\d+)/.exec(readFileSync(`/proc/${entry}/stat`, 'utf8'))?.[1]
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      if (Number(parent) === process.pid && command.includes('--tool=callgrind')) {
        found.push(Number(entry))
      }
    } catch {
      // The process ended between listing and reading.
    }
  }
  return found
}

/**
 * Starts `options` in a workerd run by callgrind: Miniflare starts whatever
 * MINIFLARE_WORKERD_PATH names, here a script that execs valgrind on the real
 * binary (exec, so the pid Miniflare signals is valgrind's and it writes its
 * counts on the way out). Phases are cut with `vgdb dump`, each dump read for
 * its total and removed. Counting starts at process start: the first cut holds
 * the runtime's start and the bundle's load.
 */
export async function startCounted(options: MiniflareOptions): Promise<CountedWorker> {
  const work = mkdtempSync(join(tmpdir(), 'bench-callgrind-'))
  const out = join(work, 'counts')
  const wrapper = join(work, 'workerd')
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      // all-non-file: V8 writes and rewrites its JIT code in anonymous memory.
      `exec valgrind -q --tool=callgrind --smc-check=all-non-file --dump-line=no --callgrind-out-file=${JSON.stringify(out)} ${JSON.stringify(workerdBinary)} "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  )
  const before = new Set(callgrindChildren())
  const previous = process.env.MINIFLARE_WORKERD_PATH
  process.env.MINIFLARE_WORKERD_PATH = wrapper
  let miniflare: Miniflare
  try {
    miniflare = new Miniflare({
      ...options,
      handleRuntimeStdio(stdout: Readable, stderr: Readable) {
        stdout.resume()
        stderr.resume()
      },
    })
    await miniflare.ready
  } finally {
    if (previous === undefined) delete process.env.MINIFLARE_WORKERD_PATH
    else process.env.MINIFLARE_WORKERD_PATH = previous
  }
  const started = callgrindChildren().filter((pid) => !before.has(pid))
  const pid = started[0]
  if (started.length !== 1 || pid === undefined) {
    await miniflare.dispose()
    throw new Error(`expected one callgrind process, found ${started.length}`)
  }
  let dumps = 0
  return {
    miniflare,
    cut() {
      const run = spawnSync('vgdb', [`--pid=${pid}`, 'dump'], {
        encoding: 'utf8',
        timeout: 120_000,
      })
      if (run.status !== 0) throw new Error(`vgdb dump failed: ${run.stderr}${run.stdout}`)
      dumps += 1
      const file = `${out}.${dumps}`
      const total = /^summary: (\d+)$/m.exec(readFileSync(file, 'utf8'))?.[1]
      rmSync(file)
      if (!total) throw new Error(`no summary in callgrind dump ${dumps}`)
      return Number(total)
    },
    async stop() {
      await miniflare.dispose()
      rmSync(work, { recursive: true, force: true })
    },
  }
}
