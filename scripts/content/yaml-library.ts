import { createRequire } from 'node:module'
import type * as Yaml from 'yaml'

let yaml: typeof Yaml | undefined

/**
 * The YAML library's parse, loaded on first use: most builds read every file
 * with parseSimpleYaml, and loading the library costs more than a build that
 * finds nothing to do.
 */
export function parseWithLibrary(text: string): unknown {
  yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml
  return yaml.parse(text)
}
