import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { distFile, packageRoot, SETUP_TIMEOUT_MS } from '../package/dist.js'
import { bundleEntry, expectedCheckCount } from './bundle.js'
import type { ConformanceReport } from './suite.js'

/** Maximum time one runtime process may run the suite before it is killed. */
export const RUNTIME_TIMEOUT_MS = 120_000

/**
 * Creates a temp folder whose node_modules/agora-keys links to this package,
 * so that runtimes resolve 'agora-keys' through package.json `exports` as an
 * installed dependency. Returns the folder and a function that deletes it.
 */
export function makeInstallDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'agora-keys-runtime-'))
  mkdirSync(path.join(dir, 'node_modules'))
  symlinkSync(packageRoot, path.join(dir, 'node_modules', 'agora-keys'), 'dir')
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true, "type": "module" }\n')
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Returns the path of a runtime binary that a devDependency ships, or throws
 * a message saying how to install it, so a missing runtime fails the test
 * instead of being skipped. `relative` may list several places, tried in
 * order, because some packages' install scripts move the binary.
 */
export function runtimeBinary(relative: string | readonly string[], installHint: string): string {
  const candidates = (typeof relative === 'string' ? [relative] : relative).map((file) =>
    path.join(packageRoot, 'node_modules', file),
  )
  const found = candidates.find((file) => existsSync(file))
  if (found === undefined) throw new Error(`${candidates.join(' and ')} are missing: ${installHint}`)
  return found
}

/** Environment for runtime processes: no colors, no update checks, no telemetry, no prompts. */
export function childEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    NO_COLOR: '1',
    DO_NOT_TRACK: '1',
    DENO_NO_UPDATE_CHECK: '1',
    DENO_NO_PROMPT: '1',
    ...extra,
  }
}

/** Runs a command to completion and returns its stdout. A failure message includes stderr. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { ...options, timeout: RUNTIME_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout)
          return
        }
        reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\nstderr:\n${stderr}`))
      },
    )
  })
}

/** Parses the report that an entry printed as its last stdout line. */
export function parseReport(stdout: string): ConformanceReport {
  const lines = stdout.trim().split('\n')
  const last = lines.at(-1) ?? ''
  try {
    return JSON.parse(last) as ConformanceReport
  } catch {
    throw new Error(`the runtime printed no JSON report; its output was:\n${stdout}`)
  }
}

/** Asserts that every check of a report passed on the expected backend, and logs the counts. */
export function expectAllPassed(label: string, report: ConformanceReport, backend: 'node' | 'web'): void {
  const total = expectedCheckCount()
  console.info(
    `${label}: ${String(report.passed)}/${String(total)} checks passed on the ${report.backend} backend, ` +
      `${String(report.exactTokens)} "007" tokens byte-identical (${report.runtime})`,
  )
  expect(report.failures).toEqual([])
  expect(report.failed).toBe(0)
  expect(report.passed).toBe(total)
  expect(report.backend).toBe(backend)
}

/** One way to run the suite's command-line entry: a runtime binary and its arguments. */
export interface CommandLineRun {
  /** The build the runtime must load, which is also the backend it must report. */
  readonly build: 'node' | 'web'
  /** Label for the logged counts. */
  readonly label: string
  /** Returns the runtime binary; throws with install instructions when it is missing. */
  readonly binary: () => string
  /** Arguments that run the bundled entry file. */
  readonly args: (entry: string) => readonly string[]
  /** Extra environment variables, given the install folder. */
  readonly env?: (dir: string) => Record<string, string>
}

/**
 * Defines one test per run: each bundles the command-line entry with
 * 'agora-keys' left external, runs it from a folder where node_modules links
 * to this package, and expects every check to pass on the run's build.
 */
export function describeCommandLineRuntime(title: string, runs: readonly CommandLineRun[]): void {
  describe(title, () => {
    const install = makeInstallDir()
    const entry = path.join(install.dir, 'conformance.mjs')

    beforeAll(async () => {
      for (const run of runs) distFile(`${run.build}/index.js`)
      await bundleEntry('cli', entry, { kind: 'external' })
    }, SETUP_TIMEOUT_MS)

    afterAll(() => {
      install.remove()
    })

    for (const run of runs) {
      it(`passes on dist/${run.build}`, async () => {
        const stdout = await runCommand(run.binary(), run.args(entry), {
          cwd: install.dir,
          env: childEnvironment(run.env?.(install.dir)),
        })
        expectAllPassed(run.label, parseReport(stdout), run.build)
      })
    }
  })
}
