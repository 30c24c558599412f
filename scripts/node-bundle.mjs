/**
 * How this repository's TypeScript scripts are bundled to run under plain Node
 * (scripts/run-bundled.mjs for a script, scripts/content/compile-pool.ts for the
 * compile threads): one ESM file per entry with the packages inside it. Loading
 * a package from node_modules file by file cost a fifth of the rebuild after an
 * edit (sanitize-html and its parsers 0.12 s, against 0.05 s bundled). The
 * compile threads, which start only for many files, leave the compiler's
 * largest packages out (compile-pool.ts says why).
 * Plain JavaScript, because run-bundled.mjs starts before any TypeScript can be read.
 */
export const nodeBundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'error',
  // esbuild runs a native binary of its own; it is loaded only to make bundles.
  external: ['esbuild'],
  // CommonJS packages (sanitize-html, postcss) require Node's modules: an ESM
  // bundle has no `require` of its own, so each file is given one.
  banner: {
    js: "import { createRequire as bundleCreateRequire } from 'node:module'; const require = bundleCreateRequire(import.meta.url);",
  },
}
