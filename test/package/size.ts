import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { distFile, packageRoot } from './dist.js'

/** Sizes of one bundle, in bytes. */
export interface BundleSize {
  /** Length of the minified bundle. */
  readonly minified: number
  /** Length of the minified bundle after gzip at level 9. */
  readonly gzipped: number
  /** Names the bundle exports, which shows the import resolved to the requested names. */
  readonly exports: readonly string[]
}

/**
 * Bundles `source` as an application would and returns its sizes. The source
 * imports the built package by name from the package root, so esbuild resolves
 * it through package.json `exports` (a package may import itself by name) with
 * the browser conditions, which select dist/web. The bundle is minified for
 * es2022. With format `cjs`, a `require` in `source` loads the CommonJS build.
 *
 * @example
 * const { gzipped } = await measureBundle("export { generate } from 'agora-keys/dynamic-key'")
 */
export async function measureBundle(source: string, format: 'esm' | 'cjs' = 'esm'): Promise<BundleSize> {
  distFile('web/index.js')
  distFile('web/index.cjs')
  const result = await build({
    stdin: { contents: source, resolveDir: packageRoot, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    platform: 'browser',
    format,
    target: 'es2022',
    logLevel: 'silent',
  })
  const [code] = result.outputFiles
  const [output] = Object.values(result.metafile.outputs)
  if (code === undefined || output === undefined) throw new Error(`esbuild wrote no bundle for ${source}`)
  return {
    minified: code.contents.length,
    gzipped: gzipSync(code.contents, { level: 9 }).length,
    exports: output.exports,
  }
}
