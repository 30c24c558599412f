import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SitePage } from '../../src/content/types'
import type { Parsed } from './parse-article'

/** The pages of one build, and what is wrong with any of them. */
export interface BuiltPages {
  pages: SitePage[]
  errors: string[]
}

/**
 * Reads and compiles content/pages/*.md. Pages are few, so each is read on
 * every build, but one is compiled only when its text, the site's language or
 * the compiler's stamp changed: what it gave is kept in `cacheFile`, so a
 * rebuild that changed no page never loads Markdown, as for articles.
 */
export async function buildPages(options: {
  pagesDir: string
  mediaDir: string
  /** Names the compiler's code and the media (build-state.ts compilerStamp). */
  stamp: string
  siteLanguage: string
  includeDrafts: boolean
  cacheFile: string
  display: (path: string) => string
}): Promise<BuiltPages> {
  if (!existsSync(options.pagesDir)) return { pages: [], errors: [] }
  const names = readdirSync(options.pagesDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
  const cached = readCache(options.cacheFile)
  const fresh: Record<string, Parsed<SitePage>> = {}
  let compile: ((file: string, name: string, text: string) => Parsed<SitePage>) | undefined
  const pages: SitePage[] = []
  const errors: string[] = []
  for (const name of names) {
    const path = join(options.pagesDir, name)
    const file = options.display(path)
    const text = readFileSync(path, 'utf8')
    const hash = createHash('sha256')
      .update([options.stamp, options.siteLanguage, file, text].join('\0'))
      .digest('hex')
    let parsed = cached[hash]
    if (!parsed) {
      compile ??= await compiler(options.mediaDir, options.siteLanguage)
      parsed = compile(file, name, text)
    }
    fresh[hash] = parsed
    if (!parsed.ok) errors.push(...parsed.errors)
    else if (!parsed.value.draft || options.includeDrafts) pages.push(parsed.value)
  }
  if (JSON.stringify(fresh) !== JSON.stringify(cached)) {
    writeFileSync(options.cacheFile, JSON.stringify(fresh))
  }
  return { pages, errors }
}

function readCache(cacheFile: string): Record<string, Parsed<SitePage>> {
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, Parsed<SitePage>>
  } catch {
    // No cache yet, or a damaged one: every page is compiled again.
    return {}
  }
}

/** The page compiler, loaded only when a page must be compiled. */
async function compiler(mediaDir: string, siteLanguage: string) {
  const [{ parsePage }, { renderBody }, { mediaLibrary }] = await Promise.all([
    import('./parse-page'),
    import('./markdown'),
    import('./media'),
  ])
  const media = mediaLibrary(mediaDir)
  return (file: string, name: string, text: string) =>
    parsePage(file, name, text, siteLanguage, (markdown) => renderBody(markdown, media))
}
