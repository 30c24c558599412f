/**
 * The least strength of each configured secret, by the rule of
 * lib/secret-strength.ts: the Worker checks them when an isolate starts, and
 * `npm start` checks .dev.vars against them (scripts/ensure-dev-vars.ts).
 */

/** ADMIN_TOKEN: guessed online, against the sign-in limit. */
export const adminTokenBits = 128
/** EDIT_SECRET: the key of HMAC-SHA-256 proofs every commenter holds one of, so tested offline. */
export const editSecretBits = 256
