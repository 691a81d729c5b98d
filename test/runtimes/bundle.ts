import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { build, type Plugin } from 'esbuild'
import { packageRoot } from '../package/dist.js'
import type { VectorFile } from './suite.js'

const vectorsDir = path.join(packageRoot, 'vectors')

/** Reads every kind file of vectors/ (divergences.json is a report, not cases). */
export function loadVectorFiles(): VectorFile[] {
  return readdirSync(vectorsDir)
    .filter((name) => name.endsWith('.json') && name !== 'divergences.json')
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(vectorsDir, name), 'utf8')) as VectorFile)
}

/** The number of fresh-key checks that freshChecks() in suite.ts runs after the vector cases. */
export const FRESH_CHECKS = 4

/** Returns how many checks a full run reports as passed: every vector case plus the fresh-key checks. */
export function expectedCheckCount(): number {
  return loadVectorFiles().reduce((sum, file) => sum + file.cases.length, 0) + FRESH_CHECKS
}

/**
 * How the bundle gets the library: left as an `import 'agora-keys'` for the
 * runtime to resolve, or bundled in through the exports map with these conditions.
 */
export type LibrarySource =
  | { readonly kind: 'external' }
  | { readonly kind: 'bundled'; readonly conditions: readonly string[]; readonly nodePaths: readonly string[] }

/** Supplies 'virtual:vectors' and 'virtual:agora-keys' to the entries. */
function virtualModules(): Plugin {
  return {
    name: 'conformance-virtual-modules',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^virtual:(vectors|agora-keys)$/ }, (args) => ({
        path: args.path,
        namespace: 'conformance',
      }))
      pluginBuild.onLoad({ filter: /.*/, namespace: 'conformance' }, (args) => {
        if (args.path === 'virtual:vectors') {
          return { contents: `export default ${JSON.stringify(loadVectorFiles())}`, loader: 'js' }
        }
        return {
          contents: "import * as library from 'agora-keys'\nexport default library\n",
          loader: 'js',
          resolveDir: packageRoot,
        }
      })
    },
  }
}

/**
 * Bundles one entry of test/runtimes/entries into a single file: an ES module,
 * or, given `globalName`, a classic script that stores the entry's exports in
 * that global variable (for hosts that evaluate scripts, such as EdgeVM).
 */
export async function bundleEntry(
  entry: 'cli' | 'worker' | 'browser',
  outfile: string,
  library: LibrarySource,
  globalName?: string,
): Promise<void> {
  await build({
    entryPoints: [path.join(import.meta.dirname, 'entries', `${entry}.ts`)],
    outfile,
    bundle: true,
    ...(globalName === undefined ? { format: 'esm' } : { format: 'iife', globalName }),
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'silent',
    plugins: [virtualModules()],
    ...(library.kind === 'external'
      ? { external: ['agora-keys'] }
      : { conditions: [...library.conditions], nodePaths: [...library.nodePaths] }),
  })
}
