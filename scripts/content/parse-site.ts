import { normaliseTag } from '../../src/content/tags'
import type { SiteSettings } from '../../src/content/types'
import { parseSimpleYaml } from './front-matter'
import type { Parsed } from './parse-article'
import { withLines } from './problem-lines'
import { siteSettings } from './schema'
import { describeIssues } from './validation-messages'
import { parseWithLibrary } from './yaml-library'

/**
 * content/site.yaml as written: the settings, with `sections` only when the
 * file chooses them (the build then checks them against the articles' tags, or
 * picks them: scripts/content/sections.ts).
 */
export interface SiteFile extends Omit<SiteSettings, 'sections'> {
  sections?: string[]
}

/** Parses and validates content/site.yaml. */
export function parseSite(file: string, text: string): Parsed<SiteFile> {
  let data: unknown
  try {
    data = parseSimpleYaml(text) ?? parseWithLibrary(text)
  } catch (error) {
    return {
      ok: false,
      errors: [`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`],
    }
  }
  const result = siteSettings.safeParse(data)
  if (!result.success) {
    return { ok: false, errors: withLines(file, text, describeIssues(data, result.error)) }
  }
  const s = result.data
  return {
    ok: true,
    value: {
      title: s.title,
      description: s.description,
      language: s.language,
      idAuthority: s.id_authority,
      feedSize: s.feed_size,
      autoApproveComments: s.auto_approve_comments,
      commentOrigins: s.comment_origins.map((origin) => new URL(origin).origin),
      ...(s.websub_hub ? { websubHub: s.websub_hub } : {}),
      feeds: s.feeds,
      menu: s.menu,
      ...(s.sections ? { sections: s.sections.map(normaliseTag) } : {}),
    },
  }
}
