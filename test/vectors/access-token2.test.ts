import { describe, expect, it } from 'vitest'
import { base64Decode, hexEncode } from '../../src/bytes/index.js'
import { inflate } from '../../src/compress/index.js'
import {
  buildAccessToken2,
  buildAccessToken2Payload,
  parseAccessToken2,
  verifyAccessToken2,
  type AccessToken2Options,
  type AccessToken2Service,
} from '../../src/access-token2/index.js'
import { inputNumber, inputString, loadVectors, type VectorCase } from './load.js'

const vectors = loadVectors('access-token2')

// Builder cases (RtcTokenBuilder2.* and the like) are tested with the builders.
const coreCases = vectors.cases.filter((c) => c.function === 'AccessToken2')

function serviceList(vector: VectorCase): AccessToken2Service[] {
  const services = vector.input.services
  if (!Array.isArray(services)) throw new TypeError('vector input services is not an array')
  return services as AccessToken2Service[]
}

function optionsOf(vector: VectorCase): AccessToken2Options {
  return {
    appId: inputString(vector.input, 'appID'),
    appCertificate: inputString(vector.input, 'appCertificate'),
    issueTs: inputNumber(vector.input, 'issueTs'),
    expire: inputNumber(vector.input, 'expire'),
    salt: inputNumber(vector.input, 'salt'),
    services: serviceList(vector),
  }
}

function payloadHexOf(vector: VectorCase): string {
  if (vector.payloadHex === undefined) throw new TypeError(`${vector.name} has no payloadHex`)
  return vector.payloadHex
}

/** Inflates a token's body back to the payload, as vectors/README.md describes. */
async function inflateToken(token: string): Promise<string> {
  return hexEncode(await inflate(base64Decode(token.slice(3), 'body'), 1 << 16))
}

describe('access-token2 vectors', () => {
  it('has core cases', () => {
    expect(coreCases.length).toBeGreaterThan(0)
  })

  it.each(coreCases.map((c) => [c.name, c] as const))('%s', async (_name, vector) => {
    const options = optionsOf(vector)
    const payloadHex = payloadHexOf(vector)

    expect(hexEncode(await buildAccessToken2Payload(options))).toBe(payloadHex)

    const token = await buildAccessToken2(options)
    expect(token.startsWith(vectors.versionPrefix)).toBe(true)
    expect(await inflateToken(token)).toBe(payloadHex)
    expect(await inflateToken(vector.expected)).toBe(payloadHex)

    const fields = await parseAccessToken2(vector.expected)
    expect(fields.appId).toBe(options.appId)
    expect(fields.issueTs).toBe(options.issueTs)
    expect(fields.expire).toBe(options.expire)
    expect(fields.salt).toBe(options.salt)
    expect(fields.serviceCount).toBe(options.services.length)
    const byType = [...options.services].sort((a, b) => a.type - b.type)
    expect(fields.services).toEqual(byType)
    expect(fields.unknownService).toBeUndefined()

    const result = await verifyAccessToken2(vector.expected, {
      appCertificate: options.appCertificate,
      appId: options.appId,
      now: options.issueTs,
    })
    expect(result.reasons).toEqual([])
    expect(result.valid).toBe(true)
  })
})
