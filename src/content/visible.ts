import type { ListHead, ScheduledArticle } from './types'

/**
 * Which articles readers may see at an instant. Drafts never reach a deployed
 * Worker (the build leaves them out); an article the build found still ahead
 * of its clock is hidden until its `published` instant, decided on every
 * request, so it comes out without a deploy. Scheduled articles are the
 * newest entries of every list they are in, so hiding them shortens a list at
 * its newest end and never moves an older entry.
 */

/** True once `published` has come. */
export function isOut(published: string, now: number): boolean {
  return Date.parse(published) <= now
}

/** How many entries of a list readers may see at `now`: its oldest `count - hidden`. */
export function visibleCount(head: ListHead, now: number): number {
  let hidden = 0
  for (let i = head.scheduled.length - 1; i >= 0; i--) {
    if (isOut(head.scheduled[i] as string, now)) break
    hidden++
  }
  return head.count - hidden
}

/** The instant (ms) the next scheduled article comes out, if one is still waiting. */
export function nextPublication(
  scheduled: readonly ScheduledArticle[],
  now: number,
): number | undefined {
  const next = scheduled.find((article) => !isOut(article.published, now))
  return next && Date.parse(next.published)
}

/** The scheduled articles already out at `now`, oldest first. */
export function releasedBy(
  scheduled: readonly ScheduledArticle[],
  now: number,
): readonly ScheduledArticle[] {
  const waiting = scheduled.findIndex((article) => !isOut(article.published, now))
  return waiting === -1 ? scheduled : scheduled.slice(0, waiting)
}
