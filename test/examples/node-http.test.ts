import { copyFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { distFile } from '../package/dist.js'
import { childEnvironment, makeInstallDir, runCommand } from '../runtimes/harness.js'
import { describeTokenServer, startServerProcess } from './token-server.js'

// The example runs from a folder where node_modules/agora-keys links to this package, as an
// installed dependency, so Node resolves the node condition to dist/node.
const install = makeInstallDir()
const server = path.join(install.dir, 'server.js')
copyFileSync(path.join(import.meta.dirname, 'node-http', 'server.js'), server)

afterAll(() => {
  install.remove()
})

describeTokenServer('Node http example', ({ appId, appCertificate }) => {
  distFile('node/index.js')
  return startServerProcess(process.execPath, [server], {
    cwd: install.dir,
    env: childEnvironment({ AGORA_APP_ID: appId, AGORA_APP_CERTIFICATE: appCertificate, PORT: '0' }),
  })
})

it('exits without credentials', async () => {
  const run = runCommand(process.execPath, [server], { cwd: install.dir, env: childEnvironment({ PORT: '0' }) })
  await expect(run).rejects.toThrow('AGORA_APP_ID or AGORA_APP_CERTIFICATE is missing')
})
