import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * Builds the real Worker with another content folder, in a scratch copy of the
 * project so the main build (src/generated, dist) is never touched. Returns the
 * bundle's path for startWorker({ scriptPath }).
 */
export function buildFixtureBundle(contentDir: string): string {
  const root = mkdtempSync(join(tmpdir(), 'fixture-site-'))
  for (const entry of ['src', 'scripts', 'wrangler.toml', 'package.json', 'tsconfig.json']) {
    cpSync(entry, join(root, entry), { recursive: true })
  }
  cpSync(contentDir, join(root, 'content'), { recursive: true })
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir')
  execFileSync(
    process.execPath,
    [resolve('node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', 'dist'],
    {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      stdio: 'ignore',
    },
  )
  return join(root, 'dist', 'index.js')
}
