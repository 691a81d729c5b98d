import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SETUP_TIMEOUT_MS } from './dist.js'
import {
  codeSubpaths,
  dryRunFiles,
  packAndInstall,
  readManifest,
  run,
  specifierOf,
  type PackedInstall,
} from './pack.js'

/** What a child process reports for one subpath: the resolved file and the export count, or the error. */
interface Resolution {
  readonly file?: string
  readonly exportCount?: number
  readonly error?: string
}

interface ChildReport {
  readonly subpaths: Record<string, Resolution>
  readonly backend: string
}

/** Imports every specifier as ES modules and reports where each resolved. */
const importScript = `
const specifiers = JSON.parse(process.argv[1])
const subpaths = {}
for (const [subpath, specifier] of Object.entries(specifiers)) {
  try {
    const module = await import(specifier)
    subpaths[subpath] = { file: import.meta.resolve(specifier), exportCount: Object.keys(module).length }
  } catch (error) {
    subpaths[subpath] = { error: String(error) }
  }
}
const root = await import(specifiers['.'])
console.log(JSON.stringify({ subpaths, backend: root.hmacBackendName() }))
`

/** Requires every specifier as CommonJS and reports where each resolved. */
const requireScript = `
const specifiers = JSON.parse(process.argv[1])
const subpaths = {}
for (const [subpath, specifier] of Object.entries(specifiers)) {
  try {
    const module = require(specifier)
    subpaths[subpath] = { file: require.resolve(specifier), exportCount: Object.keys(module).length }
  } catch (error) {
    subpaths[subpath] = { error: String(error) }
  }
}
console.log(JSON.stringify({ subpaths, backend: require(specifiers['.']).hmacBackendName() }))
`

const manifest = readManifest()
const subpaths = codeSubpaths(manifest)
const specifiers = Object.fromEntries(subpaths.map((subpath) => [subpath, specifierOf(subpath)]))

/** The dist file a subpath must resolve to: root is "index". */
function expectedFile(subpath: string, build: 'node' | 'web', extension: 'js' | 'cjs'): string {
  const name = subpath === '.' ? 'index' : subpath.slice(2)
  return path.join('dist', build, `${name}.${extension}`)
}

describe('installed package', () => {
  let install: PackedInstall | undefined

  beforeAll(async () => {
    install = await packAndInstall()
  }, SETUP_TIMEOUT_MS)

  afterAll(() => {
    install?.remove()
  })

  function consumerDir(): string {
    if (install === undefined) throw new Error('npm pack failed')
    return install.dir
  }

  async function resolveAll(system: 'import' | 'require', conditions: readonly string[]): Promise<ChildReport> {
    const script = system === 'import' ? importScript : requireScript
    const args = [
      ...conditions.map((condition) => `--conditions=${condition}`),
      ...(system === 'import' ? ['--input-type=module'] : []),
      '-e',
      script,
      JSON.stringify(specifiers),
    ]
    return JSON.parse(await run(process.execPath, args, { cwd: consumerDir() })) as ChildReport
  }

  const cases = [
    ['import', [], 'node', 'js'],
    ['require', [], 'node', 'cjs'],
    ['import', ['browser'], 'web', 'js'],
    ['require', ['browser'], 'web', 'cjs'],
  ] as const

  it.each(cases)('resolves %s with conditions %j', async (system, conditions, build, extension) => {
    const report = await resolveAll(system, conditions)
    const packageDir = install?.packageDir ?? ''
    for (const subpath of subpaths) {
      const resolution = report.subpaths[subpath]
      expect(resolution?.error, subpath).toBeUndefined()
      const file = resolution?.file ?? ''
      const absolute = file.startsWith('file:') ? fileURLToPath(file) : file
      expect(path.relative(packageDir, absolute), subpath).toBe(expectedFile(subpath, build, extension))
      expect(resolution?.exportCount, subpath).toBeGreaterThan(0)
    }
    expect(report.backend).toBe(build)
  })

  it('recognises errors across builds', async () => {
    // An app can load both builds, for example through a CommonJS dependency.
    const script = `
      import { createRequire } from 'node:module'
      const cjs = createRequire(process.cwd() + '/')(${JSON.stringify(manifest.name)})
      const esm = await import(${JSON.stringify(manifest.name)})
      let thrown
      try {
        await cjs.dynamicKey.generate({})
      } catch (error) {
        thrown = error
      }
      console.log(JSON.stringify({
        sameClass: cjs.AgoraKeysError === esm.AgoraKeysError,
        code: thrown?.code,
        recognised: esm.isAgoraKeysError(thrown, 'ERR_INVALID_APP_ID'),
      }))
    `
    const stdout = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: consumerDir() })
    const result = JSON.parse(stdout) as { sameClass: boolean; code: string; recognised: boolean }
    expect(result.sameClass).toBe(false)
    expect(result.code).toBe('ERR_INVALID_APP_ID')
    expect(result.recognised).toBe(true)
  })

  it('ships every exports target', () => {
    const packageDir = install?.packageDir ?? ''
    const targets = new Set<string>()
    const collect = (value: unknown): void => {
      if (typeof value === 'string') targets.add(value)
      else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect)
    }
    collect(manifest.exports)
    for (const target of targets) {
      expect(existsSync(path.join(packageDir, target)), target).toBe(true)
    }
  })

  it('ships the bin files', () => {
    for (const [name, file] of Object.entries(manifest.bin ?? {})) {
      expect(existsSync(path.join(install?.packageDir ?? '', file)), name).toBe(true)
    }
  })

  it('passes publint', async () => {
    const { messages, pkg } = await publint({
      pkgDir: install?.packageDir ?? '',
      level: 'suggestion',
      pack: false,
    })
    const lines = messages.map((message) => `${message.type}: ${formatMessage(message, pkg) ?? message.code}`)
    console.info(`publint: ${String(messages.length)} messages${lines.length > 0 ? `\n${lines.join('\n')}` : ''}`)
    expect(lines.filter((line) => line.startsWith('error:'))).toEqual([])
  })
})

describe('package.json', () => {
  it('has no dependencies', () => {
    expect(manifest.dependencies ?? {}).toEqual({})
    expect(manifest.peerDependencies ?? {}).toEqual({})
    expect(manifest.optionalDependencies ?? {}).toEqual({})
    expect(manifest.bundleDependencies ?? manifest.bundledDependencies).toBeUndefined()
  })

  it('publishes only dist and docs', async () => {
    const allowed = new Set(['README.md', 'CHANGELOG.md', 'LICENSE', 'package.json'])
    const files = await dryRunFiles()
    const unexpected = files
      .map((file) => file.path)
      .filter((file) => !file.startsWith('dist/') && !allowed.has(file))
    expect(unexpected).toEqual([])
    for (const file of allowed) expect(files.map((entry) => entry.path)).toContain(file)
    const size = files.reduce((sum, file) => sum + file.size, 0)
    console.info(`npm pack: ${String(files.length)} files, ${String(size)} bytes unpacked`)
  })
})
