import { existsSync } from 'node:fs'
import path from 'node:path'

/** The package root: the folder with package.json and dist/. */
export const packageRoot = path.resolve(import.meta.dirname, '../..')

/**
 * Returns the absolute path of a built file, throwing a message that says how
 * to build when it is missing. `npm test` builds before running vitest, but a
 * bare `npx vitest run` does not.
 */
export function distFile(relative: string): string {
  const file = path.join(packageRoot, 'dist', relative)
  if (!existsSync(file)) {
    throw new Error(`dist/${relative} is missing: run \`npx tsup\` (or \`npm test\`, which builds first)`)
  }
  return file
}

/**
 * Timeout for setup hooks that pack the package, bundle or start a browser.
 * vitest's default of 10 s is too short for them while other test files load
 * both cores.
 */
export const SETUP_TIMEOUT_MS = 60_000
