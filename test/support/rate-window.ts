import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Waits for the rate limiters' next window when the current one has less than
 * `neededMs` left. Miniflare counts each limit in fixed windows of the period from
 * the epoch, so requests that must add up to a limit are lost to it when a window
 * ends among them; a test that counts up to a limit starts in a window with room.
 */
export async function inAWindowWithRoom(periodSeconds: number, neededMs = 5_000): Promise<void> {
  const periodMs = periodSeconds * 1000
  const left = periodMs - (Date.now() % periodMs)
  if (left < neededMs) await sleep(left + 50)
}
