import { copyFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { afterAll, expect, it } from 'vitest'
import { distFile } from '../package/dist.js'
import { makeInstallDir } from '../runtimes/harness.js'
import { startWorkerd } from '../runtimes/workerd.js'
import { describeTokenServer } from './token-server.js'

const install = makeInstallDir()
const bundle = path.join(install.dir, 'worker.js')

afterAll(() => {
  install.remove()
})

/** Bundles the example as wrangler would: its conditions, agora-keys from node_modules, one ES module. */
async function bundleWorker(): Promise<void> {
  distFile('web/index.js')
  await build({
    entryPoints: [path.join(import.meta.dirname, 'cloudflare-worker', 'worker.js')],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    nodePaths: [path.join(install.dir, 'node_modules')],
    logLevel: 'silent',
  })
}

describeTokenServer('Cloudflare Worker example', async ({ appId, appCertificate }) => {
  await bundleWorker()
  // Secrets set with `wrangler secret put` reach the Worker as text bindings like these.
  return startWorkerd({
    dir: install.dir,
    module: 'worker.js',
    bindings: { AGORA_APP_ID: appId, AGORA_APP_CERTIFICATE: appCertificate },
  })
})

it('fails without secrets', async () => {
  await bundleWorker()
  // A folder of its own, because startWorkerd writes its config file next to the module.
  const dir = path.join(install.dir, 'unconfigured')
  mkdirSync(dir)
  copyFileSync(bundle, path.join(dir, 'worker.js'))
  const server = await startWorkerd({ dir, module: 'worker.js' })
  try {
    const response = await fetch(`${server.origin}/rtc?channel=room-1&uid=42`)
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ error: 'server not configured' })
    expect(server.output()).toContain('AGORA_APP_ID or AGORA_APP_CERTIFICATE is missing')
  } finally {
    await server.stop()
  }
})
