import { readFileSync } from 'node:fs'
import path from 'node:path'
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
    const report = await vm.evaluate<Promise<ConformanceReport>>(`${GLOBAL_NAME}.run()`)
    // The report comes from the VM's realm, so a JSON round trip turns it into plain objects.
    const plain = JSON.parse(JSON.stringify(report)) as ConformanceReport

    const total = expectedCheckCount()
    const accessToken2 = accessToken2CaseCount()
    console.info(
      `edge-runtime (EdgeVM): ${String(plain.passed)}/${String(total)} checks passed on the ` +
        `${plain.backend} backend; every "007" case failed to parse and verify with ERR_UNSUPPORTED_RUNTIME`,
    )
    expect(plain.backend).toBe('web')
    // NOTE: @edge-runtime/vm 5.0.0 defines no CompressionStream or DecompressionStream,
    // and the Edge Runtime's list of available APIs has none either. The web build
    // deflates "007" tokens itself, so they build, but it cannot inflate them to parse
    // or verify. Every other kind must pass.
    for (const kind of plain.kinds) {
      if (kind.kind === 'access-token2') {
        expect(kind.failed, kind.kind).toBe(accessToken2.cases)
      } else {
        expect(kind.failed, kind.kind).toBe(0)
      }
    }
    // Parse and verify fail with the code in every case and in the "007 builder
    // defaults" check. The suite inflates a built token only when it differs from the
    // vector's, and the missing DecompressionStream fails those generate checks
    // without a code.
    expect(plain.exactTokens).toBe(accessToken2.zlibCases)
    expect(plain.failureCodes).toEqual({
      ERR_UNSUPPORTED_RUNTIME: 2 * accessToken2.cases + 1,
      other: accessToken2.cases - accessToken2.zlibCases,
    })
    expect(plain.failed).toBe(accessToken2.cases + 1)
    expect(plain.passed).toBe(total - accessToken2.cases - 1)
  })

  it('lacks Compression Streams', () => {
    // If a later EdgeVM adds them, the test above fails and must expect a full pass.
    const vm = new EdgeVM()
    expect(vm.evaluate<string>('typeof CompressionStream')).toBe('undefined')
    expect(vm.evaluate<string>('typeof DecompressionStream')).toBe('undefined')
  })
})
