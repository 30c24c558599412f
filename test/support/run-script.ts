import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** How an operator script ended. */
export interface Run {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs scripts/<script> as its own process, as `npm run` would, with exactly the
 * environment given (nothing inherited unless the caller passes it) and `input`
 * as its standard input. The script runs as one bundle (scripts/run-bundled.mjs,
 * as the content build runs), made once and kept in .cache/bundled/ until its
 * sources change: tsx's loader would cost every start about half a second, and
 * several seconds with test files running side by side.
 */
export function runScript(
  script: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; input?: string },
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(root, 'scripts', 'run-bundled.mjs'), join(root, 'scripts', script), ...args],
      { cwd: options.cwd ?? root, env: options.env, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
    // Standard input: what the caller gives, else nothing (never the test runner's own).
    child.stdin?.end(options.input ?? '')
  })
}
