import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { it } from 'node:test'

// package.json's engines is the promise of docs/operating.md, "Requirements"
// (Node 20.x from there on, what CI runs); a locked package that needs a newer
// Node makes `npm install` warn EBADENGINE and may break on it.

type Version = [number, number, number]

function version(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text
    .replace(/^v/, '')
    .split('.')
    .map((part) => (part === '*' || part === 'x' ? 0 : Number(part)))
  return [major, minor, patch]
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
}

/** Whether `v` meets one comparator of an npm range: >=, >, <=, <, ^, X.*, or X(.Y(.Z)). */
function meets(v: Version, comparator: string): boolean {
  const operator = /^(>=|<=|>|<|\^|=)?/.exec(comparator)?.[1] ?? ''
  const rest = comparator.slice(operator.length)
  const bound = version(rest)
  const parts = rest.split('.').filter((part) => part !== '*' && part !== 'x').length
  switch (operator) {
    case '>=':
      return compare(v, bound) >= 0
    case '>':
      return compare(v, bound) > 0
    case '<=':
      return compare(v, bound) <= 0
    case '<':
      return compare(v, bound) < 0
    case '^':
      return compare(v, bound) >= 0 && v[0] === bound[0]
    default:
      // 10, 10.* and 10.2 match their prefix.
      return v.slice(0, parts).every((n, i) => n === bound[i])
  }
}

/** Whether `v` satisfies an npm range such as `^18.17.0 || >= 20`. */
function satisfies(v: Version, range: string): boolean {
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|\^|=)\s+/g, '$1')
      .split(/\s+/)
      .every((comparator) => meets(v, comparator)),
  )
}

it('every locked package runs on the oldest Node that package.json promises', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }
  const promised = /^>=\s*(\d+\.\d+\.\d+)$/.exec(pkg.engines.node)?.[1]
  assert.ok(promised, `engines.node is a lower bound: ${pkg.engines.node}`)
  const oldest = version(promised)
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { engines?: unknown; version?: string }>
  }
  const refused = Object.entries(lock.packages).flatMap(([path, entry]) => {
    const range = (entry.engines as { node?: unknown } | undefined)?.node
    return typeof range === 'string' && !satisfies(oldest, range)
      ? [`${path}@${entry.version}: node ${range}`]
      : []
  })
  assert.deepEqual(refused, [])
})

it('reads npm ranges as npm does', () => {
  assert.ok(satisfies([20, 19, 0], '>=20.19.0'))
  assert.ok(!satisfies([20, 10, 0], '>=20.19.0'))
  assert.ok(!satisfies([20, 19, 0], '>=22.12.0'))
  assert.ok(satisfies([20, 19, 0], '^18.17.0 || ^20.3.0 || >=21.0.0'))
  assert.ok(satisfies([20, 19, 0], '10.* || >= 12.*'))
  assert.ok(!satisfies([20, 19, 0], '^8.16.0 || ^10.6.0'))
  assert.ok(satisfies([20, 19, 0], '>= 20'))
})
