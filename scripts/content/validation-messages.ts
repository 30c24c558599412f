import type * as z from 'zod/mini'

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  const json = JSON.stringify(value)
  return json.length > 80 ? `${json.slice(0, 77)}...` : json
}

/**
 * Turns zod issues into `"field" must be X, got Y` problems, the one format an
 * author sees for every broken content file (problem-lines.ts adds the file
 * and line).
 */
export function describeIssues(input: unknown, error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    }
    const field = issue.path.map(String).join('.') || '(front matter)'
    return `"${field}" ${issue.message}, got ${describe(valueAt(input, issue.path))}`
  })
}
