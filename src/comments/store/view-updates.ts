import type { ViewChange } from './readers-view'

// A queue takes at most 100 messages in one sendBatch.
const batchSize = 100

/**
 * Hands changed comments to the view updater (the VIEW_UPDATES queue, consumed
 * one batch at a time), which rewrites what readers see of their articles
 * within seconds. Throws when the queue refuses them, so a moderator's action
 * answers 503 and can be repeated; the comments themselves are already stored.
 */
export async function updateReadersView(env: Env, changes: readonly ViewChange[]): Promise<void> {
  for (let start = 0; start < changes.length; start += batchSize) {
    const batch = changes.slice(start, start + batchSize)
    await env.VIEW_UPDATES.sendBatch(batch.map((body) => ({ body })))
  }
}
