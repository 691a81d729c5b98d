import { describe, expect, it } from 'vitest'
import { base64Decode, base64Encode, hexDecode } from '../../src/bytes/index.js'
import { deflate } from '../../src/compress/index.js'
import { buildAccessToken2, type AccessToken2Service } from '../../src/access-token2/index.js'
import { inputNumber, inputString, loadVectors, type VectorCase } from './load.js'

/**
 * The "007" cases whose token the python3 or cpp reference wrote. Both
 * compress with zlib 1.2.13 at the default level, which the encoder in
 * src/compress/deflate.ts follows. The other cases come from Node.js alone,
 * whose bundled zlib finds other matches.
 */
const zlibCases = [
  ...loadVectors('access-token2').cases,
  ...loadVectors('access-token2-extra').cases,
].filter((vector) => vector.agreedBy.includes('python3') || vector.agreedBy.includes('cpp'))

function payloadOf(vector: VectorCase): Uint8Array {
  if (vector.payloadHex === undefined) throw new TypeError(`${vector.name} has no payloadHex`)
  return hexDecode(vector.payloadHex, 'payloadHex')
}

describe('access-token2 deflate vectors', () => {
  it('has zlib cases', () => {
    expect(zlibCases.length).toBeGreaterThan(100)
  })

  it.each(zlibCases.map((c) => [c.name, c] as const))('%s', (_name, vector) => {
    const body = base64Decode(vector.expected.slice(3), 'expected')
    expect(base64Encode(deflate(payloadOf(vector)))).toBe(base64Encode(body))
  })

  it('builds core tokens byte for byte', async () => {
    const core = zlibCases.filter((vector) => vector.function === 'AccessToken2')
    expect(core.length).toBeGreaterThan(0)
    for (const vector of core) {
      const token = await buildAccessToken2({
        appId: inputString(vector.input, 'appID'),
        appCertificate: inputString(vector.input, 'appCertificate'),
        issueTs: inputNumber(vector.input, 'issueTs'),
        expire: inputNumber(vector.input, 'expire'),
        salt: inputNumber(vector.input, 'salt'),
        services: vector.input.services as AccessToken2Service[],
      })
      expect(token, vector.name).toBe(vector.expected)
    }
  })
})
