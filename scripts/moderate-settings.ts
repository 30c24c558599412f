import { existsSync, readFileSync } from 'node:fs'
import { isLoopback } from '../src/lib/loopback'

/** Where the CLI found its settings, so error messages can say which one to fix. */
export interface AdminSettings {
  baseUrl: string
  token: string
  tokenSource: string
}

/** A problem with the operator's settings; the CLI prints it and exits 2. */
export class SettingsError extends Error {}

/** The site's address: --url, else SITE_URL, else the local dev server; no trailing slash. */
export function resolveBaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const raw = flag || env.SITE_URL || 'http://localhost:8787'
  const from = flag ? '--url' : env.SITE_URL ? 'SITE_URL' : 'the default'
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new SettingsError(
      `${from} is not a URL: "${raw}" (expected e.g. https://news.example.org)`,
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SettingsError(`${from} must start with http:// or https://, got "${raw}"`)
  }
  if (url.protocol === 'http:' && !isLoopback(raw)) {
    throw new SettingsError(
      `Refusing to send the admin token over plain http to ${url.host}; use https://${url.host}`,
    )
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/** The value of `name` in a dotenv-style file such as .dev.vars, if it is set there. */
export function readDotenvValue(text: string, name: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line)
    if (!match || match[1] !== name) continue
    const value = (match[2] ?? '').trim()
    const quoted = /^(["'])(.*)\1$/.exec(value)
    return quoted ? quoted[2] : value.replace(/\s+#.*$/, '')
  }
  return undefined
}

/** The admin token: ADMIN_TOKEN from the environment, else from ./.dev.vars. */
export function resolveToken(
  env: NodeJS.ProcessEnv,
  devVarsPath = '.dev.vars',
): { token: string; tokenSource: string } {
  if (env.ADMIN_TOKEN) return { token: env.ADMIN_TOKEN, tokenSource: 'ADMIN_TOKEN' }
  const fromFile = existsSync(devVarsPath)
    ? readDotenvValue(readFileSync(devVarsPath, 'utf8'), 'ADMIN_TOKEN')
    : undefined
  if (fromFile) return { token: fromFile, tokenSource: devVarsPath }
  throw new SettingsError(
    'No admin token. Set ADMIN_TOKEN in the environment, or put ADMIN_TOKEN=… in .dev.vars ' +
      '(copy .dev.vars.example) for the local site.',
  )
}
