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

describe('Deno runtime', () => {
  const install = makeInstallDir()
  const entry = path.join(install.dir, 'conformance.mjs')

  beforeAll(async () => {
    distFile('web/index.js')
    await bundleEntry('cli', entry, { kind: 'external' })
  })

  afterAll(() => {
    install.remove()
  })

  it('passes on dist/web', async () => {
    const deno = runtimeBinary(
      '@deno/linux-x64-glibc/deno',
      'run `npm ci`; the devDependency "deno" installs it for linux-x64-glibc',
    )
    // --cached-only keeps Deno off the network. The package resolves from node_modules.
    const stdout = await runCommand(deno, ['run', '--no-prompt', '--cached-only', entry], {
      cwd: install.dir,
      env: childEnvironment({ DENO_DIR: path.join(install.dir, '.deno') }),
    })
    expectAllPassed('deno', parseReport(stdout), 'web')
  })
})
