import { HTTPException } from 'hono/http-exception'
import { methodNotAllowed } from 'hono/method-not-allowed'
import { configFrom } from './app/config'
import type { AppEnv } from './app/context'
import { cronTriggers } from './app/cron-triggers'
import { Hono } from './app/hono'
import { runBackupStep, startBackup } from './comments/backups/backup-run'
import { type BackupProgress, backupStepsQueue } from './comments/backups/nightly-backup'
import { DataCentreCache } from './comments/store/data-centre-cache'
import { forgetArticleViews } from './comments/store/public-comments'
import { applyViewChanges, type ViewChange, viewUpdatesQueue } from './comments/store/readers-view'
import { CommentStore } from './comments/store/store'
import { contentProblems, longDates, schedule } from './content/index'
import { nextPublication } from './content/visible'
import { hotResponses } from './http/hot-responses'
import { problem, problemResponse } from './http/problem'
import { registerLongDates } from './lib/long-date'
import { commentEditsCors, commentsCors, publicReadCors } from './middleware/cors'
import { canonicalListAddress } from './middleware/list-address'
import { htmlSecurityHeaders } from './middleware/secure-headers'
import { deliverNotifications } from './notifications/deliver'
import type { CommentNotice } from './notifications/notice'
import { deliverySettings } from './notifications/notify-moderator'
import { paths, routePatterns } from './paths'
import { admin } from './routes/admin'
import { articles } from './routes/articles'
import { commentEdits } from './routes/comment-edits'
import { commentIntake } from './routes/comment-intake'
import { commentPreview } from './routes/comment-preview'
import { commentReads } from './routes/comment-reads'
import { contentProblemsResponse } from './routes/content-problems'
import { feedAliases } from './routes/feed-aliases'
import { siteFeeds } from './routes/feeds'
import { moderation } from './routes/moderation'
import { notFound } from './routes/not-found'
import { search } from './routes/search'
import { sitePages } from './routes/site-pages'
import { sitemaps } from './routes/sitemaps'
import { websubAnnounce } from './routes/websub'
import { announceFromWorker } from './websub/worker-run'

// Pages format dates from the build's pieces: Intl's first use costs a fresh isolate ~110 M instructions.
registerLongDates(longDates)

const app = new Hono<AppEnv>()

function corsReadPaths(): Set<string> {
  const routes = [...siteFeeds.routes, ...feedAliases.routes, ...commentReads.routes]
  const all = new Set(routes.map((route) => route.path))
  all.delete(paths.comments(':slug'))
  return all
}

// Outermost: keeps the final answer (every header added) to plain GETs of rendered bytes.
app.use(async (c, next) => {
  await next()
  const rendered = c.get('rendered')
  if (rendered && c.req.method === 'GET' && (c.res.status === 200 || c.res.status === 304)) {
    // Kept until the next scheduled article comes out at the latest: lists and feeds change then.
    const now = Date.now()
    hotResponses.remember(c.req.url, rendered, c.res.headers, now, nextPublication(schedule, now))
  }
})
// Sees every final answer: pages, 404 pages, 405s, errors.
app.use(htmlSecurityHeaders)
app.use(
  methodNotAllowed({
    app,
    onMethodNotAllowed: (_c, methods) =>
      problemResponse(problem(405, `Use ${methods.join(', ')} here.`), {
        allow: methods.join(', '),
      }),
  }),
)

// Feeds, their guessed addresses and the comment feeds are readable from any page.
for (const path of corsReadPaths()) app.use(path, publicReadCors)
app.use(paths.comments(':slug'), commentsCors)
// Only the methods an author's edit uses: the same pattern also matches comments/feed.xml.
app.on(['OPTIONS', 'PATCH', 'DELETE'], paths.commentItem(':slug', ':id'), commentEditsCors)
app.use(routePatterns.tag, canonicalListAddress('tag'))
app.use(`${routePatterns.tagFeeds}*`, canonicalListAddress('tag'))
app.use(routePatterns.author, canonicalListAddress('author'))
app.use(`${routePatterns.authorFeeds}*`, canonicalListAddress('author'))

app.route('/', siteFeeds)
app.route('/', feedAliases)
app.route('/', articles)
app.route('/', search)
app.route('/', commentReads)
app.route('/', commentIntake)
app.route('/', commentEdits)
app.route('/', commentPreview)
// Before the bearer-token API: the page's routes answer without its Authorization check.
app.route('/', moderation)
// Before the moderation API too, whose catch-all /admin/* guard would otherwise run twice.
app.route('/', websubAnnounce)
app.route('/', admin)
app.route('/', sitemaps)
// The favicon's old address; the favicon itself is a static asset.
app.get('/favicon.ico', (c) => c.redirect('/favicon.svg', 301))
// Last: a page's address is whatever no route above answers.
app.route('/', sitePages)

app.notFound(notFound)

app.onError((error, c) => {
  if (error instanceof HTTPException) {
    // A middleware that built its own answer (already a problem) keeps it.
    if (error.res) return error.getResponse()
    // Hono raises these for malformed bodies (400) and the like; answer in our error shape.
    return problemResponse(problem(error.status, error.message || undefined))
  }
  console.error(
    JSON.stringify({ event: 'unhandled_error', path: c.req.path, error: String(error) }),
  )
  return problemResponse(problem(500, 'Something went wrong on our side.'))
})

export default {
  // A hot answer needs no routing; anything else goes through the app.
  // A dev build of invalid content answers nothing but what is wrong with it.
  fetch: (request, env, ctx) =>
    contentProblems
      ? contentProblemsResponse(request, contentProblems)
      : (hotResponses.serve(request) ?? app.fetch(request, env, ctx)),
  // The Cron Triggers (app/cron-triggers.ts); one handler serves both, told apart by cron.
  async scheduled(controller, env) {
    switch (controller.cron) {
      case cronTriggers.nightlyBackup:
        await startBackup(
          env,
          new Date(controller.scheduledTime),
          configFrom(env).backupStepComments,
        )
        return
      case cronTriggers.websubAnnouncer:
        await announceFromWorker(env)
        return
      default:
        console.error(JSON.stringify({ event: 'unknown_cron', cron: controller.cron }))
    }
  },
  async queue(batch, env) {
    if (batch.queue === viewUpdatesQueue) {
      const store = new CommentStore(env.COMMENTS, DataCentreCache.forSite(configFrom(env).siteUrl))
      // Throws on a KV failure: the batch is retried whole, and applying it again is harmless.
      const update = await applyViewChanges(
        store,
        (batch as MessageBatch<ViewChange>).messages.map((message) => message.body),
        new Date(),
      )
      // This data centre and isolate read the new views at once; others within their
      // windows (comments/store/memo-windows.ts). The cache first: this isolate reads it next.
      await store.forgetReadersViews(update.articles)
      forgetArticleViews(update.articles)
      if (update.articles.length > 0) hotResponses.clear()
      return
    }
    if (batch.queue === backupStepsQueue) {
      for (const message of (batch as MessageBatch<BackupProgress>).messages) {
        await runBackupStep(env, message.body, configFrom(env).backupStepComments)
      }
      return
    }
    // The notifications queue: tells the moderator of each new pending comment.
    await deliverNotifications(batch as MessageBatch<CommentNotice>, deliverySettings(env))
  },
} satisfies ExportedHandler<Env, CommentNotice | ViewChange | BackupProgress>
