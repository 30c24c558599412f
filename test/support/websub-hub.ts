import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One publish ping as the hub received it. */
export interface ReceivedPing {
  method: string | undefined
  contentType: string | undefined
  mode: string | null
  url: string | null
  topic: string | null
  /** The form exactly as sent. */
  body: string
}

/** A WebSub hub on 127.0.0.1 that records every request and answers as told. */
export interface RecordingHub {
  url: string
  /** The status the next pings get (204 until told otherwise). */
  answer(status: number): void
  /** What the hub received since the last take(), oldest first; empties it. */
  take(): ReceivedPing[]
  close(): Promise<void>
}

export async function startRecordingHub(): Promise<RecordingHub> {
  const received: ReceivedPing[] = []
  let status = 204
  const server: Server = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      body += chunk
    })
    request.on('end', () => {
      const form = new URLSearchParams(body)
      received.push({
        method: request.method,
        contentType: request.headers['content-type'],
        mode: form.get('hub.mode'),
        url: form.get('hub.url'),
        topic: form.get('hub.topic'),
        body,
      })
      response.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hub`,
    answer(next) {
      status = next
    },
    take: () => received.splice(0, received.length),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
