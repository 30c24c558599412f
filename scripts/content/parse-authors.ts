import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { normaliseTag } from '../../src/content/tags'
import { parseSimpleYaml } from './front-matter'
import type { AuthorFiles } from './lists'
import { withLines } from './problem-lines'
import { authorFile } from './schema'
import { describeIssues } from './validation-messages'
import { parseWithLibrary } from './yaml-library'

const kebabCase = /^[a-z0-9]+(-[a-z0-9]+)*$/

/**
 * Reads and validates content/authors/<slug>.yaml (the folder is optional): each
 * file's bio and links, by the author's name in NFC. Refuses, naming the file, a
 * file name that is not kebab-case, invalid YAML or fields, and two files of one name.
 */
export function readAuthorFiles(
  folder: string,
  display: (path: string) => string,
): { authors: AuthorFiles; errors: string[] } {
  const authors = new Map<string, { bio?: string; links: Array<{ label: string; url: string }> }>()
  const errors: string[] = []
  if (!existsSync(folder)) return { authors, errors }
  const fileOf = new Map<string, string>()
  for (const entry of readdirSync(folder).sort()) {
    if (!entry.endsWith('.yaml')) continue
    const file = display(join(folder, entry))
    const slug = entry.slice(0, -'.yaml'.length)
    if (!kebabCase.test(slug)) {
      errors.push(
        `${file}: an author's file name must be lowercase ASCII kebab-case, got "${slug}"`,
      )
      continue
    }
    const text = readFileSync(join(folder, entry), 'utf8')
    let data: unknown
    try {
      data = parseSimpleYaml(text) ?? parseWithLibrary(text)
    } catch (error) {
      errors.push(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`)
      continue
    }
    const result = authorFile.safeParse(data)
    if (!result.success) {
      errors.push(...withLines(file, text, describeIssues(data, result.error)))
      continue
    }
    const name = normaliseTag(result.data.name)
    const other = fileOf.get(name)
    if (other !== undefined) {
      errors.push(`${file}: "name" ${JSON.stringify(name)} is already described by ${other}`)
      continue
    }
    fileOf.set(name, file)
    authors.set(name, {
      ...(result.data.bio ? { bio: result.data.bio } : {}),
      links: result.data.links,
    })
  }
  return { authors, errors }
}
