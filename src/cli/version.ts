import { readFileSync } from 'node:fs'

/**
 * Reads the version from agora-keys' package.json at run time. The path is
 * relative to this module: the built dist/node/cli.js and the source
 * src/cli/version.ts both sit two folders below the package root.
 */
export function readPackageVersion(): string {
  const location = new URL('../../package.json', import.meta.url)
  let manifest: unknown
  try {
    manifest = JSON.parse(readFileSync(location, 'utf8'))
  } catch (cause) {
    // A broken install, not a usage error, so this is a plain Error with exit status 1.
    throw new Error(`cannot read ${location.pathname}, so the agora-keys install is incomplete`, { cause })
  }
  const { name, version } = (manifest ?? {}) as { name?: unknown; version?: unknown }
  if (name !== 'agora-keys' || typeof version !== 'string') {
    throw new Error(`${location.pathname} is not the agora-keys package.json, so the version is unknown`)
  }
  return version
}
