// Runs are-the-types-wrong on the packed package, the usual check of a dual
// ESM and CommonJS package's declarations before a release.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SETUP_TIMEOUT_MS, packageRoot } from './dist.js'
import { codeSubpaths, packAndInstall, readManifest, type PackedInstall } from './pack.js'

const attw = path.join(packageRoot, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js')

/** The module resolution modes attw checks, named as in its JSON output. */
const resolutionKinds = ['node10', 'node16-cjs', 'node16-esm', 'bundler'] as const
type ResolutionKind = (typeof resolutionKinds)[number]

/** The parts of `attw --format json` output that these tests read. */
interface AttwReport {
  readonly analysis: {
    readonly problems: readonly { readonly kind: string; readonly entrypoint?: string }[]
    readonly entrypoints: Readonly<Record<string, AttwEntrypoint | undefined>>
  }
}

interface AttwEntrypoint {
  readonly resolutions: Readonly<Record<string, AttwResolution | undefined>>
}

interface AttwResolution {
  readonly resolution?: { readonly fileName: string }
  readonly implementationResolution?: { readonly fileName: string }
}

/** The exit code and output of one attw run. attw exits with 1 when it finds a problem. */
interface AttwRun {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

function runAttw(args: readonly string[], cwd: string): Promise<AttwRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [attw, ...args],
      { cwd, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ exitCode: 0, stdout, stderr })
          return
        }
        // A numeric code is the exit code. Otherwise attw did not run or was killed.
        const exitCode = typeof error.code === 'number' ? error.code : -1
        resolve({ exitCode, stdout, stderr: stderr || error.message })
      },
    )
  })
}

/** The declaration file a resolution must reach: dist/types-cjs for CommonJS, dist/types for ESM. */
function expectedTypes(subpath: string, kind: ResolutionKind): string {
  const folder = kind === 'node10' || kind === 'node16-cjs' ? 'types-cjs' : 'types'
  const name = subpath === '.' ? '' : `${subpath.slice(2)}/`
  return `dist/${folder}/${name}index.d.ts`
}

/**
 * The JavaScript file a resolution must reach. Node.js resolution uses the
 * "node" condition, and bundler resolution sets neither "node" nor "browser",
 * so it takes the "default" (web) build.
 */
function expectedImplementation(subpath: string, kind: ResolutionKind): string | undefined {
  const name = subpath === '.' ? 'index' : subpath.slice(2)
  switch (kind) {
    case 'node10':
      // node10 ignores `exports`, and typesVersions maps only declarations, so
      // only the root reaches JavaScript, through "main".
      // NOTE: a runtime resolver without `exports` support cannot load the subpaths.
      return subpath === '.' ? 'dist/node/index.cjs' : undefined
    case 'node16-cjs':
      return `dist/node/${name}.cjs`
    case 'node16-esm':
      return `dist/node/${name}.js`
    case 'bundler':
      return `dist/web/${name}.js`
  }
}

/** Strips attw's virtual `/node_modules/<name>/` prefix from a resolved file name. */
function packageRelative(fileName: string | undefined, name: string): string | undefined {
  const prefix = `/node_modules/${name}/`
  return fileName?.startsWith(prefix) === true ? fileName.slice(prefix.length) : fileName
}

const manifest = readManifest()
const subpaths = codeSubpaths(manifest)

describe('are-the-types-wrong', () => {
  let install: PackedInstall | undefined
  let result: AttwRun | undefined

  beforeAll(async () => {
    install = await packAndInstall()
    // The strict profile is attw's default. Naming it keeps a stray .attw.json
    // config from turning resolution modes off.
    result = await runAttw([install.tarball, '--profile', 'strict', '--format', 'json'], install.dir)
  }, SETUP_TIMEOUT_MS)

  afterAll(() => {
    install?.remove()
  })

  function attwReport(): AttwReport {
    if (result === undefined) throw new Error('npm pack failed')
    try {
      return JSON.parse(result.stdout) as AttwReport
    } catch {
      throw new Error(`attw printed no JSON report (exit code ${String(result.exitCode)}): ${result.stderr}`)
    }
  }

  it('finds no problem', () => {
    const problems = attwReport().analysis.problems.map(
      (problem) => `${problem.kind} in ${problem.entrypoint ?? 'the package'}`,
    )
    expect(problems).toEqual([])
    expect(result?.exitCode).toBe(0)
  })

  it('checks every exports subpath', () => {
    const checked = Object.keys(attwReport().analysis.entrypoints)
    for (const subpath of subpaths) expect(checked).toContain(subpath)
  })

  it.each(resolutionKinds)('resolves every subpath under %s', (kind) => {
    for (const subpath of subpaths) {
      const resolution = attwReport().analysis.entrypoints[subpath]?.resolutions[kind]
      const label = `${subpath} (${kind})`
      const types = packageRelative(resolution?.resolution?.fileName, manifest.name)
      expect(types, label).toBe(expectedTypes(subpath, kind))
      const implementation = expectedImplementation(subpath, kind)
      if (implementation !== undefined) {
        expect(packageRelative(resolution?.implementationResolution?.fileName, manifest.name), label).toBe(
          implementation,
        )
      }
    }
  })
})
