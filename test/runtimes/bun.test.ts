import path from 'node:path'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { distFile } from '../package/dist.js'
import { bundleEntry } from './bundle.js'
import {
  childEnvironment,
  expectAllPassed,
  makeInstallDir,
  parseReport,
  runCommand,
  runtimeBinary,
} from './harness.js'

describe('Bun runtime', () => {
  const install = makeInstallDir()
  const entry = path.join(install.dir, 'conformance.mjs')

  beforeAll(async () => {
    distFile('node/index.js')
    await bundleEntry('cli', entry, { kind: 'external' })
  })

  afterAll(() => {
    install.remove()
  })

  it('passes on dist/node', async () => {
    const bun = runtimeBinary(
      '@oven/bun-linux-x64/bin/bun',
      'run `npm ci`; the devDependency "bun" installs it for linux-x64',
    )
    // Bun matches the "node" condition of the exports map, so it loads dist/node over
    // its node:crypto and node:zlib. --no-install stops it fetching missing packages.
    const stdout = await runCommand(bun, ['--no-install', entry], {
      cwd: install.dir,
      env: childEnvironment(),
    })
    expectAllPassed('bun', parseReport(stdout), 'node')
  })
})
