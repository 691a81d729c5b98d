import path from 'node:path'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { distFile } from '../package/dist.js'
import { bundleEntry } from './bundle.js'
import { childEnvironment, expectAllPassed, makeInstallDir, parseReport, runCommand } from './harness.js'

describe('Node runtime', () => {
  const install = makeInstallDir()
  const entry = path.join(install.dir, 'conformance.mjs')

  beforeAll(async () => {
    distFile('node/index.js')
    distFile('web/index.js')
    await bundleEntry('cli', entry, { kind: 'external' })
  })

  afterAll(() => {
    install.remove()
  })

  it('passes on dist/node', async () => {
    const stdout = await runCommand(process.execPath, [entry], {
      cwd: install.dir,
      env: childEnvironment(),
    })
    expectAllPassed('node', parseReport(stdout), 'node')
  })

  it('passes on dist/web', async () => {
    // The browser condition comes first in the exports map, so Node resolves dist/web.
    const stdout = await runCommand(process.execPath, ['--conditions=browser', entry], {
      cwd: install.dir,
      env: childEnvironment(),
    })
    expectAllPassed('node --conditions=browser', parseReport(stdout), 'web')
  })
})
