import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { methodNotAllowed } from 'hono/method-not-allowed'
import { problem, problemResponse } from './http/problem'
import { admin } from './routes/admin'
import type { AppEnv } from './routes/app-env'
import { commentIntake } from './routes/comment-intake'
import { commentReads } from './routes/comment-reads'
import { feedAliases } from './routes/feed-aliases'
import { notFound } from './routes/not-found'
import { pages } from './routes/pages'
import { siteFeeds } from './routes/site-feeds'
import { staticFiles } from './routes/static-files'

const app = new Hono<AppEnv>()

app.use(
  methodNotAllowed({
    app,
    onMethodNotAllowed: (_c, methods) =>
      problemResponse(problem(405, `Use ${methods.join(', ')} here.`), {
        allow: methods.join(', '),
      }),
  }),
)

app.route('/', siteFeeds)
app.route('/', feedAliases)
app.route('/', pages)
app.route('/', commentReads)
app.route('/', commentIntake)
app.route('/', admin)
app.route('/', staticFiles)

app.notFound(notFound)

app.onError((error, c) => {
  if (error instanceof HTTPException) {
    // Hono raises these for malformed bodies (400) and the like; answer in our error shape.
    return problemResponse(problem(error.status, error.message || undefined))
  }
  console.error(
    JSON.stringify({ event: 'unhandled_error', path: c.req.path, error: String(error) }),
  )
  return problemResponse(problem(500, 'Something went wrong on our side.'))
})

export default app
