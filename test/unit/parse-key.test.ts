import { describe, expect, it } from 'vitest'
import { buildAccessToken } from '../../src/access-token/index.js'
import { buildAccessToken2 } from '../../src/access-token2/index.js'
import { detectKeyFormat } from '../../src/channel-key/detect.js'
import { MAX_HEX_CHANNEL_KEY_LENGTH } from '../../src/channel-key/hex-key.js'
import { MAX_CHANNEL_KEY_LENGTH, parseKey, verifyKey } from '../../src/channel-key/parse-key.js'
import type { ChannelKeyVerifyOptions } from '../../src/channel-key/verify-checks.js'
import * as dynamicKey from '../../src/dynamic-key/index.js'
import * as dynamicKey2 from '../../src/dynamic-key2/index.js'
import * as dynamicKey3 from '../../src/dynamic-key3/index.js'
import * as dynamicKey4 from '../../src/dynamic-key4/index.js'
import * as dynamicKey5 from '../../src/dynamic-key5/index.js'
import { AgoraKeysError } from '../../src/errors.js'
import * as root from '../../src/index.js'

// Agora's documented sample credentials, as used by the references' own tests.
const appId = '970CA35de60c44645bbae8a215061b33'
const appCertificate = '5CFd2fd1755d40ecb72977518be15d3b'
const unixTs = 1_700_000_000

const options = {
  appId,
  appCertificate,
  channelName: 'room-1',
  unixTs,
  randomInt: 0xabcdef12,
  uid: 42,
  expiredTs: unixTs + 3600,
}

const keys = {
  'dynamic-key': await dynamicKey.generate(options),
  'dynamic-key2': await dynamicKey2.generate(options),
  'dynamic-key3': await dynamicKey3.generate(options),
  'dynamic-key4': await dynamicKey4.generateRecordingKey(options),
  'dynamic-key5': await dynamicKey5.generateInChannelPermissionKey({
    ...options,
    permission: dynamicKey5.InChannelPermission.AudioVideoUpload,
  }),
}
const channelKeys = Object.entries(keys)

const accessToken = await buildAccessToken({ ...options, salt: 1, ts: unixTs + 3600, privileges: {} })
const accessToken2 = await buildAccessToken2({
  appId,
  appCertificate,
  issueTs: unixTs,
  expire: 3600,
  salt: 1,
  services: [{ type: 1, privileges: { 1: 3600 }, channelName: 'room-1', uid: '42' }],
})

const verifyOptions: ChannelKeyVerifyOptions = {
  appCertificate,
  channelName: 'room-1',
  uid: 42,
  appId,
  now: unixTs,
}

function replaceAt(key: string, index: number, text: string): string {
  return key.slice(0, index) + text + key.slice(index + text.length)
}

function parseError(key: unknown): AgoraKeysError {
  try {
    parseKey(key as string)
  } catch (error) {
    expect(error).toBeInstanceOf(AgoraKeysError)
    return error as AgoraKeysError
  }
  throw new Error('parseKey accepted the key')
}

async function reasonCodes(key: string, overrides: Partial<ChannelKeyVerifyOptions> = {}) {
  const result = await verifyKey(key, { ...verifyOptions, ...overrides })
  expect(result.valid).toBe(result.reasons.length === 0)
  return result.reasons.map((reason) => reason.code)
}

/**
 * Generates keys with randomInt 0, 1, 2 … until one starts with `prefix`, so
 * a hex key that looks like another version's prefix can be tested. About
 * 4096 tries find a 3-character prefix.
 */
async function keyStartingWith(
  generate: (input: typeof options) => Promise<string>,
  prefix: string,
): Promise<string> {
  for (let randomInt = 0; randomInt < 100_000; randomInt++) {
    const key = await generate({ ...options, randomInt })
    if (key.startsWith(prefix)) return key
  }
  throw new Error(`no key starting with ${prefix} in 100000 tries`)
}

describe('detectKeyFormat', () => {
  it.each(channelKeys)('names %s', (format, key) => {
    expect(detectKeyFormat(key)).toBe(format)
  })

  it('names access tokens', () => {
    expect(detectKeyFormat(accessToken)).toBe('access-token')
    expect(detectKeyFormat(accessToken2)).toBe('access-token2')
  })

  it('names a format by prefix alone', () => {
    expect(detectKeyFormat('005')).toBe('dynamic-key5')
    expect(detectKeyFormat('005 not base64')).toBe('dynamic-key5')
    expect(detectKeyFormat('006')).toBe('access-token')
    expect(detectKeyFormat('007' + 'A'.repeat(1_000_000))).toBe('access-token2')
  })

  it('prefers hex shapes over prefixes', async () => {
    const lookalikes = [
      ['dynamic-key', await keyStartingWith(dynamicKey.generate, '006')],
      ['dynamic-key', await keyStartingWith(dynamicKey.generate, '007')],
      ['dynamic-key2', await keyStartingWith(dynamicKey2.generate, '005')],
    ] as const
    for (const [format, key] of lookalikes) {
      expect(detectKeyFormat(key)).toBe(format)
      expect(parseKey(key).version).toBe(format === 'dynamic-key' ? '001' : '002')
      expect(await reasonCodes(key, { now: unixTs })).toEqual([])
    }
  })

  it.each([
    ['empty string', ''],
    ['plain text', 'hello'],
    ['leading space', ` ${keys['dynamic-key3']}`],
    ['trailing newline', `${keys['dynamic-key']}\n`],
    ['non-hex character', replaceAt(keys['dynamic-key'], 0, 'g')],
    ['hex in unixTs', replaceAt(keys['dynamic-key2'], 72, 'a')],
    ['wrong prefix', replaceAt(keys['dynamic-key4'], 2, '3')],
    ['one char short', keys['dynamic-key3'].slice(0, -1)],
    ['DynamicKey5 without prefix', keys['dynamic-key5'].slice(3)],
  ])('returns undefined for %s', (_name, text) => {
    expect(detectKeyFormat(text)).toBeUndefined()
  })

  it('returns undefined for non-strings', () => {
    for (const value of [undefined, null, 42, {}, ['006']]) {
      expect(detectKeyFormat(value as string)).toBeUndefined()
    }
  })
})

describe('parseKey', () => {
  it.each(channelKeys)('matches the %s parser', (format, key) => {
    const parsers: Record<string, (key: string) => unknown> = {
      'dynamic-key': dynamicKey.parse,
      'dynamic-key2': dynamicKey2.parse,
      'dynamic-key3': dynamicKey3.parse,
      'dynamic-key4': dynamicKey4.parse,
      'dynamic-key5': dynamicKey5.parse,
    }
    expect(parseKey(key)).toEqual(parsers[format]?.(key))
  })

  it('leaves out unstored fields', () => {
    const first = parseKey(keys['dynamic-key'])
    expect(first.version).toBe('001')
    expect(first).not.toHaveProperty('uid')
    expect(first).not.toHaveProperty('expiredTs')

    const fourth = parseKey(keys['dynamic-key4'])
    if (fourth.version !== '004') throw new Error('expected a DynamicKey4')
    // @ts-expect-error DynamicKey4 does not store the uid.
    expect(fourth.uid).toBeUndefined()
    expect(fourth).not.toHaveProperty('service')
    expect(fourth.expiredTs).toBe(options.expiredTs)

    const fifth = parseKey(keys['dynamic-key5'])
    if (fifth.version !== '005') throw new Error('expected a DynamicKey5')
    expect(fifth).not.toHaveProperty('uid')
    expect(fifth.serviceType).toBe(dynamicKey5.DynamicKey5Service.inChannelPermission)
    expect(fifth.extra).toEqual(new Map([[dynamicKey5.ALLOW_UPLOAD_IN_CHANNEL, '3']]))

    for (const [, key] of channelKeys) expect(parseKey(key)).not.toHaveProperty('channelName')
  })

  it('points access tokens elsewhere', () => {
    const cases = [
      [accessToken, 'parseAccessToken and check it with verifyAccessToken'],
      [accessToken2, 'parseAccessToken2 and check it with verifyAccessToken2'],
      ['006' + 'A'.repeat(100_000), 'parseAccessToken'],
    ] as const
    for (const [token, hint] of cases) {
      const error = parseError(token)
      expect(error.code).toBe('ERR_KEY_UNKNOWN_VERSION')
      expect(error.field).toBe('key')
      expect(error.message).toContain(hint)
    }
  })

  it('shares the version limit', () => {
    expect(MAX_CHANNEL_KEY_LENGTH).toBe(MAX_HEX_CHANNEL_KEY_LENGTH)
    expect(MAX_CHANNEL_KEY_LENGTH).toBe(dynamicKey5.MAX_KEY_LENGTH)
  })

  it.each([
    ['number', 42, 'ERR_INVALID_ARGUMENT', 'key'],
    ['undefined', undefined, 'ERR_INVALID_ARGUMENT', 'key'],
    ['huge string', 'a'.repeat(10_000_000), 'ERR_KEY_TOO_LONG', 'key'],
    ['huge DynamicKey5', '005' + 'A'.repeat(10_000_000), 'ERR_KEY_TOO_LONG', 'key'],
    ['one over the limit', '005' + 'A'.repeat(MAX_CHANNEL_KEY_LENGTH - 2), 'ERR_KEY_TOO_LONG', 'key'],
    ['under the limit', '005' + 'A'.repeat(MAX_CHANNEL_KEY_LENGTH - 4), 'ERR_KEY_INVALID_FIELD', 'signature'],
    ['empty string', '', 'ERR_KEY_UNKNOWN_VERSION', 'key'],
    ['unknown length', 'f'.repeat(100), 'ERR_KEY_UNKNOWN_VERSION', 'key'],
    ['bad signature', replaceAt(keys['dynamic-key'], 5, 'g'), 'ERR_KEY_BAD_ENCODING', 'signature'],
    ['bad uid digit', replaceAt(keys['dynamic-key2'], 95, 'f'), 'ERR_KEY_BAD_ENCODING', 'uid'],
    ['uid above uint32', replaceAt(keys['dynamic-key3'], 93, '5000000000'), 'ERR_KEY_INVALID_FIELD', 'uid'],
    ['bad 004 prefix', replaceAt(keys['dynamic-key4'], 2, '3'), 'ERR_KEY_UNKNOWN_VERSION', 'key'],
    ['bad base64', keys['dynamic-key5'] + '!', 'ERR_KEY_BAD_ENCODING', 'key'],
    ['truncated DynamicKey5', keys['dynamic-key5'].slice(0, 43), 'ERR_KEY_TRUNCATED', 'signature'],
  ])('rejects %s', (_name, key, code, field) => {
    const error = parseError(key)
    expect(error.code).toBe(code)
    expect(error.field).toBe(field)
  })

  it('lists shapes for unknown keys', () => {
    const error = parseError(' ' + keys['dynamic-key3'])
    expect(error.code).toBe('ERR_KEY_UNKNOWN_VERSION')
    expect(error.message).toContain('DynamicKey3 is 113 characters starting with "003"')
    expect(error.message).toContain('remove the surrounding whitespace')
  })
})

describe('verifyKey', () => {
  it.each(channelKeys)('accepts %s', async (_format, key) => {
    const result = await verifyKey(key, verifyOptions)
    expect(result.reasons).toEqual([])
    expect(result.valid).toBe(true)
    expect(result.fields).toMatchObject(parseKey(key))
  })

  it('names the DynamicKey4 service', async () => {
    const result = await verifyKey(keys['dynamic-key4'], verifyOptions)
    expect(result.fields).toHaveProperty('service', 'ARS')
  })

  it.each(channelKeys)('reports time reasons for %s', async (format, key) => {
    expect(await reasonCodes(key, { now: unixTs + 301 })).toEqual(['join-window'])
    expect(await reasonCodes(key, { now: unixTs - 301 })).toEqual(['issued-in-future'])
    const expired = format === 'dynamic-key' ? ['join-window'] : ['join-window', 'call-expired']
    expect(await reasonCodes(key, { now: options.expiredTs })).toEqual(expired)
  })

  it.each(channelKeys)('reports app-id for %s', async (_format, key) => {
    const codes = await reasonCodes(key, { appId: '0'.repeat(32) })
    expect(codes).toEqual(['app-id'])
  })

  it.each(channelKeys)('reports signature for %s', async (_format, key) => {
    const codes = await reasonCodes(key, { appCertificate: '0'.repeat(32), now: unixTs + 301 })
    expect(codes).toEqual(['signature', 'join-window'])
  })

  it('reports a wrong uid by version', async () => {
    expect(await reasonCodes(keys['dynamic-key'], { uid: 7 })).toEqual([])
    // DynamicKey2 and 3 store the uid, so the signature matches and only the uid differs.
    expect(await reasonCodes(keys['dynamic-key2'], { uid: 7 })).toEqual(['uid'])
    expect(await reasonCodes(keys['dynamic-key3'], { uid: 7 })).toEqual(['uid'])
    expect(await reasonCodes(keys['dynamic-key4'], { uid: 7 })).toEqual(['signature'])
    expect(await reasonCodes(keys['dynamic-key5'], { uid: 7 })).toEqual(['signature'])
  })

  it('accepts uid 0 keys for any uid', async () => {
    const anyUser = { ...options, uid: 0 }
    const uidZeroKeys = [
      await dynamicKey.generate(anyUser),
      await dynamicKey2.generate(anyUser),
      await dynamicKey3.generate(anyUser),
      await dynamicKey4.generateRecordingKey(anyUser),
      await dynamicKey5.generateMediaChannelKey(anyUser),
    ]
    for (const key of uidZeroKeys) {
      expect(await reasonCodes(key, { uid: 7 })).toEqual([])
      expect(await reasonCodes(key, { uid: 0 })).toEqual([])
    }
  })

  it('accepts negative uids wrapped', async () => {
    const key = await dynamicKey3.generate({ ...options, uid: -1 })
    expect(await reasonCodes(key, { uid: 0xffffffff })).toEqual([])
    expect(await reasonCodes(key, { uid: -1 })).toEqual([])
  })

  it('reads the clock by default', async () => {
    const key = await dynamicKey3.generate({ appId, appCertificate, channelName: 'room-1', uid: 42 })
    const result = await verifyKey(key, { appCertificate, channelName: 'room-1', uid: 42 })
    expect(result.reasons).toEqual([])
  })

  it.each([
    ['non-string', 42, 'ERR_INVALID_ARGUMENT'],
    ['empty string', '', 'ERR_KEY_UNKNOWN_VERSION'],
    ['AccessToken "006"', accessToken, 'ERR_KEY_UNKNOWN_VERSION'],
    ['AccessToken2 "007"', accessToken2, 'ERR_KEY_UNKNOWN_VERSION'],
    ['huge string', '0'.repeat(10_000_000), 'ERR_KEY_TOO_LONG'],
    ['bad base64', keys['dynamic-key5'] + '!', 'ERR_KEY_BAD_ENCODING'],
  ])('reports a malformed %s', async (_name, key, errorCode) => {
    const result = await verifyKey(key as string, verifyOptions)
    expect(result.valid).toBe(false)
    expect(result.reasons).toHaveLength(1)
    expect(result.reasons[0]).toMatchObject({ code: 'malformed', errorCode })
    expect(result.fields).toBeUndefined()
  })

  it('names the token verifier', async () => {
    const result = await verifyKey(accessToken2, verifyOptions)
    expect(result.reasons[0]?.message).toContain('verifyAccessToken2')
  })

  it('throws for invalid options', async () => {
    const cases = [
      [{ ...verifyOptions, appCertificate: 'short' }, 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate'],
      [{ ...verifyOptions, appId: 'short' }, 'ERR_INVALID_APP_ID', 'appId'],
      [{ ...verifyOptions, now: Date.now() }, 'ERR_TIMESTAMP_IN_MILLISECONDS', 'now'],
      [{ ...verifyOptions, uid: 1.5 }, 'ERR_INVALID_INTEGER', 'uid'],
      [{ appCertificate }, 'ERR_INVALID_ARGUMENT', 'channelName'],
      [null, 'ERR_INVALID_ARGUMENT', 'options'],
    ] as const
    for (const [badOptions, code, field] of cases) {
      // Options are checked first, so even a malformed key throws for them.
      for (const key of [keys['dynamic-key2'], 'not a key']) {
        const call = verifyKey(key, badOptions as unknown as ChannelKeyVerifyOptions)
        await expect(call).rejects.toBeInstanceOf(AgoraKeysError)
        await expect(call).rejects.toMatchObject({ code, field })
      }
    }
  })

  it('rejects randomInt case flips', async () => {
    // randomInt parses case-insensitively, but the signature covers its
    // lower-case form, so verify must reject an upper-cased copy.
    for (const [format, key] of channelKeys.filter(([format]) => format !== 'dynamic-key5')) {
      const start = format === 'dynamic-key3' || format === 'dynamic-key4' ? 85 : 82
      const flipped = replaceAt(key, start, key.slice(start, start + 8).toUpperCase())
      expect(flipped).not.toBe(key)
      expect(await reasonCodes(flipped)).toEqual(['signature'])
      const signatureStart = start - 82
      const upperSignature = replaceAt(key, signatureStart, key.slice(signatureStart, start - 42).toUpperCase())
      expect(await reasonCodes(upperSignature)).toEqual(['signature'])
    }
  })
})

describe('root exports', () => {
  it('exports parse and verify', () => {
    expect(root.parseKey).toBe(parseKey)
    expect(root.verifyKey).toBe(verifyKey)
    expect(root.detectKeyFormat).toBe(detectKeyFormat)
    expect(root.MAX_CHANNEL_KEY_LENGTH).toBe(MAX_CHANNEL_KEY_LENGTH)
  })
})
