/**
 * How a sitemap file the build writes names the URLs of scheduled articles
 * (and of tags whose articles are all scheduled): their line starts with a
 * comment holding the instant they come out. The Worker drops such a line
 * until that instant and then serves it without the comment.
 */
export function scheduledMark(from: number): string {
  return `<!--from:${from}-->`
}

const markedLine = /<!--from:(\d+)-->([^\n]*\n)/g

/** The sitemap as readers may see it at `now`. */
export function releaseScheduledLines(text: string, now: number): string {
  if (!text.includes('<!--from:')) return text
  return text.replace(markedLine, (_line, from: string, rest: string) =>
    Number(from) <= now ? rest : '',
  )
}
