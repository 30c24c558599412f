import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const tsx = import.meta.resolve('tsx')

/** How an operator script ended. */
export interface Run {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs scripts/<script> with tsx as its own process, as `npm run` would, with
 * exactly the environment given (nothing inherited unless the caller passes it) and
 * `input` as its standard input.
 */
export function runScript(
  script: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; input?: string },
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', tsx, join(root, 'scripts', script), ...args],
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
