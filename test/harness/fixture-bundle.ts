import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * Builds the real Worker with another content folder, in a scratch copy of the
 * project so the main build (src/generated, dist) is never touched. Returns the
 * bundle's path for startWorker({ scriptPath }). `env` adds to the build's
 * environment (e.g. SITEMAP_URL_LIMIT).
 */
export function buildFixtureBundle(contentDir: string, env: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'fixture-site-'))
  for (const entry of ['src', 'scripts', 'wrangler.toml', 'package.json', 'tsconfig.json']) {
    cpSync(entry, join(root, entry), { recursive: true })
  }
  cpSync(contentDir, join(root, 'content'), { recursive: true })
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir')
  const result = spawnSync(
    process.execPath,
    [resolve('node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', 'dist'],
    {
      cwd: root,
      // wrangler keeps logs and state under HOME and .wrangler; one per build avoids clashes.
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_LOG_PATH: join(root, 'logs'),
        ...env,
      },
      encoding: 'utf8',
    },
  )
  if (result.status !== 0) {
    throw new Error(`fixture build failed (${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
  return join(root, 'dist', 'index.js')
}
