import { spawnSync } from 'node:child_process'
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import { generateArticles } from '../scripts/generate-articles'
import { dataFiles } from '../src/content/data-files'
import type { Article, ContentManifest, NewestEntries, SiteSettings } from '../src/content/types'
import { seedSlug } from '../test/harness/routes'
import { testSiteContent, testSiteSettings } from '../test/harness/test-site'
import { hugoBuildMs } from './hugo'
import { median } from './stats'

/** The repository this bench runs from. */
export const repoRoot = join(import.meta.dirname, '..')

/** What the peers serve: the site settings and the newest feed_size articles with bodies. */
export interface PeerContent {
  site: SiteSettings
  newest: Article[]
}

/** A copy of the project built with a given number of articles. */
export interface BuiltProject {
  dir: string
  articleCount: number
  /** dist/index.js of the copy. */
  bundlePath: string
  /** The site settings and the feed's articles, for the peers (a PeerContent JSON file). */
  contentPath: string
  wranglerConfig: string
  /** Wall time of `wrangler deploy --dry-run` after the content build (bundling only). */
  buildMs: number
  /** Wall time of a full content build (`npm run build:content` without npm, process start included). */
  contentBuildMs: number
  /** Wall time of the content build again after one article was edited, and the build's own figure. */
  rebuild: { wallMs: number; reportedMs: number }
  /** Wall time of Hugo rendering the same Markdown to pages and RSS; undefined without Hugo. */
  hugoMs?: number
  /** Files uploaded as static assets. */
  assetFiles: number
  rawBytes: number
  gzipBytes: number
  /** The biggest inputs of the bundle, by bytes they add to it. */
  largestInputs: Array<{ path: string; bytes: number }>
  remove(): void
}

// Only what the build reads: the build must not touch the working tree, whose
// dist/ and src/generated/ the tests of people working alongside depend on.
const copied = ['src', 'scripts', 'wrangler.toml', 'package.json', 'tsconfig.json']

function largestInputs(metafilePath: string): BuiltProject['largestInputs'] {
  const meta = JSON.parse(readFileSync(metafilePath, 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>
  }
  const inputs = Object.values(meta.outputs).flatMap((output) =>
    Object.entries(output.inputs).map(([path, input]) => ({ path, bytes: input.bytesInOutput })),
  )
  // Group node_modules files by package, so the list names libraries, not their files.
  const byOwner = new Map<string, number>()
  for (const { path, bytes } of inputs) {
    const owner = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + bytes)
  }
  return [...byOwner]
    .map(([path, bytes]) => ({ path, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 6)
}

/**
 * Copies the project into a temporary folder, writes the seed articles plus
 * `syntheticCount` generated ones as its content, and builds it exactly as
 * `npm run build` does. The content build, Hugo and the rebuild after one edit
 * are timed `runs` times each (medians; 1 unless set).
 */
export function buildProject(
  syntheticCount: number,
  options: { words?: [number, number]; hugo?: boolean; runs?: number } = {},
): BuiltProject {
  const dir = mkdtempSync(join(tmpdir(), 'feed-bench-'))
  for (const entry of copied) cpSync(join(repoRoot, entry), join(dir, entry), { recursive: true })
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir')

  const contentDir = join(dir, 'bench-content')
  generateArticles(contentDir, syntheticCount, {
    siteFile: testSiteSettings,
    ...(options.words ? { words: options.words } : {}),
  })
  cpSync(join(testSiteContent, 'articles'), join(contentDir, 'articles'), { recursive: true })
  const articleCount = readdirSync(join(contentDir, 'articles')).length

  // As `npm run build:content` runs it, without npm's own start.
  const contentBuild = () => {
    const begun = performance.now()
    const run = spawnSync(
      process.execPath,
      ['scripts/run-bundled.mjs', 'scripts/build-content.ts', contentDir],
      { cwd: dir, encoding: 'utf8' },
    )
    if (run.status !== 0) throw new Error(`Content build failed:\n${run.stdout}\n${run.stderr}`)
    return {
      wallMs: performance.now() - begun,
      reportedMs: Number(/ in (\d+) ms/.exec(run.stdout)?.[1]),
    }
  }
  // Full builds from nothing (no state, no cache, no bundle) and Hugo in turn,
  // so that both see the same load on this shared machine; medians are kept.
  const fulls: number[] = []
  const hugos: number[] = []
  for (let run = 0; run < (options.runs ?? 1); run++) {
    for (const made of ['.cache', 'src/generated'])
      rmSync(join(dir, made), { recursive: true, force: true })
    fulls.push(contentBuild().wallMs)
    if (options.hugo) hugos.push(hugoBuildMs(join(contentDir, 'articles')))
  }
  const contentBuildMs = median(fulls)
  const hugoMs = options.hugo ? median(hugos) : undefined
  // One edit at a time: the seed article gains a sentence; everything else is as it was.
  const rebuilds = Array.from({ length: options.runs ?? 1 }, (_, run) => {
    appendFileSync(join(contentDir, 'articles', `${seedSlug}.md`), `\nएक और वाक्य ${run + 1}।\n`)
    return contentBuild()
  })
  const rebuild = {
    wallMs: median(rebuilds.map((r) => r.wallMs)),
    reportedMs: median(rebuilds.map((r) => r.reportedMs)),
  }

  // wrangler runs the content build again ([build]); with nothing changed it only bundles.
  const started = performance.now()
  const build = spawnSync(
    join(repoRoot, 'node_modules/.bin/wrangler'),
    ['deploy', '--dry-run', '--outdir', 'dist', '--metafile', 'meta.json'],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: contentDir, WRANGLER_SEND_METRICS: 'false' },
    },
  )
  const buildMs = performance.now() - started
  if (build.status !== 0) {
    throw new Error(`Build of ${articleCount} articles failed:\n${build.stdout}\n${build.stderr}`)
  }

  const bundlePath = join(dir, 'dist/index.js')
  // The peers take the site settings and the feed's newest articles as one JSON file.
  const generated = join(dir, 'src/generated')
  const manifest = JSON.parse(
    readFileSync(join(generated, 'content.json.txt'), 'utf8'),
  ) as ContentManifest
  const asset = (path: string) => JSON.parse(readFileSync(join(generated, 'assets', path), 'utf8'))
  // The site's newest file holds at least feed_size articles once there are that many.
  const newest = (asset(dataFiles.siteNewest) as NewestEntries).slice(-manifest.site.feedSize)
  const peerContent: PeerContent = { site: manifest.site, newest: newest.reverse() }
  const contentPath = join(generated, 'peer-content.json')
  writeFileSync(contentPath, JSON.stringify(peerContent))
  // What is uploaded as the Worker: index.js and the Text module beside it (not maps).
  const modules = readdirSync(join(dir, 'dist'))
    .filter((name) => name.endsWith('.js') || name.endsWith('.txt'))
    .map((name) => readFileSync(join(dir, 'dist', name)))
  const uploaded = Buffer.concat(modules)
  return {
    dir,
    articleCount,
    contentBuildMs,
    rebuild,
    ...(hugoMs !== undefined ? { hugoMs } : {}),
    assetFiles: readdirSync(join(generated, 'assets'), {
      recursive: true,
      withFileTypes: true,
    }).filter((entry) => entry.isFile() && entry.name !== '_headers').length,
    bundlePath,
    contentPath,
    wranglerConfig: join(dir, 'wrangler.toml'),
    buildMs,
    rawBytes: uploaded.length,
    // What Cloudflare's size limits count: the upload, compressed.
    gzipBytes: gzipSync(uploaded).length,
    largestInputs: largestInputs(join(dir, 'meta.json')),
    // rmSync removes the node_modules symlink itself, never what it points to.
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
