import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url))

/** What a copy of the project needs to build: the engine, never the publisher's content/. */
export const engineFiles = ['src', 'scripts', 'wrangler.toml', 'package.json', 'tsconfig.json']

/**
 * Builds the real Worker with another content folder, in a scratch copy of the
 * project (in `parent`, else the system's temporary folder) so the main build
 * (src/generated, dist) is never touched. Returns the bundle's path for
 * startWorker({ scriptPath }). `env` adds to the build's environment (e.g.
 * SITEMAP_URL_LIMIT).
 */
export function buildFixtureBundle(
  contentDir: string,
  env: Record<string, string> = {},
  parent: string = tmpdir(),
): string {
  mkdirSync(parent, { recursive: true })
  const scratch = mkdtempSync(join(parent, 'fixture-site-'))
  const generated = join(repositoryRoot, 'src', 'generated')
  for (const entry of engineFiles) {
    // The main build's output is no source: the copy builds its own.
    cpSync(join(repositoryRoot, entry), join(scratch, entry), {
      recursive: true,
      filter: (source) => source !== generated,
    })
  }
  cpSync(contentDir, join(scratch, 'content'), { recursive: true })
  symlinkSync(join(repositoryRoot, 'node_modules'), join(scratch, 'node_modules'), 'dir')
  const result = spawnSync(
    process.execPath,
    [
      join(repositoryRoot, 'node_modules/wrangler/bin/wrangler.js'),
      'deploy',
      '--dry-run',
      '--outdir',
      'dist',
    ],
    {
      cwd: scratch,
      // wrangler keeps logs and state under HOME and .wrangler; one per build avoids clashes.
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_LOG_PATH: join(scratch, 'logs'),
        ...env,
      },
      encoding: 'utf8',
    },
  )
  if (result.status !== 0) {
    throw new Error(`fixture build failed (${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
  writeFileSync(join(scratch, buildOutputFile), result.stdout + result.stderr)
  return join(scratch, 'dist', 'index.js')
}

const buildOutputFile = 'build-output.txt'

/** What the build of a fixture bundle printed (wrangler's output, the content build's in it). */
export function buildOutputOf(bundle: string): string {
  return readFileSync(join(dirname(dirname(bundle)), buildOutputFile), 'utf8')
}
