import { type Messages, messagesFor } from '../../src/pages/i18n'
import { adminToken, type TestWorker } from '../harness/worker'

/** A moderator's browser over plain HTTP: keeps the session cookie, reads the CSRF token. */
export interface ModeratorClient {
  cookie: string
  /** The session cookie exactly as the Worker set it, attributes included. */
  setCookie: string
  csrf(): Promise<string>
  get(path: string): Promise<Response>
  post(
    path: string,
    fields: Array<[string, string]>,
    headers?: Record<string, string>,
  ): Promise<Response>
}

/** Posts a form as a browser on this site does (same-origin Origin header). */
export function postForm(
  worker: TestWorker,
  path: string,
  fields: Array<[string, string]>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return worker.fetch(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: worker.origin,
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  })
}

/** The value of a hidden `csrf` field in a page. */
export function csrfIn(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html)
  if (!match?.[1]) throw new Error('no CSRF token in the page')
  return match[1]
}

/** Signs in through the form with the admin token. */
export async function signIn(
  worker: TestWorker,
  client = '192.0.2.10',
  token = adminToken,
): Promise<ModeratorClient> {
  const response = await postForm(worker, '/admin/sign-in', [['token', token]], {
    'cf-connecting-ip': client,
  })
  if (response.status !== 303) throw new Error(`sign-in: HTTP ${response.status}`)
  const setCookie = response.headers.get('set-cookie') ?? ''
  const cookie = setCookie.split(';', 1)[0] ?? ''
  const withCookie = (headers: Record<string, string> = {}) => ({
    cookie,
    'cf-connecting-ip': client,
    ...headers,
  })
  const get = (path: string) => worker.fetch(path, { headers: withCookie() })
  return {
    cookie,
    setCookie,
    get,
    csrf: async () => csrfIn(await (await get('/admin')).text()),
    post: (path, fields, headers) => postForm(worker, path, fields, withCookie(headers)),
  }
}

/** The moderation page's words in the language the page declares (`<html lang>`). */
export function moderationWords(html: string): Messages['moderation'] {
  const language = /<html lang="([^"]+)"/.exec(html)?.[1]
  if (!language) throw new Error('the page declares no language')
  return messagesFor(language).moderation
}
