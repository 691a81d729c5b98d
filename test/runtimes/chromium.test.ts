import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createDeflate } from 'node:zlib'
import { build } from 'esbuild'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { distFile, packageRoot, SETUP_TIMEOUT_MS } from '../package/dist.js'
import { bundleEntry } from './bundle.js'
import { expectAllPassed, makeInstallDir } from './harness.js'
import type { ConformanceReport } from './suite.js'

const CHROMIUM = '/usr/bin/chromium'

/**
 * Flags that keep Chromium off the network: this machine allows loopback only,
 * and without them Chromium tries Google hosts at every start.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Chromium still looks up accounts.google.com at start. Every name but the test server's
  // address now resolves to "not found" inside Chromium, so no DNS query leaves the machine.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  // Exact performance.memory values, for the inflate bomb check.
  '--enable-precise-memory-info',
]

/** The page for native ES modules: the import map resolves 'agora-keys' to dist/web, as a CDN would. */
const NATIVE_PAGE = `<!doctype html>
<meta charset="utf-8">
<title>agora-keys conformance (native modules)</title>
<script type="importmap">{ "imports": { "agora-keys": "/pkg/dist/web/index.js" } }</script>
`

const BUNDLED_PAGE = `<!doctype html>
<meta charset="utf-8">
<title>agora-keys conformance (bundle)</title>
`

/** Deflates `mebibytes` MiB of zeros in 1 MiB writes, so the test never has the full output in memory. */
async function zerosBomb(mebibytes: number): Promise<Buffer> {
  const deflater = createDeflate({ level: 9 })
  const chunks: Buffer[] = []
  deflater.on('data', (chunk: Buffer) => chunks.push(chunk))
  const zeros = Buffer.alloc(1 << 20)
  for (let i = 0; i < mebibytes; i++) {
    if (!deflater.write(zeros)) await once(deflater, 'drain')
  }
  deflater.end()
  await once(deflater, 'end')
  return Buffer.concat(chunks)
}

interface Route {
  readonly body: string | Buffer
  readonly type: string
}

/** Serves the pages, the bundles and dist/web on 127.0.0.1 only, and records any other request. */
function startServer(routes: Map<string, Route>, unexpected: string[]): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    let route = routes.get(url.pathname)
    const distMatch = /^\/pkg\/dist\/web\/([\w.-]+\.js)$/.exec(url.pathname)
    if (route === undefined && distMatch?.[1] !== undefined) {
      const file = path.join(packageRoot, 'dist', 'web', distMatch[1])
      if (existsSync(file)) route = { body: readFileSync(file), type: 'text/javascript' }
    }
    if (route === undefined) {
      if (url.pathname !== '/favicon.ico') unexpected.push(url.pathname)
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store' }).end(route.body)
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(server)
    })
  })
}

/**
 * Imports a served module in the page and calls its `run()`. The expression is
 * a string because vitest rewrites `import()` inside a function passed to evaluate.
 */
function runInPage<T>(page: Page, moduleUrl: string): Promise<T> {
  return page.evaluate(`import(${JSON.stringify(moduleUrl)}).then((module) => module.run())`)
}

/** Inflates the served bomb with the web backend, then reports the error code and the JS heap size. */
const BOMB_CHECK_MODULE = `import { compressBackend } from '/compress-web.js'

export async function run() {
  const data = new Uint8Array(await (await fetch('/bomb.bin')).arrayBuffer())
  let code = 'accepted'
  try {
    await compressBackend.inflate(data, 1 << 20)
  } catch (error) {
    code = String(error.code)
  }
  return { code, heapBytes: performance.memory.usedJSHeapSize }
}
`

describe('Chromium runtime', () => {
  const install = makeInstallDir()
  const profile = mkdtempSync(path.join(tmpdir(), 'agora-keys-chromium-'))
  const unexpectedRequests: string[] = []
  let server: Server | undefined
  let context: BrowserContext | undefined
  let origin = ''

  beforeAll(async () => {
    distFile('web/index.js')
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install it with \`apt-get update && apt-get install -y chromium\``)
    }
    const nativeSuite = path.join(install.dir, 'suite-native.js')
    const bundledSuite = path.join(install.dir, 'suite-bundled.js')
    const compressWeb = path.join(install.dir, 'compress-web.js')
    await bundleEntry('browser', nativeSuite, { kind: 'external' })
    // The conditions of a browser bundler such as Vite or webpack.
    await bundleEntry('browser', bundledSuite, {
      kind: 'bundled',
      conditions: ['browser'],
      nodePaths: [path.join(install.dir, 'node_modules')],
    })
    await build({
      entryPoints: [path.join(packageRoot, 'src', 'compress', 'web.ts')],
      outfile: compressWeb,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      logLevel: 'silent',
    })

    const routes = new Map<string, Route>([
      ['/native.html', { body: NATIVE_PAGE, type: 'text/html' }],
      ['/bundled.html', { body: BUNDLED_PAGE, type: 'text/html' }],
      ['/suite-native.js', { body: readFileSync(nativeSuite), type: 'text/javascript' }],
      ['/suite-bundled.js', { body: readFileSync(bundledSuite), type: 'text/javascript' }],
      ['/compress-web.js', { body: readFileSync(compressWeb), type: 'text/javascript' }],
      ['/bomb-check.js', { body: BOMB_CHECK_MODULE, type: 'text/javascript' }],
      // 200 MiB of zeros. Chromium's DecompressionStream inflates a whole written chunk at
      // once, so a backend that wrote it in one piece would hold all of it.
      ['/bomb.bin', { body: await zerosBomb(200), type: 'application/octet-stream' }],
    ])
    server = await startServer(routes, unexpectedRequests)
    const address = server.address()
    if (typeof address !== 'object' || address === null) throw new Error('the server has no port')
    origin = `http://127.0.0.1:${String(address.port)}`

    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    })
  }, SETUP_TIMEOUT_MS)

  afterAll(async () => {
    await context?.close()
    server?.close()
    install.remove()
    rmSync(profile, { recursive: true, force: true })
  })

  function newPage(): Promise<Page> {
    if (context === undefined) throw new Error('Chromium did not start')
    return context.newPage()
  }

  it('passes on native dist/web modules', async () => {
    const page = await newPage()
    await page.goto(`${origin}/native.html`)
    expectAllPassed('chromium (native modules)', await runInPage<ConformanceReport>(page, '/suite-native.js'), 'web')
    expect(unexpectedRequests).toEqual([])
  })

  it('passes in a browser bundle', async () => {
    const page = await newPage()
    await page.goto(`${origin}/bundled.html`)
    expectAllPassed('chromium (esbuild bundle)', await runInPage<ConformanceReport>(page, '/suite-bundled.js'), 'web')
    expect(unexpectedRequests).toEqual([])
  })

  it('caps an inflate bomb', async () => {
    const page = await newPage()
    await page.goto(`${origin}/bundled.html`)
    const result = await runInPage<{ code: string; heapBytes: number }>(page, '/bomb-check.js')
    expect(result.code).toBe('ERR_KEY_INFLATE_FAILED')
    expect(result.heapBytes).toBeLessThan(100 * 1024 * 1024)
  })
})
