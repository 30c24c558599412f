import type { ScheduledArticle } from '../content/types'
import { releasedBy } from '../content/visible'
import { paths } from '../paths'

/**
 * What each subscription feed of articles (`/`, `/tags/<tag>/`, `/authors/<name>/`) says at the
 * instant `now`, as a short string per feed folder: a feed changed, for
 * WebSub, when its string did.
 *
 * `built` is the build's digest of each feed over the articles that were out
 * at build time (dataFiles.feedDigests). Since then, only scheduled articles
 * can have joined a feed, and they join in `published` order, so the digest
 * and the number of them out by now say everything the feed says. A folder is
 * there when the build wrote it or a scheduled article that is out names it
 * (a tag whose articles were all scheduled at build time).
 */
export function effectiveDigests(
  built: Readonly<Record<string, string>>,
  schedule: readonly ScheduledArticle[],
  now: number,
): Record<string, string> {
  const released = new Map<string, number>(Object.keys(built).map((folder) => [folder, 0]))
  const count = (folder: string) => released.set(folder, (released.get(folder) ?? 0) + 1)
  for (const article of releasedBy(schedule, now)) {
    count(paths.siteFeeds)
    // A tag written twice (say, once in NFD) is still one tag once normalised.
    for (const tag of new Set(article.tags)) count(paths.tagFeeds(tag))
    for (const author of new Set(article.authors)) count(paths.authorFeeds(author))
  }
  const digests: Record<string, string> = {}
  for (const [folder, out] of released) digests[folder] = `${built[folder] ?? ''}:${out}`
  return digests
}

/** The folders whose feeds are new or say something else now; a feed that went away is not announced. */
export function changedFolders(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): string[] {
  return Object.keys(after).filter((folder) => before[folder] !== after[folder])
}
