import { type IRequest, Router } from 'itty-router'
import { type CapturedRoute, served } from './captured'

/** The shape of src/http/rendered.ts's RenderedResponse. */
interface Rendered {
  body: Uint8Array
  etag: string
  lastModified: string
  headers: Record<string, string>
}

/** src/http/rendered.ts's serveRendered, handed in by the bundle entry (see bench/peer-bundle.ts). */
export type ServeRendered = (request: Request, rendered: Rendered) => Response

/** The real Worker's answer as a RenderedResponse (validators among its headers), served with the same code. */
function renderedFrom(route: CapturedRoute): Rendered {
  const { headers } = route.ok
  const { body } = served(route.ok)
  return {
    body: body ?? new Uint8Array(),
    etag: headers.etag ?? '',
    lastModified: headers['last-modified'] ?? '',
    headers,
  }
}

const feedAliases = [
  '/feed',
  '/feed/',
  '/rss',
  '/rss/',
  '/rss.xml',
  '/index.xml',
  '/atom',
  '/atom/',
  '/feed/atom',
  '/feed/atom/',
  '/feed/json',
  '/feed/json/',
]

/**
 * The router peer: the real app's GET routes, in the order the Hono app mounts
 * them, on itty-router, each answering from bytes the real Worker rendered
 * (through the same serveRendered, so 304s work the same). Against the Hono Worker
 * this shows what the router, middleware and handler work cost; against the
 * constant, what routing and conditional GET cost.
 */
export function ittyWorker(routes: readonly CapturedRoute[], serveRendered: ServeRendered) {
  const held = new Map(routes.map((route) => [route.path, renderedFrom(route)]))
  const answer = (path: string, request: IRequest) => {
    const response = held.get(path)
    return response ? serveRendered(request, response) : new Response(null, { status: 404 })
  }
  const router = Router()
  for (const path of ['/feed.xml', '/atom.xml', '/feed.json']) {
    router.get(path, (request) => answer(path, request))
  }
  for (const alias of feedAliases) router.get(alias, () => Response.redirect('/feed.xml', 301))
  router
    .get('/', (request) => answer('/', request))
    .get('/articles/:slug', (request) => answer(`/articles/${request.params.slug}`, request))
    .get('/articles/:slug/comments', (request) =>
      answer(`/articles/${request.params.slug}/comments`, request),
    )
  for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
    router.get(`/articles/:slug/comments/${file}`, (request) =>
      answer(`/articles/${request.params.slug}/comments/${file}`, request),
    )
  }
  // The stylesheet, favicon and robots.txt are static assets, answered without the Worker.
  for (const path of ['/favicon.ico', '/sitemap.xml']) {
    router.get(path, (request) => answer(path, request))
  }
  router.all('*', () => new Response(null, { status: 404 }))
  return { fetch: (request: Request) => router.fetch(request) }
}
