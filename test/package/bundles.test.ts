import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type Metafile } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SETUP_TIMEOUT_MS } from './dist.js'
import { codeSubpaths, packAndInstall, readManifest, specifierOf, type PackedInstall } from './pack.js'

/** The output of one browser bundle: its code, what it read and what it left unresolved. */
interface Bundle {
  readonly code: string
  readonly inputs: readonly string[]
  readonly externalImports: readonly string[]
}

/** Node built-ins as a bundle would load them: `node:` imports or require() of a bare built-in name. */
const nodeBuiltinPatterns: readonly RegExp[] = [
  /["']node:[a-z_/]+["']/,
  /\brequire\(\s*["'](?:crypto|zlib|buffer|util|stream|fs|path|os|events)["']\s*\)/,
  /\bfrom\s*["'](?:crypto|zlib|buffer|util|stream|fs|path|os|events)["']/,
]

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
  compression: /\b(?:DecompressionStream|CompressionStream)\b/,
}

const manifest = readManifest()

describe('browser bundles', () => {
  let install: PackedInstall | undefined

  beforeAll(async () => {
    install = await packAndInstall()
  }, SETUP_TIMEOUT_MS)

  afterAll(() => {
    install?.remove()
  })

  /** Bundles `source` for browsers as a bundler would, resolving the package from the consumer project. */
  async function bundle(source: string, options: { minify?: boolean; format?: 'esm' | 'cjs' } = {}): Promise<Bundle> {
    if (install === undefined) throw new Error('npm pack failed')
    const result = await build({
      stdin: { contents: source, resolveDir: install.dir, loader: 'js' },
      bundle: true,
      write: false,
      metafile: true,
      platform: 'browser',
      format: options.format ?? 'esm',
      minify: options.minify ?? false,
      target: 'es2022',
      logLevel: 'silent',
    })
    const metafile: Metafile = result.metafile
    const [output] = Object.values(metafile.outputs)
    return {
      code: result.outputFiles[0]?.text ?? '',
      inputs: Object.keys(metafile.inputs),
      externalImports: (output?.imports ?? []).map((entry) => entry.path),
    }
  }

  function expectWebOnly(result: Bundle, label: string): void {
    expect(result.externalImports, label).toEqual([])
    const packageInputs = result.inputs.filter((input) => input !== '<stdin>')
    expect(packageInputs.length, label).toBeGreaterThan(0)
    for (const input of packageInputs) {
      expect(input, label).toMatch(new RegExp(`node_modules/${manifest.name}/dist/web/`))
    }
    for (const pattern of nodeBuiltinPatterns) expect(result.code, label).not.toMatch(pattern)
  }

  const subpaths = codeSubpaths(manifest)

  it.each(subpaths)('imports %s without Node built-ins', async (subpath) => {
    const specifier = specifierOf(subpath)
    expectWebOnly(await bundle(`export * from '${specifier}'`), specifier)
  })

  it.each(subpaths)('requires %s without Node built-ins', async (subpath) => {
    const specifier = specifierOf(subpath)
    expectWebOnly(await bundle(`module.exports = require('${specifier}')`, { format: 'cjs' }), specifier)
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
