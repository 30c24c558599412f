import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * The test files a runner is given on its command line: every *.test.ts of a
 * folder, by name, or a file as named; absolute paths. Exits with the usage
 * when given nothing.
 */
export function testFilesFrom(args: readonly string[], runner: string): string[] {
  if (args.length === 0) {
    console.error(`usage: ${runner} <folder or test file>...`)
    process.exit(2)
  }
  return args.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => name.endsWith('.test.ts'))
          .sort()
          .map((name) => resolve(join(path, name)))
      : [resolve(path)],
  )
}
