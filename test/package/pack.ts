import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { distFile, packageRoot } from './dist.js'

/** The parts of package.json these tests read. */
export interface Manifest {
  readonly name: string
  readonly exports: Readonly<Record<string, unknown>>
  readonly bin?: Readonly<Record<string, string>>
  readonly dependencies?: Readonly<Record<string, string>>
  readonly peerDependencies?: Readonly<Record<string, string>>
  readonly optionalDependencies?: Readonly<Record<string, string>>
  readonly bundleDependencies?: unknown
  readonly bundledDependencies?: unknown
}

export function readManifest(dir = packageRoot): Manifest {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest
}

/** Lists the subpaths of the exports map that are code (all but ./package.json). */
export function codeSubpaths(manifest: Manifest = readManifest()): string[] {
  return Object.keys(manifest.exports).filter((subpath) => subpath !== './package.json')
}

/** Returns the specifier a consumer writes for a subpath: "." is the bare package name. */
export function specifierOf(subpath: string, name = readManifest().name): string {
  return subpath === '.' ? name : `${name}/${subpath.slice(2)}`
}

/** Runs a command and returns stdout, with stderr in the error message on failure. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { ...options, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error === null) resolve(stdout)
        else reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`))
      },
    )
  })
}

/** npm without update checks, audits or funding notices, so it stays off the network. */
function npmEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    NPM_CONFIG_AUDIT: 'false',
    NPM_CONFIG_FUND: 'false',
  }
}

/** One file of `npm pack --json` output. */
export interface PackedFile {
  readonly path: string
  readonly size: number
}

/** Runs `npm pack --dry-run --json` and returns the files it would publish. */
export async function dryRunFiles(): Promise<PackedFile[]> {
  const stdout = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: packageRoot,
    env: npmEnvironment(),
  })
  const [result] = JSON.parse(stdout) as { files: PackedFile[] }[]
  if (result === undefined) throw new Error(`npm pack printed no result: ${stdout}`)
  return result.files
}

/** A consumer project with the packed tarball extracted into node_modules. */
export interface PackedInstall {
  /** The consumer project: run node here to resolve the package by name. */
  readonly dir: string
  /** node_modules/<name>, as extracted from the tarball. */
  readonly packageDir: string
  readonly tarball: string
  remove(): void
}

/**
 * Packs the package with `npm pack` and extracts the tarball into a temp
 * consumer project, which is what `npm install` of a published version
 * leaves on disk (without its dependencies, of which there are none).
 */
export async function packAndInstall(): Promise<PackedInstall> {
  distFile('node/index.js')
  distFile('web/index.js')
  const dir = mkdtempSync(path.join(tmpdir(), 'agora-keys-consumer-'))
  const stdout = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
    cwd: packageRoot,
    env: npmEnvironment(),
  })
  const [result] = JSON.parse(stdout) as { filename: string }[]
  if (result === undefined) throw new Error(`npm pack printed no result: ${stdout}`)
  const tarball = path.join(dir, result.filename)

  const manifest = readManifest()
  const packageDir = path.join(dir, 'node_modules', manifest.name)
  mkdirSync(packageDir, { recursive: true })
  await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { cwd: dir })
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n')
  return {
    dir,
    packageDir,
    tarball,
    remove: () => {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
