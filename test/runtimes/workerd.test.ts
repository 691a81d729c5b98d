import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { distFile, SETUP_TIMEOUT_MS } from '../package/dist.js'
import { bundleEntry } from './bundle.js'
import { childEnvironment, expectAllPassed, makeInstallDir, runtimeBinary } from './harness.js'
import type { ConformanceReport } from './suite.js'

/**
 * workerd serves the bundled suite on loopback only. No compatibilityFlags are
 * set, so nodejs_compat is off and node: imports would fail to load.
 */
function workerdConfig(port: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "conformance", worker = .conformanceWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${String(port)}", http = (), service = "conformance") ],
);

const conformanceWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2025-01-01",
);
`
}

/** Finds a free loopback port by letting the OS pick one and releasing it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port)
        else reject(new Error('the OS returned no port'))
      })
    })
  })
}

/** Connection errors that mean workerd is still starting, not that it failed. */
const startingCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'])

/** Fetches the report, retrying while workerd starts listening: 100 tries, 100 ms apart. */
async function fetchReport(url: string, workerd: ChildProcess, log: () => string): Promise<ConformanceReport> {
  let lastError: unknown
  for (let attempt = 0; attempt < 100; attempt++) {
    if (workerd.exitCode !== null || workerd.signalCode !== null) {
      throw new Error(`workerd exited (${String(workerd.exitCode ?? workerd.signalCode)}):\n${log()}`)
    }
    let response: Response
    try {
      response = await fetch(url)
    } catch (error) {
      const code = (error as { cause?: { code?: unknown } }).cause?.code
      if (typeof code !== 'string' || !startingCodes.has(code)) {
        throw new Error(`fetching ${url} failed; workerd output:\n${log()}`, { cause: error })
      }
      lastError = error
      await new Promise((resolve) => setTimeout(resolve, 100))
      continue
    }
    const body = await response.text()
    if (!response.ok) {
      throw new Error(`workerd answered HTTP ${String(response.status)}: ${body}\nworkerd output:\n${log()}`)
    }
    return JSON.parse(body) as ConformanceReport
  }
  throw new Error(`workerd did not answer within 10 s; workerd output:\n${log()}`, { cause: lastError })
}

describe('workerd runtime', () => {
  const install = makeInstallDir()

  beforeAll(async () => {
    distFile('web/index.js')
    // The conditions wrangler bundles Workers with.
    await bundleEntry('worker', path.join(install.dir, 'worker.js'), {
      kind: 'bundled',
      conditions: ['workerd', 'worker', 'browser'],
      nodePaths: [path.join(install.dir, 'node_modules')],
    })
  }, SETUP_TIMEOUT_MS)

  afterAll(() => {
    install.remove()
  })

  it('passes on dist/web without nodejs_compat', async () => {
    const binary = runtimeBinary(
      '@cloudflare/workerd-linux-64/bin/workerd',
      'run `npm ci`; the devDependency "workerd" installs it for linux-64',
    )
    const port = await freePort()
    const configFile = path.join(install.dir, 'config.capnp')
    writeFileSync(configFile, workerdConfig(port))

    let output = ''
    const workerd = spawn(binary, ['serve', configFile], {
      cwd: install.dir,
      env: childEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    workerd.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    workerd.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    try {
      const report = await fetchReport(`http://127.0.0.1:${String(port)}/`, workerd, () => output)
      expect(report.runtime).toBe('Cloudflare-Workers')
      expectAllPassed('workerd', report, 'web')
    } finally {
      workerd.kill()
    }
  })
})
