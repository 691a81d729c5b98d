import { describe, expect, it } from 'vitest'
import { AgoraKeysError } from '../../src/errors.js'
import * as library from '../../src/index.js'
import { expectedCheckCount, FRESH_CHECKS, loadVectorFiles } from './bundle.js'
import { runConformance } from './suite.js'

describe('conformance suite', () => {
  const files = loadVectorFiles()

  it('passes on the sources', async () => {
    const report = await runConformance(library, files, 'vitest')
    expect(report.failures).toEqual([])
    expect(report.passed).toBe(expectedCheckCount())
    expect(report.backend).toBe('node')
  })

  it('counts every kind', async () => {
    const report = await runConformance(library, files, 'vitest')
    const kinds = report.kinds.map((kind) => kind.kind)
    expect(kinds).toEqual([
      'access-token',
      'access-token2',
      'dynamic-key',
      'dynamic-key2',
      'dynamic-key3',
      'dynamic-key4',
      'dynamic-key5',
    ])
    const cases = report.kinds.reduce((sum, kind) => sum + kind.cases, 0)
    expect(cases + FRESH_CHECKS).toBe(expectedCheckCount())
  })

  it('fails a wrong generator', async () => {
    const broken = {
      ...library,
      dynamicKey: { ...library.dynamicKey, generate: () => Promise.resolve('0'.repeat(90)) },
    }
    const report = await runConformance(broken, files, 'vitest')
    const dynamicKey = report.kinds.find((kind) => kind.kind === 'dynamic-key')
    expect(dynamicKey?.failed).toBe(dynamicKey?.cases)
    // Every vector case fails, and so does the fresh dynamicKey check (two equal keys).
    expect(report.failed).toBe((dynamicKey?.cases ?? 0) + 1)
    expect(report.failures[0]?.check).toBe('generate')
  })

  it('fails a missing API', async () => {
    const withoutParse: Record<string, unknown> = { ...library }
    delete withoutParse.parseAccessToken2
    const report = await runConformance(withoutParse, files, 'vitest')
    const accessToken2 = report.kinds.find((kind) => kind.kind === 'access-token2')
    expect(accessToken2?.failed).toBe(accessToken2?.cases)
    expect(report.failures[0]?.message).toBe('Error: the library has no function parseAccessToken2')
  })

  it('fails a wrong "007" payload', async () => {
    // A token built with another salt inflates to a different payload.
    const broken = {
      ...library,
      buildAccessToken2: (options: Parameters<typeof library.buildAccessToken2>[0]) =>
        library.buildAccessToken2({ ...options, salt: (options.salt ?? 0) + 1 }),
    }
    const report = await runConformance(broken, files, 'vitest')
    const failure = report.failures.find((entry) => entry.kind === 'access-token2')
    expect(failure?.check).toBe('generate')
    expect(failure?.message).toContain('differs from payloadHex')
  })

  it('tallies thrown error codes', async () => {
    const broken = {
      ...library,
      parseAccessToken2: () =>
        Promise.reject(new AgoraKeysError('ERR_UNSUPPORTED_RUNTIME', 'no DecompressionStream here')),
    }
    const report = await runConformance(broken, files, 'vitest')
    const accessToken2 = report.kinds.find((kind) => kind.kind === 'access-token2')
    expect(report.failureCodes).toEqual({ ERR_UNSUPPORTED_RUNTIME: accessToken2?.cases })
    expect(report.failures[0]?.code).toBe('ERR_UNSUPPORTED_RUNTIME')
  })

  it('tallies malformed reason codes', async () => {
    // Six bytes of a token body are not a whole zlib stream, so verify reports it as malformed.
    const broken = {
      ...library,
      verifyAccessToken2: (token: string, options: Parameters<typeof library.verifyAccessToken2>[1]) =>
        library.verifyAccessToken2(token.slice(0, 11), options),
    }
    const report = await runConformance(broken, files, 'vitest')
    const accessToken2 = report.kinds.find((kind) => kind.kind === 'access-token2')
    // The fresh "007" check fails too, with a message and no code.
    expect(report.failureCodes).toEqual({ ERR_KEY_INFLATE_FAILED: accessToken2?.cases, other: 1 })
    expect(report.failures[0]?.check).toBe('verify')
    expect(report.failures[0]?.message).toBe('reasons malformed (ERR_KEY_INFLATE_FAILED)')
  })

  it('tallies codeless failures as other', async () => {
    const broken = {
      ...library,
      dynamicKey: { ...library.dynamicKey, generate: () => Promise.resolve('0'.repeat(90)) },
    }
    const report = await runConformance(broken, files, 'vitest')
    expect(report.failureCodes).toEqual({ other: report.failed })
  })
})
