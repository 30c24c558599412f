import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { it } from 'node:test'
import { unstable_readConfig } from 'wrangler'

// wrangler refuses to deploy while a queue the configuration names is missing,
// so the steps an operator follows must create each of them.
const namedQueues = () => {
  const { queues } = unstable_readConfig({ config: 'wrangler.toml' })
  const names = new Set<string>()
  for (const producer of queues.producers ?? []) names.add(producer.queue)
  for (const consumer of queues.consumers ?? []) {
    names.add(consumer.queue)
    if (consumer.dead_letter_queue) names.add(consumer.dead_letter_queue)
  }
  return [...names].sort()
}

it("the README's deploy steps create every queue wrangler.toml names", () => {
  const readme = readFileSync('README.md', 'utf8')
  const created = [...readme.matchAll(/wrangler queues create (\S+)/g)].map((m) => m[1])
  assert.deepEqual([...new Set(created)].sort(), namedQueues())
})

it("the operating guide's deploy loop creates every queue wrangler.toml names", () => {
  const guide = readFileSync('docs/operating.md', 'utf8')
  const loop = /for q in ([^;]+); do/.exec(guide)?.[1]
  assert.ok(loop, 'docs/operating.md has no queue loop in its deploy steps')
  const created = loop
    .trim()
    .split(/\s+/)
    .flatMap((q) => [q, `${q}-dead`])
  assert.deepEqual(created.sort(), namedQueues())
})
