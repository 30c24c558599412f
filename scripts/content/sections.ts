import type { ArticleMeta } from '../../src/content/types'

/** How many sections a site.yaml without `sections` gets: a menu that fits a phone's width in two lines. */
export const defaultSectionCount = 5

/** How many of the most used tags a refused section suggests instead. */
const suggestedTagCount = 8

/**
 * The masthead's sections: the tags site.yaml chose, each checked against the
 * articles' tags (a section no article carries would link to a 404 from every
 * page), or, when it chose none, the tags most articles carry, at most
 * defaultSectionCount, a tie going to the tag of the newer article. Tags are
 * in NFC on both sides. Problems name the field as `"sections.N"`, which
 * withLines places on the `sections:` line.
 */
export function siteSections(
  chosen: readonly string[] | undefined,
  newestFirst: readonly ArticleMeta[],
): { sections: string[]; problems: string[] } {
  const counts = new Map<string, number>()
  for (const article of newestFirst) {
    for (const tag of new Set(article.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1)
  }
  if (chosen === undefined) {
    // Map keeps first-seen order (newest article first) and sort is stable: ties stay in it.
    const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([tag]) => tag)
    return { sections: ranked.slice(0, defaultSectionCount), problems: [] }
  }
  const problems: string[] = []
  // What to write instead: the tags articles do carry, most used first.
  const carried = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, suggestedTagCount)
    .map(([tag]) => `"${tag}"`)
  const instead = carried.length > 0 ? `; tags articles carry: ${carried.join(', ')}` : ''
  chosen.forEach((tag, n) => {
    if (chosen.indexOf(tag) < n) problems.push(`"sections.${n}" repeats the section "${tag}"`)
    else if (!counts.has(tag))
      problems.push(
        `"sections.${n}" is "${tag}", a tag no article carries: its page would be 404${instead}`,
      )
  })
  return { sections: [...new Set(chosen)], problems }
}
