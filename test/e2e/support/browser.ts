import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

/** Debian's Chromium (`apt-get install -y chromium`); override with CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// Without the background-networking flags Chromium phones home and logs refused connections.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** The two screens every page is checked on. */
export const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1366, height: 768 },
} as const

export type ViewportName = keyof typeof viewports

/** Upper bound for one browser test, so a hung page fails the run instead of stalling CI. */
export const browserTestTimeout = 120_000

/** Launches Chromium; Playwright gives each launch a fresh temporary profile. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: run "apt-get install -y chromium fonts-lohit-deva" ` +
        '(Debian) or set CHROMIUM_PATH.',
    )
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
}

/** A reader's browser: JavaScript off unless asked, at one of the viewports. */
export function readerContext(
  browser: Browser,
  viewport: ViewportName,
  options: { javaScript?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: viewports[viewport],
    javaScriptEnabled: options.javaScript ?? false,
    // axe is evaluated into the page; a Content-Security-Policy must not stop it.
    bypassCSP: true,
    locale: 'hi-IN',
  })
}

/**
 * Screenshots into test-results/screenshots/<folder>/NN-<step>.png: the whole
 * page, or, given a part of it, the screen a reader sees with that part in view.
 */
export function screenshotFolder(
  folder: string,
): (page: Page, step: string, inView?: Locator) => Promise<void> {
  const dir = join(repoRoot, 'test-results', 'screenshots', folder)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  let count = 0
  return async (page, step, inView) => {
    count += 1
    const path = join(dir, `${String(count).padStart(2, '0')}-${step}.png`)
    if (inView) await inView.scrollIntoViewIfNeeded()
    await page.screenshot({ path, fullPage: !inView })
  }
}

/** How far the page scrolls sideways; 0 when it fits the viewport. */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement
    return scroller.scrollWidth - window.innerWidth
  })
}
