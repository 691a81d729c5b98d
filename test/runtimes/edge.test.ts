import { readFileSync } from 'node:fs'
import path from 'node:path'
import { inflateSync } from 'node:zlib'
import { EdgeVM } from '@edge-runtime/vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { distFile, SETUP_TIMEOUT_MS } from '../package/dist.js'
import { bundleEntry, expectedCheckCount, loadVectorFiles } from './bundle.js'
import { makeInstallDir } from './harness.js'
import type { ConformanceReport } from './suite.js'

/** The global variable that the script bundle stores the browser entry's exports in. */
const GLOBAL_NAME = 'agoraKeysConformance'

/** The exports condition for the Vercel Edge Runtime, then the worker and browser fallbacks. */
const EDGE_CONDITIONS = ['edge-light', 'worker', 'browser']

/**
 * Counts the "007" cases, and those whose token the python3 or cpp reference
 * wrote, which the library's deflate encoder reproduces character for character.
 */
function accessToken2CaseCount(): { cases: number; zlibCases: number } {
  const cases = loadVectorFiles()
    .filter((file) => file.kind === 'access-token2')
    .flatMap((file) => file.cases)
  const zlibCases = cases.filter((vector) => {
    // The suite's VectorCase leaves agreedBy out, because the suite itself does not read it.
    const agreedBy = (vector as { agreedBy?: readonly string[] }).agreedBy ?? []
    return agreedBy.includes('python3') || agreedBy.includes('cpp')
  })
  return { cases: cases.length, zlibCases: zlibCases.length }
}

describe('Edge Runtime emulation', () => {
  const install = makeInstallDir()
  const bundle = path.join(install.dir, 'suite-edge.js')

  beforeAll(async () => {
    distFile('web/index.js')
    await bundleEntry(
      'browser',
      bundle,
      { kind: 'bundled', conditions: EDGE_CONDITIONS, nodePaths: [path.join(install.dir, 'node_modules')] },
      GLOBAL_NAME,
    )
  }, SETUP_TIMEOUT_MS)

  afterAll(() => {
    install.remove()
  })

  it('runs the suite on dist/web', async () => {
    // EdgeVM keeps eval and new Function disabled, as the Edge Runtime does in production.
    const vm = new EdgeVM()
    expect(vm.evaluate<string>('typeof EdgeRuntime')).toBe('string')
    vm.evaluate(readFileSync(bundle, 'utf8'))
    // The suite checks the payload of a "007" token that differs from the vector's by
    // inflating it, and EdgeVM has no DecompressionStream, so the host lends it node:zlib.
    // The library cannot see this function: it inflates with its own code.
    vm.context.hostInflate = (body: Uint8Array) => Promise.resolve(new Uint8Array(inflateSync(body)))
    const report = await vm.evaluate<Promise<ConformanceReport>>(`${GLOBAL_NAME}.run(hostInflate)`)
    // The report comes from the VM's realm, so a JSON round trip turns it into plain objects.
    const plain = JSON.parse(JSON.stringify(report)) as ConformanceReport

    const total = expectedCheckCount()
    const accessToken2 = accessToken2CaseCount()
    console.info(
      `edge-runtime (EdgeVM): ${String(plain.passed)}/${String(total)} checks passed on the ` +
        `${plain.backend} backend, ${String(plain.exactTokens)} "007" tokens equal to the vectors'`,
    )
    expect(plain.backend).toBe('web')
    // @edge-runtime/vm 5.0.0 defines no CompressionStream or DecompressionStream, and
    // the Edge Runtime's list of available APIs has none either. The web build deflates
    // and inflates "007" tokens in TypeScript, so every check passes without them.
    expect(plain.failures).toEqual([])
    expect(plain.failureCodes).toEqual({})
    for (const kind of plain.kinds) expect(kind.failed, kind.kind).toBe(0)
    expect(plain.exactTokens).toBe(accessToken2.zlibCases)
    expect(plain.failed).toBe(0)
    expect(plain.passed).toBe(total)
  })

  it('lacks Compression Streams', () => {
    // The test above would also pass with them, but then it would not show that the
    // web build works without them.
    const vm = new EdgeVM()
    expect(vm.evaluate<string>('typeof CompressionStream')).toBe('undefined')
    expect(vm.evaluate<string>('typeof DecompressionStream')).toBe('undefined')
  })
})
