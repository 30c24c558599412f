import type { BuildOptions } from 'esbuild'

export const nodeBundleOptions: BuildOptions
