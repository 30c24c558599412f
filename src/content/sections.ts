import { sectionCardCount } from './data-files'
import { type AssetFetcher, site, visibleList } from './index'
import { sectionOf } from './tags'
import type { ArticleMeta, StoryCard } from './types'

/** The newest other stories of an article's section, and how many of its tag's are out now. */
export interface MoreInSection {
  tag: string
  stories: StoryCard[]
  /** The tag list's entries visible now: what the page's rendering depends on. */
  visible: number
}

/**
 * The newest stories of the article's section other than itself, newest
 * first, from the cards its tag's head carries (NamedListHead.latest): the
 * head is one small file, never a list chunk or an article shard.
 */
export async function moreInSection(
  article: ArticleMeta,
  assets: AssetFetcher,
  now: number,
): Promise<MoreInSection | undefined> {
  const tag = sectionOf(article.tags, site.sections)
  if (tag === undefined) return undefined
  const found = await visibleList({ kind: 'tag', name: tag }, assets, now)
  if (!found) return undefined
  const { list, visible } = found
  const latest = list.latest ?? []
  // The cards are the list's last entries: the first sits at count - length.
  const out = latest.slice(0, Math.max(0, visible - (list.head.count - latest.length)))
  const stories = out.reverse().filter((story) => story.slug !== article.slug)
  return { tag, stories: stories.slice(0, sectionCardCount), visible }
}
