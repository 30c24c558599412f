import { request } from 'node:http'

/** A request over real HTTP with a Host header of our choice (fetch forbids setting Host). */
export function requestWithHost(
  origin: string,
  path: string,
  host: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  const url = new URL(path, origin)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: init.method ?? 'GET',
        headers: { ...init.headers, host },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        )
      },
    )
    req.on('error', reject)
    req.end(init.body)
  })
}

/** A GET over real HTTP with a Host header of our choice. */
export function getWithHost(origin: string, path: string, host: string) {
  return requestWithHost(origin, path, host)
}
