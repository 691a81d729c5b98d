// Runs are-the-types-wrong on the packed package, the usual check of a dual
// ESM and CommonJS package's declarations before a release.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SETUP_TIMEOUT_MS, packageRoot } from './dist.js'
import { packAndInstall, run, type PackedInstall } from './pack.js'

const attw = path.join(packageRoot, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js')

describe('are-the-types-wrong', () => {
  let install: PackedInstall | undefined

  beforeAll(async () => {
    install = await packAndInstall()
  }, SETUP_TIMEOUT_MS)

  afterAll(() => {
    install?.remove()
  })

  // node10 resolution ignores the exports map, so no subpath resolves there.
  // The package requires Node.js 20, so the node16 profile is the one that applies.
  it('finds no problem under node16 and bundler', async () => {
    if (install === undefined) throw new Error('npm pack failed')
    const args = [attw, install.tarball, '--profile', 'node16', '--format', 'ascii']
    // attw exits non-zero on any problem outside the ignored node10 resolution,
    // and run() then rejects with its report.
    const report = await run(process.execPath, args, { cwd: install.dir })
    expect(report).toContain('node16 (from CJS): 🟢 (CJS)')
    expect(report).toContain('node16 (from ESM): 🟢 (ESM)')
  })
})
