/**
 * The Rate Limiting bindings' settings, as wrangler.toml declares them
 * (`[[ratelimits]] simple = { limit, period }`). The bindings do not expose their
 * period, so answers that say how long to wait read it here; a unit test holds
 * this table against wrangler.toml.
 */
export const rateLimits = {
  /** Flood control: comments per client per period. */
  COMMENT_RATE_LIMITER: { limit: 1, period: 10 },
  /** Brute-force guard: failed admin authentications per client per period. */
  ADMIN_AUTH_LIMITER: { limit: 10, period: 60 },
} as const
