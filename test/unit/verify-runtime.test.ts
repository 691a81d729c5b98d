import { describe, expect, it, vi } from 'vitest'
import { verifyAccessToken2 } from '../../src/access-token2/verify.js'
import { malformedResult } from '../../src/channel-key/verify-checks.js'
import { AgoraKeysError } from '../../src/errors.js'
import { rejectionOf, thrownBy } from './errors-thrown.js'
import { inputString, loadVectors } from '../vectors/load.js'

// Simulates a runtime that lacks an API the parser needs.
vi.mock('../../src/compress/index.js', async () => {
  const { AgoraKeysError: RuntimeError } = await import('../../src/errors.js')
  const missing = (): Promise<never> =>
    Promise.reject(new RuntimeError('ERR_UNSUPPORTED_RUNTIME', 'globalThis.DecompressionStream is missing'))
  return { deflate: missing, inflate: missing }
})

describe('malformedResult', () => {
  it('reports parse errors as malformed', () => {
    const result = malformedResult(new AgoraKeysError('ERR_KEY_TRUNCATED', 'key ends early'))
    expect(result.valid).toBe(false)
    expect(result.reasons).toEqual([{ code: 'malformed', message: 'key ends early', errorCode: 'ERR_KEY_TRUNCATED' }])
  })

  it('re-throws a runtime error', () => {
    const error = thrownBy(() => malformedResult(new AgoraKeysError('ERR_UNSUPPORTED_RUNTIME', 'no API')))
    expect(error.code).toBe('ERR_UNSUPPORTED_RUNTIME')
  })

  it('re-throws foreign errors', () => {
    const cause = new TypeError('bug')
    expect(() => malformedResult(cause)).toThrow(cause)
  })
})

describe('verifier on a limited runtime', () => {
  it('rejects, not malformed', async () => {
    const vector = loadVectors('access-token2').cases[0]
    if (vector === undefined) throw new TypeError('vectors/access-token2.json has no cases')
    const appCertificate = inputString(vector.input, 'appCertificate')
    const error = await rejectionOf(() => verifyAccessToken2(vector.expected, { appCertificate }))
    expect(error.code).toBe('ERR_UNSUPPORTED_RUNTIME')
  })
})
