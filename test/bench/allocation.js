// Starts test/bench/allocation-child.js in a fresh Node process with the flags its
// method needs, and returns its measurements. allocation-child.js describes the method.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import process from 'node:process'

const repositoryRoot = path.resolve(import.meta.dirname, '../..')
const childScript = path.join(import.meta.dirname, 'allocation-child.js')

/** Semi-space size of the child's young generation, in MiB. */
export const SEMI_SPACE_MIB = 64

/** The Node flags of the child process, also printed in RESULTS.md. */
export const allocationFlags = [
  '--expose-gc',
  `--min-semi-space-size=${String(SEMI_SPACE_MIB)}`,
  `--max-semi-space-size=${String(SEMI_SPACE_MIB)}`,
]

/**
 * Measures bytes per operation for the variants of the speed groups.
 *
 * @param {{ windows: number, windowMs: number }} settings
 * @param {Set<string> | undefined} only group ids to measure, or undefined for all
 * @returns {{ calibration: object, results: object[] }}
 */
export function measureAllocation(settings, only) {
  const childSettings = {
    windows: settings.windows,
    windowMs: settings.windowMs,
    groups: only === undefined ? null : [...only],
  }
  const output = execFileSync(
    process.execPath,
    [...allocationFlags, childScript, JSON.stringify(childSettings)],
    { cwd: repositoryRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  )
  return JSON.parse(output)
}
