import path from 'node:path'
import { inflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { distFile, SETUP_TIMEOUT_MS } from '../package/dist.js'
import { bundleEntry, loadVectorFiles } from './bundle.js'
import { expectAllPassed, makeInstallDir } from './harness.js'
import type { ConformanceReport, VectorCase } from './suite.js'
import { startWorkerd, type WorkerdServer } from './workerd.js'

/** Requests in flight at once while the test fetches every vector's key. */
const CONCURRENT_REQUESTS = 4

/** One case whose key from the Worker differs from vectors/, or whose request failed. */
interface Mismatch {
  readonly kind: string
  readonly name: string
  readonly problem: string
}

/** Inflates a "007" token body with node:zlib and returns the payload as hex. */
function payloadHexOf(token: string): string {
  if (!token.startsWith('007')) throw new Error(`token does not start with 007: ${token}`)
  return inflateSync(Buffer.from(token.slice(3), 'base64')).toString('hex')
}

/** Compares one generated key with its case: "007" by inflated payload, the others exactly. */
function compareWithVector(kind: string, vector: VectorCase, key: string): string | undefined {
  if (kind !== 'access-token2') {
    return key === vector.expected ? undefined : `got ${key}, expected ${vector.expected}`
  }
  const payload = payloadHexOf(key)
  return payload === vector.payloadHex ? undefined : `payload ${payload} differs from payloadHex`
}

describe('workerd runtime', () => {
  const install = makeInstallDir()
  let server: WorkerdServer | undefined

  beforeAll(async () => {
    distFile('web/index.js')
    // The conditions wrangler bundles Workers with.
    await bundleEntry('worker', path.join(install.dir, 'worker.js'), {
      kind: 'bundled',
      conditions: ['workerd', 'worker', 'browser'],
      nodePaths: [path.join(install.dir, 'node_modules')],
    })
    server = await startWorkerd({ dir: install.dir, module: 'worker.js' })
  }, SETUP_TIMEOUT_MS)

  afterAll(async () => {
    await server?.stop()
    install.remove()
  })

  function origin(): string {
    if (server === undefined) throw new Error('workerd did not start')
    return server.origin
  }

  it('passes on dist/web without nodejs_compat', async () => {
    const response = await fetch(`${origin()}/`)
    const body = await response.text()
    expect(response.status, `${body}\nworkerd output:\n${server?.output() ?? ''}`).toBe(200)
    const report = JSON.parse(body) as ConformanceReport
    expect(report.runtime).toBe('Cloudflare-Workers')
    expectAllPassed('workerd', report, 'web')
  })

  it('serves vector keys over HTTP', async () => {
    const jobs = loadVectorFiles().flatMap((file) => file.cases.map((vector) => ({ kind: file.kind, vector })))
    const mismatches: Mismatch[] = []
    let matched = 0

    async function check(job: { kind: string; vector: VectorCase }): Promise<void> {
      const response = await fetch(`${origin()}/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(job),
      })
      const key = await response.text()
      const problem =
        response.status === 200
          ? compareWithVector(job.kind, job.vector, key)
          : `HTTP ${String(response.status)}: ${key}`
      if (problem === undefined) matched++
      else mismatches.push({ kind: job.kind, name: job.vector.name, problem })
    }

    const queue = [...jobs]
    const workers = Array.from({ length: CONCURRENT_REQUESTS }, async () => {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) await check(job)
    })
    await Promise.all(workers)

    console.info(`workerd over HTTP: ${String(matched)}/${String(jobs.length)} keys match vectors/`)
    expect(mismatches.slice(0, 20)).toEqual([])
    expect(matched).toBe(jobs.length)
  })

  it('rejects unknown paths', async () => {
    const response = await fetch(`${origin()}/unknown`)
    expect(response.status).toBe(404)
    await response.body?.cancel()
  })
})
