/**
 * The moderation page's one KV record: the session generation, a counter every
 * session cookie carries and is checked against. Signing out moves it on, which
 * ends every session signed before, in every browser (the cookie alone cannot
 * be taken back). Sessions themselves are never stored.
 */

/** The one key, in the COMMENTS namespace beside the comments (docs/contract.md). */
export const sessionGenerationKey = 'v1:admin:session-generation'

/** The part of a KV namespace (the COMMENTS binding) the store uses. */
export interface GenerationKv {
  get(key: string): Promise<string | null>
  put(key: string, value: string): Promise<void>
}

/** The moderation sessions' KV record: a KV user besides the comment store (comments/store.ts). */
export class SessionStore {
  constructor(private readonly kv: GenerationKv) {}

  /** The generation sessions are signed with now; 0 before the first sign-out. */
  async generation(): Promise<number> {
    const stored = Number(await this.kv.get(sessionGenerationKey))
    return Number.isSafeInteger(stored) && stored > 0 ? stored : 0
  }

  /** Ends every session signed so far; the generation new ones carry. */
  async endAll(): Promise<number> {
    const next = (await this.generation()) + 1
    await this.kv.put(sessionGenerationKey, String(next))
    return next
  }
}
