import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The site every engine test and the bench serve: the seed article with its
 * settings, kept in the tests' fixtures so that whatever a publisher puts in
 * content/ (their own articles, none of the sample, a site in another language)
 * never changes what the tests see.
 */
export const testSiteContent = fileURLToPath(new URL('../fixtures/site', import.meta.url))

/** The test site's settings, for tests that build sites of their own around them. */
export const testSiteSettings = join(testSiteContent, 'site.yaml')

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url))
const generated = join(repositoryRoot, 'src', 'generated')

/** Where built test sites are kept, one folder per hash of what they were built from. */
const builtSites = join(repositoryRoot, '.cache', 'test-site')

/** What a copy of the project needs to build: the engine, never the publisher's content/. */
const engineFiles = ['src', 'scripts', 'wrangler.toml', 'package.json', 'tsconfig.json']

/**
 * Builds the real Worker of the test site as `wrangler deploy` does, in a
 * scratch copy of the project in `parent`, so the main build (src/generated,
 * dist) is never touched. Returns the copy's folder.
 */
function buildWithWrangler(parent: string): string {
  mkdirSync(parent, { recursive: true })
  const scratch = mkdtempSync(join(parent, 'fixture-site-'))
  for (const entry of engineFiles) {
    // The main build's output is no source: the copy builds its own.
    cpSync(join(repositoryRoot, entry), join(scratch, entry), {
      recursive: true,
      filter: (source) => source !== generated,
    })
  }
  cpSync(testSiteContent, join(scratch, 'content'), { recursive: true })
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
      },
      encoding: 'utf8',
    },
  )
  if (result.status !== 0) {
    throw new Error(
      `test site build failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
    )
  }
  return scratch
}

/** Every file at or under `path` (nothing when it does not exist), the main build's output left out. */
function filesUnder(path: string): string[] {
  if (path === generated || !existsSync(path)) return []
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)))
}

/** A hash of the engine, its locked dependencies and the fixture site: what the bundle is made of. */
function sourceHash(): string {
  const hash = createHash('sha256')
  const files = [
    ...[...engineFiles, 'package-lock.json'].flatMap((entry) =>
      filesUnder(join(repositoryRoot, entry)),
    ),
    ...filesUnder(testSiteContent),
  ].sort()
  for (const file of files) {
    hash.update(`${file.slice(repositoryRoot.length)}\0`)
    hash.update(readFileSync(file))
    hash.update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}

/**
 * The test site's bundle (dist/index.js beside its wrangler.toml and assets),
 * built on first use and kept under .cache/test-site/ until the engine or the
 * fixture changes: a test run builds it once, however many files start it.
 * Other sites' bundles reuse its code (test/harness/fixture-bundle.ts).
 */
export function testSiteBundle(): string {
  const key = sourceHash()
  const built = join(builtSites, key)
  const bundle = join(built, 'dist', 'index.js')
  if (existsSync(bundle)) return bundle
  const scratch = buildWithWrangler(builtSites)
  // Builds of sources that have changed since are of no further use.
  for (const name of readdirSync(builtSites)) {
    const path = join(builtSites, name)
    if (path !== scratch) rmSync(path, { recursive: true, force: true })
  }
  renameSync(scratch, built)
  return bundle
}

// `npm run build:test-site`: build (or find) it once before a test run, so the
// build's output comes before the tests' and no test file waits for it.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`Test site bundle: ${testSiteBundle()}`)
}
