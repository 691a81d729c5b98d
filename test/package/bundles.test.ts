import { writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type Metafile, type Platform, type Plugin } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SETUP_TIMEOUT_MS } from './dist.js'
import { codeSubpaths, packAndInstall, readManifest, specifierOf, type PackedInstall } from './pack.js'

/**
 * The output of one bundle: its code, what it read, what it left unresolved
 * and which Node built-ins its code imports or requires.
 */
interface Bundle {
  readonly code: string
  readonly inputs: readonly string[]
  readonly externalImports: readonly string[]
  readonly nodeBuiltins: readonly string[]
}

/** Options of one esbuild run: the platform, extra exports conditions, output format and minification. */
interface BundleOptions {
  readonly platform?: Platform
  readonly conditions?: readonly string[]
  readonly format?: 'esm' | 'cjs'
  readonly minify?: boolean
}

/** Node built-in module names, bare and with their subpaths, such as "fs/promises", as a regex alternation. */
const builtinAlternation = builtinModules
  .filter((name) => !name.startsWith('_'))
  .map((name) => name.replace(/[/]/g, '\\/'))
  .join('|')

/** A specifier that names a Node built-in: any `node:` specifier, or a bare built-in name. */
const nodeBuiltinSpecifier = new RegExp(`^(?:node:.*|(?:${builtinAlternation})(?:\\/.*)?)$`)

/**
 * Node built-ins as bundled code would still load them: `node:` strings, or
 * require() and import of a bare built-in name. These catch loads that esbuild
 * does not resolve as imports, such as `process.getBuiltinModule('node:zlib')`
 * or `module.require('zlib')`, which the resolver plugin below never receives.
 */
const nodeBuiltinPatterns: readonly RegExp[] = [
  /["']node:[a-z_/]+["']/,
  new RegExp(`\\brequire\\(\\s*["'](?:${builtinAlternation})["']\\s*\\)`),
  new RegExp(`\\b(?:from|import)\\s*\\(?\\s*["'](?:${builtinAlternation})["']`),
]

/**
 * Marks every Node built-in as external and records it, so that a bundle for
 * the browser or neutral platform lists the built-ins it needs instead of
 * failing to resolve them.
 */
function nodeBuiltinRecorder(found: string[]): Plugin {
  return {
    name: 'record-node-builtins',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: nodeBuiltinSpecifier }, (args) => {
        found.push(args.path)
        return { path: args.path, external: true }
      })
    },
  }
}

/**
 * Targets that must get the web build: the browser and neutral platforms,
 * alone and with each condition of the worker runtimes. The neutral platform
 * sets no condition of its own, so each condition is tested alone there.
 */
const webTargets: readonly { readonly platform: Platform; readonly conditions: readonly string[] }[] = (
  ['browser', 'neutral'] as const
).flatMap((platform) =>
  [[], ['worker'], ['workerd'], ['edge-light']].map((conditions) => ({ platform, conditions })),
)

/** Rows of [platform, conditions, format] for the web build matrix. */
const webCases = webTargets.flatMap((target) =>
  (['esm', 'cjs'] as const).map((format) => [target.platform, target.conditions.join(',') || 'none', format] as const),
)

/**
 * Strings that only one version's code contains, used to spot code of other
 * versions in a tree-shaken bundle. Most are the function names that each
 * version puts in its error messages.
 */
const versionMarkers: Readonly<Record<string, RegExp>> = {
  'dynamic-key': /\bdynamicKey\./,
  'dynamic-key2': /\bdynamicKey2\./,
  'dynamic-key3': /\bdynamicKey3\./,
  'dynamic-key4': /\bdynamicKey4\./,
  'dynamic-key5': /\bdynamicKey5\./,
  'access-token': /\b(?:RtcTokenBuilder\.|RtmTokenBuilder\.|parseAccessToken\b|verifyAccessToken\b)/,
  'access-token2': /\b(?:buildAccessToken2|parseAccessToken2|RtcTokenBuilder2\.)/,
  compression: /not valid zlib data/,
}

const manifest = readManifest()

describe('esbuild bundles', () => {
  let install: PackedInstall | undefined

  beforeAll(async () => {
    install = await packAndInstall()
  }, SETUP_TIMEOUT_MS)

  afterAll(() => {
    install?.remove()
  })

  /**
   * Bundles `source` as a bundler would, resolving the package from the
   * consumer project. The default is an ES module for the browser platform.
   */
  async function bundle(source: string, options: BundleOptions = {}): Promise<Bundle> {
    if (install === undefined) throw new Error('npm pack failed')
    const nodeBuiltins: string[] = []
    const result = await build({
      stdin: { contents: source, resolveDir: install.dir, loader: 'js' },
      bundle: true,
      write: false,
      metafile: true,
      platform: options.platform ?? 'browser',
      ...(options.conditions === undefined ? {} : { conditions: [...options.conditions] }),
      format: options.format ?? 'esm',
      minify: options.minify ?? false,
      target: 'es2022',
      logLevel: 'silent',
      plugins: [nodeBuiltinRecorder(nodeBuiltins)],
    })
    const metafile: Metafile = result.metafile
    const [output] = Object.values(metafile.outputs)
    return {
      code: result.outputFiles[0]?.text ?? '',
      inputs: Object.keys(metafile.inputs),
      externalImports: (output?.imports ?? []).map((entry) => entry.path),
      nodeBuiltins,
    }
  }

  function expectWebOnly(result: Bundle, label: string): void {
    expect(result.nodeBuiltins, label).toEqual([])
    expect(result.externalImports, label).toEqual([])
    const packageInputs = result.inputs.filter((input) => input !== '<stdin>')
    expect(packageInputs.length, label).toBeGreaterThan(0)
    for (const input of packageInputs) {
      expect(input, label).toMatch(new RegExp(`node_modules/${manifest.name}/dist/web/`))
    }
    for (const pattern of nodeBuiltinPatterns) expect(result.code, label).not.toMatch(pattern)
  }

  const subpaths = codeSubpaths(manifest)

  /** Returns consumer code that loads every export of a specifier, as ESM or CommonJS. */
  function consumerOf(specifier: string, format: 'esm' | 'cjs'): string {
    return format === 'esm' ? `export * from '${specifier}'` : `module.exports = require('${specifier}')`
  }

  it.each(webCases)('%s platform, conditions %s, %s: web only', async (platform, conditionList, format) => {
    const conditions = conditionList === 'none' ? [] : conditionList.split(',')
    for (const subpath of subpaths) {
      const specifier = specifierOf(subpath)
      const result = await bundle(consumerOf(specifier, format), { platform, conditions, format })
      expectWebOnly(result, specifier)
    }
  })

  // The server conditions must reach dist/node, and both the recorder and the
  // patterns must report its node:crypto and node:zlib imports. This shows that
  // the web-only checks can fail.
  it.each(['node', 'bun', 'deno'])('%s condition bundles dist/node', async (condition) => {
    const result = await bundle(consumerOf(manifest.name, 'esm'), { platform: 'neutral', conditions: [condition] })
    const packageInputs = result.inputs.filter((input) => input !== '<stdin>')
    expect(packageInputs.length).toBeGreaterThan(0)
    for (const input of packageInputs) {
      expect(input).toMatch(new RegExp(`node_modules/${manifest.name}/dist/node/`))
    }
    expect(result.nodeBuiltins).toContain('crypto')
    expect(result.nodeBuiltins).toContain('zlib')
    expect(nodeBuiltinPatterns.some((pattern) => pattern.test(result.code))).toBe(true)
  })

  it('runs the web backend', async () => {
    const result = await bundle(`export { hmacBackendName } from '${manifest.name}'`)
    const file = path.join(install?.dir ?? '', 'root-bundle.mjs')
    writeFileSync(file, result.code)
    const module = (await import(pathToFileURL(file).href)) as { hmacBackendName: () => string }
    expect(module.hmacBackendName()).toBe('web')
  })

  /** Bundles an entry minified and logs its size, raw and gzipped. */
  async function measured(label: string, source: string): Promise<string> {
    const result = await bundle(source, { minify: true })
    const gzipped = gzipSync(result.code, { level: 9 }).length
    console.info(`bundle ${label}: ${String(result.code.length)} bytes minified, ${String(gzipped)} gzipped`)
    expectWebOnly(result, label)
    return result.code
  }

  it('tree-shakes a DynamicKey import', async () => {
    const code = await measured(
      "{ generate } from 'agora-keys/dynamic-key'",
      `export { generate } from '${specifierOf('./dynamic-key')}'`,
    )
    expect(code).toMatch(/\bdynamicKey\.generate\b/)
    for (const [version, marker] of Object.entries(versionMarkers)) {
      if (version !== 'dynamic-key') expect(code, version).not.toMatch(marker)
    }
  })

  it('tree-shakes a root import', async () => {
    const code = await measured(
      "{ generateMediaChannelKey } from 'agora-keys'",
      `export { generateMediaChannelKey } from '${manifest.name}'`,
    )
    expect(code).toMatch(/\bdynamicKey4\.generateMediaChannelKey\b/)
    for (const [version, marker] of Object.entries(versionMarkers)) {
      if (version !== 'dynamic-key4') expect(code, version).not.toMatch(marker)
    }
  })

  it('measures the whole package', async () => {
    const code = await measured("* from 'agora-keys'", `export * from '${manifest.name}'`)
    // The full bundle contains every version, which shows the markers can match.
    for (const [version, marker] of Object.entries(versionMarkers)) {
      expect(code, version).toMatch(marker)
    }
  })
})
