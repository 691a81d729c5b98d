import { describe, expect, it } from 'vitest'
import * as dynamicKey from '../../src/dynamic-key/index.js'
import * as dynamicKey2 from '../../src/dynamic-key2/index.js'
import * as dynamicKey3 from '../../src/dynamic-key3/index.js'
import * as dynamicKey4 from '../../src/dynamic-key4/index.js'
import type { VerifyResult } from '../../src/channel-key/types.js'

const appId = '970ca35de60c44645bbae8a215061b33'
const appCertificate = '5cfd2fd1755d40ecb72977518be15d3b'
const otherCertificate = '0123456789abcdef0123456789abcdef'
const unixTs = 1_700_000_000
const inputs = {
  appId,
  appCertificate,
  channelName: 'room-1',
  unixTs,
  randomInt: 99,
  uid: 42,
  expiredTs: unixTs + 3600,
}
const verifyOptions = { appCertificate, channelName: 'room-1', uid: 42, now: unixTs }

function codes(result: VerifyResult<unknown>): string[] {
  return result.reasons.map((reason) => reason.code)
}

/** Upper-cases the signature of a key whose signature starts at `start`. */
function upperSignature(key: string, start: number): string {
  return key.slice(0, start) + key.slice(start, start + 40).toUpperCase() + key.slice(start + 40)
}

const withUid = [
  ['dynamicKey2', dynamicKey2.generate, dynamicKey2.verify, 0],
  ['dynamicKey3', dynamicKey3.generate, dynamicKey3.verify, 3],
] as const

describe.each(withUid)('%s verify', (_name, generate, verify, signatureStart) => {
  it('accepts the signed uid', async () => {
    const result = await verify(await generate(inputs), verifyOptions)
    expect(result.valid).toBe(true)
    expect(result.reasons).toEqual([])
    expect(result.fields?.uid).toBe(42)
  })

  it('reports another uid as uid', async () => {
    const result = await verify(await generate(inputs), { ...verifyOptions, uid: 43 })
    expect(codes(result)).toEqual(['uid'])
    expect(result.reasons[0]?.message).toContain('42')
  })

  it('stored uid 0 admits any uid', async () => {
    const key = await generate({ ...inputs, uid: 0 })
    const result = await verify(key, { ...verifyOptions, uid: 12345 })
    expect(result.valid).toBe(true)
  })

  it('wraps a negative expected uid', async () => {
    const key = await generate({ ...inputs, uid: -1 })
    const result = await verify(key, { ...verifyOptions, uid: -1 })
    expect(result.valid).toBe(true)
    expect(result.fields?.uid).toBe(4_294_967_295)
  })

  it('default uid 0 mismatches', async () => {
    const result = await verify(await generate(inputs), { appCertificate, channelName: 'room-1', now: unixTs })
    expect(codes(result)).toEqual(['uid'])
  })

  it('reports another certificate', async () => {
    const result = await verify(await generate(inputs), { ...verifyOptions, appCertificate: otherCertificate })
    expect(codes(result)).toEqual(['signature'])
    expect(result.reasons[0]?.message).not.toContain(otherCertificate)
    expect(result.reasons[0]?.message).not.toContain(appCertificate)
  })

  it('reports an altered uid', async () => {
    const key = await generate(inputs)
    const altered = key.slice(0, signatureStart + 90) + '0000000043' + key.slice(signatureStart + 100)
    const result = await verify(altered, { ...verifyOptions, uid: 43 })
    expect(codes(result)).toEqual(['signature'])
  })

  it('reports expiredTs passed', async () => {
    const key = await generate({ ...inputs, expiredTs: unixTs + 10 })
    const result = await verify(key, { ...verifyOptions, now: unixTs + 10 })
    expect(codes(result)).toEqual(['call-expired'])
  })

  it('expiredTs 0 never expires', async () => {
    const key = await generate({ ...inputs, expiredTs: 0 })
    const result = await verify(key, { ...verifyOptions, now: unixTs + 300 })
    expect(result.valid).toBe(true)
  })

  it('rejects upper-case signature', async () => {
    const key = upperSignature(await generate(inputs), signatureStart)
    const result = await verify(key, verifyOptions)
    expect(codes(result)).toEqual(['signature'])
    expect(result.fields?.signature).toMatch(/^[0-9A-F]{40}$/)
  })
})

describe('dynamicKey verify', () => {
  it('ignores options.uid', async () => {
    const key = await dynamicKey.generate(inputs)
    const result = await dynamicKey.verify(key, { ...verifyOptions, uid: 7 })
    expect(result.valid).toBe(true)
    expect(result.fields).not.toHaveProperty('uid')
  })

  it('reports join window passed', async () => {
    const key = await dynamicKey.generate(inputs)
    const result = await dynamicKey.verify(key, { ...verifyOptions, now: unixTs + 301 })
    expect(codes(result)).toEqual(['join-window'])
  })

  it('accepts the last join second', async () => {
    const key = await dynamicKey.generate(inputs)
    const result = await dynamicKey.verify(key, { ...verifyOptions, now: unixTs + 300 })
    expect(result.valid).toBe(true)
  })

  it('reports issue in future', async () => {
    const key = await dynamicKey.generate(inputs)
    const result = await dynamicKey.verify(key, { ...verifyOptions, now: unixTs - 301 })
    expect(codes(result)).toEqual(['issued-in-future'])
  })

  it('reports another App ID', async () => {
    const key = await dynamicKey.generate(inputs)
    const result = await dynamicKey.verify(key, { ...verifyOptions, appId: otherCertificate })
    expect(codes(result)).toEqual(['app-id'])
  })

  it('matches App ID case-insensitively', async () => {
    const key = await dynamicKey.generate(inputs)
    const result = await dynamicKey.verify(key, { ...verifyOptions, appId: appId.toUpperCase() })
    expect(result.valid).toBe(true)
  })

  it('lists every failed check', async () => {
    const key = await dynamicKey.generate(inputs)
    const result = await dynamicKey.verify(key, {
      appCertificate: otherCertificate,
      channelName: 'room-1',
      appId: otherCertificate,
      now: unixTs + 301,
    })
    expect(codes(result)).toEqual(['signature', 'app-id', 'join-window'])
  })

  it('rejects upper-case signature', async () => {
    const key = upperSignature(await dynamicKey.generate(inputs), 0)
    expect(codes(await dynamicKey.verify(key, verifyOptions))).toEqual(['signature'])
  })
})

describe('dynamicKey4 verify', () => {
  const generators = [
    ['ACS', dynamicKey4.generateMediaChannelKey],
    ['ARS', dynamicKey4.generateRecordingKey],
    ['APSS', dynamicKey4.generatePublicSharingKey],
  ] as const

  it.each(generators)('finds service %s', async (service, generate) => {
    const result = await dynamicKey4.verify(await generate(inputs), verifyOptions)
    expect(result.valid).toBe(true)
    expect(result.fields?.service).toBe(service)
    expect(result.fields?.uid).toBe(42)
  })

  it.each(generators)('uid 0 %s admits any uid', async (service, generate) => {
    const key = await generate({ ...inputs, uid: 0 })
    const result = await dynamicKey4.verify(key, { ...verifyOptions, uid: 12345 })
    expect(result.valid).toBe(true)
    expect(result.fields?.service).toBe(service)
    expect(result.fields?.uid).toBe(0)
  })

  it('uid 0 key checks the channel', async () => {
    const key = await dynamicKey4.generateMediaChannelKey({ ...inputs, uid: 0 })
    const result = await dynamicKey4.verify(key, { ...verifyOptions, channelName: 'room-2', uid: 7 })
    expect(codes(result)).toEqual(['signature'])
    expect(result.fields).not.toHaveProperty('uid')
  })

  it('rejects uid 0 for a uid key', async () => {
    const key = await dynamicKey4.generateMediaChannelKey(inputs)
    const result = await dynamicKey4.verify(key, { ...verifyOptions, uid: 0 })
    expect(codes(result)).toEqual(['signature'])
  })

  it('reports another uid as signature', async () => {
    const key = await dynamicKey4.generateMediaChannelKey(inputs)
    const result = await dynamicKey4.verify(key, { ...verifyOptions, uid: 43 })
    expect(codes(result)).toEqual(['signature'])
    expect(result.fields).toBeDefined()
    expect(result.fields).not.toHaveProperty('service')
    expect(result.fields).not.toHaveProperty('uid')
  })

  it('reports expiredTs passed', async () => {
    const key = await dynamicKey4.generateRecordingKey(inputs)
    const result = await dynamicKey4.verify(key, { ...verifyOptions, now: unixTs + 3600 })
    expect(codes(result)).toEqual(['join-window', 'call-expired'])
    expect(result.fields?.service).toBe('ARS')
  })

  it('rejects upper-case signature', async () => {
    const key = upperSignature(await dynamicKey4.generatePublicSharingKey(inputs), 3)
    const result = await dynamicKey4.verify(key, verifyOptions)
    expect(codes(result)).toEqual(['signature'])
  })
})

describe('malformed keys', () => {
  const verifiers = [
    ['dynamicKey', dynamicKey.verify],
    ['dynamicKey2', dynamicKey2.verify],
    ['dynamicKey3', dynamicKey3.verify],
    ['dynamicKey4', dynamicKey4.verify],
  ] as const

  const rows = [
    ['empty', '', 'ERR_KEY_UNKNOWN_VERSION'],
    ['huge', 'a'.repeat(100_000), 'ERR_KEY_TOO_LONG'],
    ['number', 42, 'ERR_INVALID_ARGUMENT'],
    ['undefined', undefined, 'ERR_INVALID_ARGUMENT'],
  ] as const

  describe.each(verifiers)('%s', (_name, verify) => {
    it.each(rows)('%s key', async (_case, key, errorCode) => {
      const result = await verify(key as string, verifyOptions)
      expect(result.valid).toBe(false)
      expect(result.fields).toBeUndefined()
      expect(result.reasons).toHaveLength(1)
      expect(result.reasons[0]?.code).toBe('malformed')
      expect(result.reasons[0]?.errorCode).toBe(errorCode)
    })
  })

  it('names the bad field', async () => {
    const key = await dynamicKey3.generate(inputs)
    const bad = `${key.slice(0, 60)}z${key.slice(61)}`
    const result = await dynamicKey3.verify(bad, verifyOptions)
    expect(result.reasons[0]?.errorCode).toBe('ERR_KEY_BAD_ENCODING')
    expect(result.reasons[0]?.message).toContain('appId')
  })
})
