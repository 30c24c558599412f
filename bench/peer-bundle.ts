import { build } from 'esbuild'
import { repoRoot } from './project'

/** A peer Worker: a factory exported by a file in bench/peers/, applied to a JSON file. */
export interface PeerSource {
  /** Path from the repository root, e.g. bench/peers/constant.ts. */
  file: string
  /** The factory it exports, e.g. constantWorker. */
  factory: string
  /** Absolute path of the JSON the factory is given (captured responses, compiled content). */
  data: string
  /**
   * Exports of src/ modules passed to the factory after the data, e.g. serveRendered.
   * Handed in here rather than imported by the peer, so the Node type-check of
   * bench/ (DOM types) never compiles src/ files written against Workers types.
   */
  uses?: Array<{ name: string; from: string }>
}

/**
 * Bundles a peer into one ES module for workerd. The data is imported, not
 * fetched, so like the real Worker's content it is part of the module.
 */
export async function bundlePeer(peer: PeerSource): Promise<string> {
  const uses = peer.uses ?? []
  const result = await build({
    stdin: {
      contents: [
        `import { ${peer.factory} } from './${peer.file}'`,
        `import data from ${JSON.stringify(peer.data)}`,
        ...uses.map((use) => `import { ${use.name} } from './${use.from}'`),
        `export default ${peer.factory}(${['data', ...uses.map((use) => use.name)].join(', ')})`,
      ].join('\n'),
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    logLevel: 'error',
  })
  const output = result.outputFiles[0]
  if (!output) throw new Error(`esbuild produced nothing for ${peer.file}`)
  return output.text
}
