import { execFileSync } from 'node:child_process'
import { cpSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Plugin } from 'esbuild'
import { defineConfig, type Options } from 'tsup'

/** Public subpaths: each is one entry in both builds and one key of package.json `exports`. */
const libraryEntries = {
  index: 'src/index.ts',
  'dynamic-key': 'src/dynamic-key/index.ts',
  'dynamic-key2': 'src/dynamic-key2/index.ts',
  'dynamic-key3': 'src/dynamic-key3/index.ts',
  'dynamic-key4': 'src/dynamic-key4/index.ts',
  'dynamic-key5': 'src/dynamic-key5/index.ts',
  'access-token': 'src/access-token/index.ts',
  'access-token2': 'src/access-token2/index.ts',
}

/**
 * The root's `dynamicKeyN` namespaces, built as entries of their own but not
 * published in `exports`. esbuild writes a namespace object as a top-level
 * `__export(...)` call in the chunk of the module it wraps. Bundlers must keep
 * that call, and it references every function of the version. Wrapping a re-export
 * module that is an entry of its own gives the call a chunk of its own, which
 * a bundler drops unless the namespace is used.
 */
const namespaceEntries = {
  'namespaces/dynamic-key': 'src/namespaces/dynamic-key.ts',
  'namespaces/dynamic-key2': 'src/namespaces/dynamic-key2.ts',
  'namespaces/dynamic-key3': 'src/namespaces/dynamic-key3.ts',
  'namespaces/dynamic-key4': 'src/namespaces/dynamic-key4.ts',
  'namespaces/dynamic-key5': 'src/namespaces/dynamic-key5.ts',
}

type Runtime = 'node' | 'web'

/** Resolves the backend aliases to one implementation, so each build contains only its own. */
function backendPlugin(runtime: Runtime): Plugin {
  const targets: Record<string, string> = {
    '#hmac-backend': path.resolve(`src/hmac/${runtime}.ts`),
    '#compress-backend': path.resolve(`src/compress/${runtime}.ts`),
  }
  return {
    name: `agora-keys-${runtime}-backend`,
    setup(build) {
      build.onResolve({ filter: /^#(hmac|compress)-backend$/ }, (args) => ({
        path: targets[args.path] ?? args.path,
      }))
    },
  }
}

/**
 * Writes one set of declarations for both builds with tsc: dist/types for
 * `import` and a copy in dist/types-cjs, marked CommonJS by its own
 * package.json, for `require`. tsc keeps `export * as dynamicKeyN` intact,
 * where tsup's bundled declarations turned the namespaces' types into values.
 */
function emitDeclarations(): Promise<void> {
  const tsc = path.resolve('node_modules/typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
  cpSync('dist/types', 'dist/types-cjs', { recursive: true })
  writeFileSync('dist/types-cjs/package.json', '{ "type": "commonjs" }\n')
  return Promise.resolve()
}

/**
 * Returns the options of one build of the library. The node ESM build also
 * carries the CLI, so the CLI shares its chunks instead of bundling a second
 * copy of the library.
 */
function libraryBuild(runtime: Runtime, format: 'esm' | 'cjs'): Options {
  const withCli = runtime === 'node' && format === 'esm'
  return {
    entry: withCli
      ? { ...libraryEntries, ...namespaceEntries, cli: 'src/cli/main.ts' }
      : { ...libraryEntries, ...namespaceEntries },
    outDir: `dist/${runtime}`,
    format: [format],
    platform: runtime === 'node' ? 'node' : 'neutral',
    target: 'es2022',
    splitting: true,
    treeshake: true,
    sourcemap: false,
    clean: false,
    dts: false,
    onSuccess: withCli ? emitDeclarations : undefined,
    esbuildPlugins: [backendPlugin(runtime)],
  }
}

export default defineConfig([
  libraryBuild('node', 'esm'),
  libraryBuild('node', 'cjs'),
  libraryBuild('web', 'esm'),
  libraryBuild('web', 'cjs'),
])
