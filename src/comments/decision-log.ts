/** One comment decision, logged as a single JSON line for Workers Logs. */
export interface CommentDecision {
  decision: 'accepted' | 'refused' | 'rate_limited' | 'moderated' | 'edited' | 'withdrawn'
  article: string
  reason?: string
  id?: string
  action?: string
}

/** Logs a decision. Callers never pass an e-mail address or a client address. */
export function logDecision(entry: CommentDecision): void {
  console.log(JSON.stringify({ event: 'comment', ...entry }))
}
