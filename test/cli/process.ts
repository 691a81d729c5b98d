import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** The built CLI. `npm test` builds it before vitest runs; run `npx tsup` before `npx vitest run test/cli`. */
export const cliPath = path.resolve(import.meta.dirname, '../../dist/node/cli.js')

/** Exit status and output of one run of the CLI. */
export interface CliRun {
  readonly status: number
  readonly stdout: string
  readonly stderr: string
}

/** Collects the App Certificates a run is given, by flag or by environment variable. */
function certificatesOf(args: readonly string[], env: Readonly<Record<string, string>>): string[] {
  const found: string[] = []
  const fromEnvironment = env.AGORA_APP_CERTIFICATE
  if (fromEnvironment !== undefined && fromEnvironment.length > 0) found.push(fromEnvironment)
  args.forEach((arg, index) => {
    if (arg.startsWith('--app-certificate=')) found.push(arg.slice('--app-certificate='.length))
    const next = args[index + 1]
    if (arg === '--app-certificate' && next !== undefined) found.push(next)
  })
  return found.filter((certificate) => certificate.length >= 8)
}

/**
 * Runs `node dist/node/cli.js ...args` with only PATH and `env` in its
 * environment, so a developer's own AGORA_* variables cannot change results.
 * Every run also checks that no App Certificate it was given appears in its
 * output, in any letter case.
 */
export async function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  if (!existsSync(cliPath)) {
    throw new Error(`${cliPath} is missing: run \`npx tsup\` first (npm test builds it before running vitest)`)
  }
  const run = await new Promise<CliRun>((resolve, reject) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        // error.code is the exit status when the process exited, and absent when a signal killed it.
        if (error !== null && typeof error.code !== 'number') {
          reject(new Error(`agora-keys did not exit normally (signal ${String(error.signal)})`, { cause: error }))
          return
        }
        resolve({ status: error === null ? 0 : Number(error.code), stdout, stderr })
      },
    )
  })

  for (const certificate of certificatesOf(args, env)) {
    const needle = certificate.toLowerCase()
    if (run.stdout.toLowerCase().includes(needle) || run.stderr.toLowerCase().includes(needle)) {
      throw new Error(`agora-keys ${args[0] ?? ''} printed the App Certificate it was given`)
    }
  }
  return run
}

/** The version field of package.json. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string
  }
  return manifest.version
}

/** Matches the one line every error prints, capturing the error code. */
export const ERROR_LINE = /^agora-keys: [^\n]+ \((ERR_[A-Z_]+)\)\n$/
