/**
 * Runs a TypeScript script of this repository as one plain JavaScript bundle:
 * `node scripts/run-bundled.mjs scripts/build-content.ts [args…]` does what
 * `tsx scripts/build-content.ts [args…]` does, without tsx's loader, which
 * costs about half a second per start, more than a content build that finds
 * nothing to do (wrangler dev starts it on every change in content/).
 *
 * The bundle (esbuild, with the packages it uses: scripts/node-bundle.mjs) is
 * kept in .cache/bundled/<name>/ and made again when any of the files it was
 * made from, packages included, changed size or modification time. Plain JavaScript, because it is what starts before any
 * TypeScript can be read.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { nodeBundleOptions } from './node-bundle.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const entry = resolve(process.argv[2] ?? '')
const outdir = join(root, '.cache', 'bundled', basename(entry, '.ts'))
const bundle = join(outdir, 'main.mjs')
const inputsFile = join(outdir, 'inputs.json')

/** The size and modification time of each source file, as text to compare. */
function fingerprint(paths) {
  return JSON.stringify(
    paths.map((path) => {
      try {
        const stat = statSync(path)
        return [path, stat.size, stat.mtimeMs]
      } catch {
        return [path]
      }
    }),
  )
}

function upToDate() {
  try {
    const { paths, print } = JSON.parse(readFileSync(inputsFile, 'utf8'))
    return print === fingerprint(paths)
  } catch {
    return false
  }
}

async function make() {
  const esbuild = await import('esbuild')
  const result = await esbuild.build({
    entryPoints: { main: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    // What the script imports only now and then (the compiler, when files
    // changed) stays in chunks of its own, loaded with it: a build with
    // nothing to compile never loads Markdown, HTML sanitising or zod's schemas.
    splitting: true,
    write: false,
    metafile: true,
    ...nodeBundleOptions,
    plugins: [
      {
        // Each module keeps its own import.meta.url, so paths it finds beside
        // itself (the compiler's files, the compile worker) are the sources'.
        name: 'own-import-meta-url',
        setup(build) {
          build.onLoad({ filter: /\.ts$/ }, (args) => ({
            loader: 'ts',
            contents: readFileSync(args.path, 'utf8').replaceAll(
              'import.meta.url',
              JSON.stringify(pathToFileURL(args.path).href),
            ),
          }))
        },
      },
    ],
  })
  await esbuild.stop()
  const paths = Object.keys(result.metafile.inputs).map((path) => resolve(path))
  mkdirSync(outdir, { recursive: true })
  // Written aside and renamed, the entry last: a run beside this one never
  // reads half a file. Chunk names are hashes of their content.
  const files = result.outputFiles.sort(
    (a, b) => Number(a.path === bundle) - Number(b.path === bundle),
  )
  for (const file of files) {
    const aside = `${file.path}.${process.pid}`
    writeFileSync(aside, file.contents)
    renameSync(aside, file.path)
  }
  writeFileSync(inputsFile, JSON.stringify({ paths, print: fingerprint(paths) }))
}

if (!upToDate()) await make()
// The script sees the arguments it would see when run by itself.
process.argv.splice(1, 2, entry)
await import(pathToFileURL(bundle).href)
