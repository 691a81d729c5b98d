import { copyFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { distFile } from '../package/dist.js'
import { childEnvironment, makeInstallDir, runCommand, runtimeBinary } from '../runtimes/harness.js'
import { describeTokenServer, startServerProcess } from './token-server.js'

// The example imports npm:agora-keys, which Deno resolves from node_modules/agora-keys, a link to
// this package. The deno condition of its exports map points at dist/node.
const install = makeInstallDir()
const server = path.join(install.dir, 'server.js')
copyFileSync(path.join(import.meta.dirname, 'deno', 'server.js'), server)

/** The permissions that the example's header comment lists, and no others. */
const DENO_ARGS = [
  'run',
  '--no-prompt',
  '--cached-only',
  '--allow-env=AGORA_APP_ID,AGORA_APP_CERTIFICATE,PORT',
  '--allow-net=127.0.0.1',
  server,
]

function deno(): string {
  return runtimeBinary(
    '@deno/linux-x64-glibc/deno',
    'run `npm ci`; the devDependency "deno" installs it for linux-x64-glibc',
  )
}

afterAll(() => {
  install.remove()
})

describeTokenServer('Deno example', ({ appId, appCertificate }) => {
  distFile('node/index.js')
  return startServerProcess(deno(), DENO_ARGS, {
    cwd: install.dir,
    env: childEnvironment({
      AGORA_APP_ID: appId,
      AGORA_APP_CERTIFICATE: appCertificate,
      PORT: '0',
      DENO_DIR: path.join(install.dir, '.deno'),
    }),
  })
})

it('exits without credentials', async () => {
  const env = childEnvironment({ PORT: '0', DENO_DIR: path.join(install.dir, '.deno') })
  const run = runCommand(deno(), DENO_ARGS, { cwd: install.dir, env })
  await expect(run).rejects.toThrow('AGORA_APP_ID or AGORA_APP_CERTIFICATE is missing')
})
