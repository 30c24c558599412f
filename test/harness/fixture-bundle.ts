import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { testSiteBundle } from './test-site'

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url))

// wrangler.toml's build command, run here with the engine's scripts where they are.
const buildCommand = 'node scripts/run-bundled.mjs scripts/build-content.ts'

/**
 * Builds the real Worker with another content folder, in a scratch folder (in
 * `parent`, else the system's temporary folder) so the main build (src/generated,
 * dist) is never touched. Returns the bundle's path for startWorker({ scriptPath }).
 * `env` adds to the build's environment (e.g. SITEMAP_URL_LIMIT).
 *
 * The content build runs as wrangler's build command runs it, on a copy of the
 * folder, and fails as that does. The Worker's code is the test site's bundle
 * (test/harness/test-site.ts), which wrangler made from the same engine: a site
 * differs only in the Text module the code imports (content.json.txt) and the
 * assets beside it, so the copy gets its own of those under the same names.
 * Bundling again with wrangler would give the same code and cost each fixture
 * site seconds of CPU.
 */
export function buildFixtureBundle(
  contentDir: string,
  env: Record<string, string> = {},
  parent: string = tmpdir(),
): string {
  const wranglerToml = readFileSync(join(repositoryRoot, 'wrangler.toml'), 'utf8')
  if (!wranglerToml.includes(`command = "${buildCommand}"`)) {
    throw new Error(
      `wrangler.toml's build command is no longer "${buildCommand}": change this to run it`,
    )
  }
  const worker = testSiteBundle()
  mkdirSync(parent, { recursive: true })
  const scratch = mkdtempSync(join(parent, 'fixture-site-'))
  cpSync(contentDir, join(scratch, 'content'), { recursive: true })
  // A large build compiles on threads whose code, written under .cache/, imports packages.
  symlinkSync(join(repositoryRoot, 'node_modules'), join(scratch, 'node_modules'), 'dir')
  // startWorker reads the bindings (and the assets' folder) from it; the build reads SITE_URL.
  writeFileSync(join(scratch, 'wrangler.toml'), wranglerToml)
  const result = spawnSync(
    process.execPath,
    buildCommand
      .split(' ')
      .slice(1)
      .map((path) => join(repositoryRoot, path)),
    { cwd: scratch, env: { ...process.env, ...env }, encoding: 'utf8' },
  )
  if (result.status !== 0) {
    throw new Error(`fixture build failed (${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
  writeFileSync(join(scratch, buildOutputFile), result.stdout + result.stderr)
  const dist = join(scratch, 'dist')
  mkdirSync(dist)
  const contentModule = readdirSync(dirname(worker)).find((name) =>
    name.endsWith('-content.json.txt'),
  )
  if (!contentModule) throw new Error(`${dirname(worker)} holds no content.json.txt module`)
  copyFileSync(worker, join(dist, 'index.js'))
  copyFileSync(join(scratch, 'src', 'generated', 'content.json.txt'), join(dist, contentModule))
  return join(dist, 'index.js')
}

const buildOutputFile = 'build-output.txt'

/** What the content build of a fixture bundle printed. */
export function buildOutputOf(bundle: string): string {
  return readFileSync(join(dirname(dirname(bundle)), buildOutputFile), 'utf8')
}
