import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
/** A comment as the moderation API returns it (GET /admin/comments). */
export interface ModeratedComment {
  id: string
  article: string
  author: string
  email: string
  url?: string
  content: string
  parent?: string
  status: 'pending' | 'approved' | 'spam'
  created: string
  edited?: string
  /** The count of its author's edits, as text; absent before the first. Its version. */
  edits?: string
  client: string
}

/** What one import batch did (POST /admin/import). */
export interface ImportResult {
  created: number
  replaced: number
  articles: string[]
}

/** What went wrong talking to the admin API, phrased for the operator; the CLI exits 1. */
export class AdminApiError extends Error {}

const timeoutMs = 15_000

/**
 * Where the CLI keeps the device token each site hands it on its first
 * successful request (the `Admin-Device` header), by site address: sent back
 * with every request, it lets this machine in while strangers on its network
 * are locked out by the sign-in limit. Git-ignored, readable by its owner only.
 */
const devicesFile = join('.cache', 'admin-devices.json')
const deviceHeader = 'admin-device'

function readDevices(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(devicesFile, 'utf8'))
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {}
  } catch {
    return {}
  }
}

function keepDevice(baseUrl: string, token: string): void {
  mkdirSync(dirname(devicesFile), { recursive: true })
  writeFileSync(devicesFile, JSON.stringify({ ...readDevices(), [baseUrl]: token }, null, 2), {
    mode: 0o600,
  })
}

/** The moderation API of one site (docs/contract.md, "Moderation API"), with a bearer token. */
export class AdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly tokenSource: string,
  ) {}

  /** Every comment with `status`, optionally of one article, following the cursor to the end. */
  async list(status: string, article?: string): Promise<ModeratedComment[]> {
    const comments: ModeratedComment[] = []
    let cursor: string | undefined
    do {
      const query = new URLSearchParams({ status })
      if (article) query.set('article', article)
      if (cursor) query.set('cursor', cursor)
      const response = await this.request('GET', `/admin/comments?${query}`)
      const page = (await response.json().catch(() => null)) as {
        comments?: ModeratedComment[]
        cursor?: string
      } | null
      if (!page || !Array.isArray(page.comments)) throw this.notAdminApi(response)
      comments.push(...page.comments)
      cursor = page.cursor
    } while (cursor)
    return comments
  }

  /** Every comment of every status, page by page as the site hands them out (GET /admin/export). */
  async *exportPages(): AsyncGenerator<ModeratedComment[]> {
    let cursor: string | undefined
    do {
      const query = cursor ? `?${new URLSearchParams({ cursor })}` : ''
      const response = await this.request('GET', `/admin/export${query}`)
      const page = (await response.json().catch(() => null)) as {
        comments?: ModeratedComment[]
        cursor?: string
      } | null
      if (!page || !Array.isArray(page.comments)) throw this.notAdminApi(response)
      yield page.comments
      cursor = page.cursor
    } while (cursor)
  }

  /** Restores a batch of exported comments under their own ids (POST /admin/import). */
  async importBatch(comments: unknown[]): Promise<ImportResult> {
    const response = await this.request('POST', '/admin/import', { body: { comments } })
    return (await response.json()) as ImportResult
  }

  /**
   * Publishes a comment if it is still the `version` the operator read (the
   * site answers 409 if its author edited it since); returns it as stored.
   */
  async approve(id: string, version: string): Promise<ModeratedComment> {
    const response = await this.request(
      'POST',
      `/admin/comments/${encodeURIComponent(id)}/approve?${new URLSearchParams({ version })}`,
      { commentId: id },
    )
    return (await response.json()) as ModeratedComment
  }

  /** Marks a comment as spam (hidden, kept); returns it as stored. */
  async spam(id: string): Promise<ModeratedComment> {
    const response = await this.request('POST', `/admin/comments/${encodeURIComponent(id)}/spam`, {
      commentId: id,
    })
    return (await response.json()) as ModeratedComment
  }

  /** Removes a comment for good. */
  async delete(id: string): Promise<void> {
    const response = await this.request('DELETE', `/admin/comments/${encodeURIComponent(id)}`, {
      commentId: id,
    })
    await response.body?.cancel()
  }

  private async request(
    method: string,
    path: string,
    { commentId, body }: { commentId?: string; body?: unknown } = {},
  ): Promise<Response> {
    let response: Response
    const device = readDevices()[this.baseUrl]
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(device ? { [deviceHeader]: device } : {}),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      throw new AdminApiError(
        `Cannot reach ${this.baseUrl}: ${reason(error)}.\n` +
          'Is the site running (npm start for the local one), and is the address right? ' +
          'Set it with --url or SITE_URL.',
      )
    }
    const issued = response.headers.get(deviceHeader)
    if (issued) keepDevice(this.baseUrl, issued)
    if (response.ok) return response
    const detail = await problemDetail(response)
    if (response.status === 401) {
      throw new AdminApiError(
        `${this.baseUrl} refused the admin token (401 Unauthorized); it came from ${this.tokenSource}.\n` +
          'Use the ADMIN_TOKEN the site runs with: .dev.vars for the local site, or the secret ' +
          'set with "npx wrangler secret put ADMIN_TOKEN" for a deployed one.',
      )
    }
    if (response.status === 404 && commentId !== undefined && detail !== undefined) {
      throw new AdminApiError(`There is no comment "${commentId}" on ${this.baseUrl} (404).`)
    }
    if (response.status === 409 && commentId !== undefined) {
      throw new AdminApiError(
        `Comment "${commentId}" was edited by its author since you listed it, so it was not ` +
          'approved and is still pending. List it again (npm run moderate -- list), read it, ' +
          'and approve it then.',
      )
    }
    if (response.status === 404 || (response.status >= 300 && response.status < 400)) {
      throw this.notAdminApi(response)
    }
    const retry = response.headers.get('retry-after')
    throw new AdminApiError(
      `${method} ${this.baseUrl}${path} failed: HTTP ${response.status}` +
        (detail ? ` — ${detail}` : '') +
        (retry ? ` (try again in ${retry} s)` : ''),
    )
  }

  private notAdminApi(response: Response): AdminApiError {
    const location = response.headers.get('location')
    return new AdminApiError(
      `${this.baseUrl} does not answer like this site's admin API (HTTP ${response.status}` +
        (location ? `, redirected to ${location}` : '') +
        '). Check --url or SITE_URL: it must be the address the site is served at.',
    )
  }
}

/** The `detail` of an application/problem+json answer, if it is one. */
async function problemDetail(response: Response): Promise<string | undefined> {
  if (!response.headers.get('content-type')?.startsWith('application/problem+json')) {
    await response.body?.cancel()
    return undefined
  }
  const body = (await response.json().catch(() => ({}))) as {
    detail?: unknown
    title?: unknown
    errors?: Array<{ message?: unknown }>
  }
  const detail = String(body.detail ?? body.title ?? '')
  // A few field errors say what to fix; a whole batch's worth would drown the message.
  const fields = Array.isArray(body.errors) ? body.errors.slice(0, 5).map((e) => e.message) : []
  return fields.length > 0 ? `${detail} (${fields.join('; ')})` : detail
}

function reason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${timeoutMs / 1000} s`
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? String(error)
}
