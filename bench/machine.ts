import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg, release } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from './project'

function version(pkg: string): string {
  const manifest = join(repoRoot, 'node_modules', pkg, 'package.json')
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
}

/** What the figures depend on: the machine and the versions of everything in the path. */
export function describeMachine() {
  const workerdBinary = join(repoRoot, 'node_modules/.bin/workerd')
  return {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    os: `${process.platform} ${release()}`,
    node: process.version,
    workerd: `${version('workerd')} (${execFileSync(workerdBinary, ['--version'], { encoding: 'utf8' }).trim()})`,
    miniflare: version('miniflare'),
    wrangler: version('wrangler'),
    autocannon: version('autocannon'),
    loadAverage: loadAverage(),
  }
}

/** The 1, 5 and 15 minute load averages: above the core count, other work shared the machine. */
export function loadAverage(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(' / ')
}

export type Machine = ReturnType<typeof describeMachine>
