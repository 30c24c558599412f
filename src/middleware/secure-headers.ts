import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { type AppEnv, config } from '../app/context'

const turnstileOrigin = 'https://challenges.cloudflare.com'

/**
 * The headers of an HTML page. Pages run no script of their own and style only
 * through /site.css, so the policy allows no inline script or style at all; the
 * Turnstile widget (script and iframe) is allowed only when a site key is set.
 */
function pageHeaders(turnstile: boolean) {
  const widget = turnstile ? [turnstileOrigin] : ["'none'"]
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: widget,
      frameSrc: widget,
      styleSrc: ["'self'"],
      // Article bodies may show images from other sites (sanitised <img src="https://…">).
      imgSrc: ["'self'", 'https:'],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    // Not no-referrer: with it, browsers send `Origin: null` on same-origin form posts,
    // and the comment intake's cross-site check relies on a real Origin.
    referrerPolicy: 'strict-origin-when-cross-origin',
    // No includeSubDomains: the site may live on a domain whose other hosts are not ours.
    strictTransportSecurity: 'max-age=15552000',
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
      browsingTopics: [],
    },
  })
}

// Each built on the first HTML answer that needs it, not at module load: building one
// (its policy strings, its header list) was a tenth of the bundle's top-level run, and
// an isolate serving only feeds or JSON never needs either.
let plainPage: MiddlewareHandler | undefined
let turnstilePage: MiddlewareHandler | undefined
const noop = async () => {}

function pageHeadersFor(turnstile: boolean): MiddlewareHandler {
  if (turnstile) {
    turnstilePage ??= pageHeaders(true)
    return turnstilePage
  }
  plainPage ??= pageHeaders(false)
  return plainPage
}

/**
 * Adds the page security headers to every HTML response (pages, the 404 page, a
 * refused form shown again) and `nosniff` to everything else.
 */
export const htmlSecurityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  if (!c.res.headers.get('content-type')?.startsWith('text/html')) {
    c.res.headers.set('x-content-type-options', 'nosniff')
    return
  }
  await pageHeadersFor(Boolean(config(c).turnstileSiteKey))(c, noop)
}
