import { describe, expect, it } from 'vitest'
import * as dynamicKey from '../../src/dynamic-key/index.js'
import * as dynamicKey2 from '../../src/dynamic-key2/index.js'
import * as dynamicKey3 from '../../src/dynamic-key3/index.js'
import * as dynamicKey4 from '../../src/dynamic-key4/index.js'
import { AgoraKeysError } from '../../src/errors.js'
import { nowSeconds } from '../../src/validate.js'

const appId = '970ca35de60c44645bbae8a215061b33'
/** A certificate that must never appear in a message, in either case. */
const appCertificate = '5cfd2fd1755d40ecb72977518be15d3b'
const valid = { appId, appCertificate, channelName: 'room-1', unixTs: 1_700_000_000, randomInt: 7 }

type Generator = (options: never) => Promise<string>

const generators: readonly (readonly [string, Generator])[] = [
  ['dynamicKey.generate', dynamicKey.generate],
  ['dynamicKey2.generate', dynamicKey2.generate],
  ['dynamicKey3.generate', dynamicKey3.generate],
  ['dynamicKey4.generateMediaChannelKey', dynamicKey4.generateMediaChannelKey],
  ['dynamicKey4.generateRecordingKey', dynamicKey4.generateRecordingKey],
  ['dynamicKey4.generatePublicSharingKey', dynamicKey4.generatePublicSharingKey],
]

/** Generators that take uid and expiredTs; DynamicKey ignores both. */
const uidGenerators = generators.filter(([name]) => !name.startsWith('dynamicKey.'))

/** [case, options, code, field] */
type Row = readonly [string, unknown, string, string]

const commonRows: readonly Row[] = [
  ['null options', null, 'ERR_INVALID_ARGUMENT', 'options'],
  ['string options', 'room-1', 'ERR_INVALID_ARGUMENT', 'options'],
  ['array options', [valid], 'ERR_INVALID_ARGUMENT', 'options'],
  ['missing appId', { ...valid, appId: undefined }, 'ERR_INVALID_APP_ID', 'appId'],
  ['short appId', { ...valid, appId: appId.slice(1) }, 'ERR_INVALID_APP_ID', 'appId'],
  ['non-hex appId', { ...valid, appId: `${appId.slice(1)}g` }, 'ERR_INVALID_APP_ID', 'appId'],
  ['missing certificate', { ...valid, appCertificate: undefined }, 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate'],
  ['short certificate', { ...valid, appCertificate: appCertificate.slice(1) }, 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate'],
  ['long certificate', { ...valid, appCertificate: `${appCertificate}0` }, 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate'],
  ['non-hex certificate', { ...valid, appCertificate: `${appCertificate.slice(1)}z` }, 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate'],
  ['numeric certificate', { ...valid, appCertificate: 12345 }, 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate'],
  ['missing channelName', { ...valid, channelName: undefined }, 'ERR_INVALID_ARGUMENT', 'channelName'],
  ['numeric channelName', { ...valid, channelName: 1 }, 'ERR_INVALID_ARGUMENT', 'channelName'],
  ['fractional unixTs', { ...valid, unixTs: 1.5 }, 'ERR_INVALID_INTEGER', 'unixTs'],
  ['negative unixTs', { ...valid, unixTs: -1 }, 'ERR_INVALID_INTEGER', 'unixTs'],
  ['string unixTs', { ...valid, unixTs: '1700000000' }, 'ERR_INVALID_INTEGER', 'unixTs'],
  ['millisecond unixTs', { ...valid, unixTs: 1_700_000_000_000 }, 'ERR_TIMESTAMP_IN_MILLISECONDS', 'unixTs'],
  ['randomInt below int32', { ...valid, randomInt: -2_147_483_649 }, 'ERR_INVALID_INTEGER', 'randomInt'],
  ['randomInt above uint32', { ...valid, randomInt: 2 ** 32 }, 'ERR_INVALID_INTEGER', 'randomInt'],
  ['NaN randomInt', { ...valid, randomInt: Number.NaN }, 'ERR_INVALID_INTEGER', 'randomInt'],
]

const uidRows: readonly Row[] = [
  ['uid below int32', { ...valid, uid: -2_147_483_649 }, 'ERR_INVALID_INTEGER', 'uid'],
  ['uid above uint32', { ...valid, uid: 2 ** 32 }, 'ERR_INVALID_INTEGER', 'uid'],
  ['string uid', { ...valid, uid: '42' }, 'ERR_INVALID_INTEGER', 'uid'],
  ['fractional uid', { ...valid, uid: 0.5 }, 'ERR_INVALID_INTEGER', 'uid'],
  ['negative expiredTs', { ...valid, expiredTs: -1 }, 'ERR_INVALID_INTEGER', 'expiredTs'],
  ['millisecond expiredTs', { ...valid, expiredTs: 1_700_000_000_000 }, 'ERR_TIMESTAMP_IN_MILLISECONDS', 'expiredTs'],
]

async function rejection(promise: Promise<unknown>): Promise<AgoraKeysError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(AgoraKeysError)
  return error as AgoraKeysError
}

function expectNoCertificate(error: AgoraKeysError): void {
  expect(error.message).not.toContain(appCertificate)
  expect(error.message).not.toContain(appCertificate.toUpperCase())
  expect(error.message).not.toContain(appCertificate.slice(1))
}

describe.each(generators)('%s input errors', (_name, generate) => {
  it.each(commonRows)('%s', async (_case, options, code, field) => {
    const error = await rejection(generate(options as never))
    expect(error.code).toBe(code)
    expect(error.field).toBe(field)
    expectNoCertificate(error)
  })

  it('upper-case certificate not echoed', async () => {
    const upper = appCertificate.toUpperCase()
    const error = await rejection(generate({ ...valid, appCertificate: `${upper}A` } as never))
    expect(error.code).toBe('ERR_INVALID_APP_CERTIFICATE')
    expect(error.field).toBe('appCertificate')
    expect(error.message).not.toContain(upper)
  })

  it('defaults unixTs to now', async () => {
    const before = nowSeconds()
    const key = await generate({ appId, appCertificate, channelName: 'room-1' } as never)
    const after = nowSeconds()
    const parsed = parseAny(key)
    expect(parsed.unixTs).toBeGreaterThanOrEqual(before)
    expect(parsed.unixTs).toBeLessThanOrEqual(after)
  })

  it('draws randomInt per call', async () => {
    const options = { appId, appCertificate, channelName: 'room-1', unixTs: 1 }
    const draws = new Set<number>()
    for (let i = 0; i < 8; i++) draws.add(parseAny(await generate(options as never)).randomInt)
    // Eight uint32 draws repeat with probability below 1e-8.
    expect(draws.size).toBe(8)
  })
})

describe.each(uidGenerators)('%s uid errors', (_name, generate) => {
  it.each(uidRows)('%s', async (_case, options, code, field) => {
    const error = await rejection(generate(options as never))
    expect(error.code).toBe(code)
    expect(error.field).toBe(field)
    expectNoCertificate(error)
  })
})

describe('hex key defaults', () => {
  it('uid and expiredTs default to 0', async () => {
    const key = await dynamicKey3.generate(valid)
    expect(dynamicKey3.parse(key).uid).toBe(0)
    expect(dynamicKey3.parse(key).expiredTs).toBe(0)
  })

  it('uid -1 stored as 4294967295', async () => {
    const key = await dynamicKey2.generate({ ...valid, uid: -1, randomInt: -2_147_483_648 })
    expect(dynamicKey2.parse(key).uid).toBe(4_294_967_295)
    expect(dynamicKey2.parse(key).randomInt).toBe(2_147_483_648)
  })
})

describe('verify option errors', () => {
  const verifiers = [
    ['dynamicKey.verify', dynamicKey.verify],
    ['dynamicKey2.verify', dynamicKey2.verify],
    ['dynamicKey3.verify', dynamicKey3.verify],
    ['dynamicKey4.verify', dynamicKey4.verify],
  ] as const
  const options = { appCertificate, channelName: 'room-1' }
  const rows: readonly Row[] = [
    ['null options', null, 'ERR_INVALID_ARGUMENT', 'options'],
    ['short certificate', { ...options, appCertificate: appCertificate.slice(1) }, 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate'],
    ['missing channelName', { appCertificate }, 'ERR_INVALID_ARGUMENT', 'channelName'],
    ['bad appId', { ...options, appId: 'app' }, 'ERR_INVALID_APP_ID', 'appId'],
    ['uid above uint32', { ...options, uid: 2 ** 32 }, 'ERR_INVALID_INTEGER', 'uid'],
    ['millisecond now', { ...options, now: Date.now() }, 'ERR_TIMESTAMP_IN_MILLISECONDS', 'now'],
  ]

  describe.each(verifiers)('%s', (_name, verify) => {
    it.each(rows)('%s', async (_case, badOptions, code, field) => {
      // The key is malformed too: option errors throw before the key is read.
      const error = await rejection(verify('not a key', badOptions as never))
      expect(error.code).toBe(code)
      expect(error.field).toBe(field)
      expectNoCertificate(error)
    })
  })
})

/** Parses a key of any hex version by its length and prefix. */
function parseAny(key: string): { unixTs: number; randomInt: number } {
  if (key.startsWith('003') && key.length === 113) return dynamicKey3.parse(key)
  if (key.startsWith('004') && key.length === 103) return dynamicKey4.parse(key)
  if (key.length === 110) return dynamicKey2.parse(key)
  return dynamicKey.parse(key)
}
