import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AxeResults, Result } from 'axe-core'
import type { Page } from 'playwright-core'

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** Violations of one axe rule, reduced to what a failing assertion should print. */
export interface Violation {
  rule: string
  impact: Result['impact']
  help: string
  targets: string[]
}

/**
 * Runs axe-core (WCAG 2.x A and AA plus best practices) in the page as it is now.
 * axe needs timers, so the page's context must have JavaScript enabled.
 */
export async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axeSource)
  const results = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run(): Promise<AxeResults> } }
    return axe.run()
  })
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }))
}

/** The violations a reader would be blocked by: axe's "serious" and "critical". */
export function blocking(violations: Violation[]): Violation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}
