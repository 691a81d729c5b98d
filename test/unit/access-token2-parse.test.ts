import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { ByteWriter, base64Encode, hexDecode } from '../../src/bytes/index.js'
import {
  MAX_ACCESS_TOKEN2_LENGTH,
  MAX_ACCESS_TOKEN2_PAYLOAD_BYTES,
  buildAccessToken2,
  buildAccessToken2Payload,
  parseAccessToken2,
  verifyAccessToken2,
} from '../../src/access-token2/index.js'
import { signSigningInfo } from '../../src/access-token2/signing.js'
import {
  APP_CERTIFICATE,
  APP_ID,
  ISSUE_TS,
  everyService,
  rejectionOf,
  rtcOptions,
  tokenFromPayload,
} from './access-token2-fixtures.js'

const SIGNATURE = new Uint8Array(32).fill(7)

/** Writes the signature and the signing-info header up to the service count. */
function header(serviceCount: number, signature: Uint8Array = SIGNATURE): ByteWriter {
  return new ByteWriter()
    .putBytes(signature, 'signature')
    .putString(APP_ID, 'appId')
    .putUint32(ISSUE_TS, 'issueTs')
    .putUint32(600, 'expire')
    .putUint32(1, 'salt')
    .putUint16(serviceCount, 'serviceCount')
}

/** Appends an RTC service with privilege 1 and the given channel. */
function putRtc(writer: ByteWriter, channelName = 'room'): ByteWriter {
  return writer
    .putUint16(1, 'type')
    .putUint16(1, 'privilege count')
    .putUint16(1, 'privilege id')
    .putUint32(600, 'privilege seconds')
    .putString(channelName, 'channelName')
    .putString('', 'uid')
}

/** Builds a token whose signing info is `signingInfo`, correctly signed. */
async function signedToken(signingInfo: Uint8Array): Promise<string> {
  const signature = await signSigningInfo(APP_CERTIFICATE, ISSUE_TS, 1, signingInfo)
  return tokenFromPayload(new ByteWriter().putBytes(signature, 'signature').putRaw(signingInfo).toBytes())
}

/** Drops the signature that `header` wrote, leaving the signing info. */
function signingInfoOf(writer: ByteWriter): Uint8Array {
  return writer.toBytes().slice(2 + SIGNATURE.length)
}

describe('parseAccessToken2 input rejections', () => {
  it.each([
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', {}],
    ['bytes', new Uint8Array(8)],
  ])('rejects %s', async (_name, token) => {
    const error = await rejectionOf(parseAccessToken2(token as string))
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('token')
  })

  it('rejects a token over the limit', async () => {
    const error = await rejectionOf(parseAccessToken2('007' + 'A'.repeat(MAX_ACCESS_TOKEN2_LENGTH - 2)))
    expect(error.code).toBe('ERR_KEY_TOO_LONG')
    expect(error.field).toBe('token')
  })

  it('decodes a token at the limit', async () => {
    // The length check passes, so base64 decoding runs and finds an impossible length.
    const token = '007' + 'A'.repeat(MAX_ACCESS_TOKEN2_LENGTH - 3)
    expect(token.length).toBe(MAX_ACCESS_TOKEN2_LENGTH)
    const error = await rejectionOf(parseAccessToken2(token))
    expect(error.code).toBe('ERR_KEY_BAD_ENCODING')
  })

  it('inflates a token under the limit', async () => {
    // Base64 of zero bytes is valid, so decoding passes and inflating fails.
    const error = await rejectionOf(parseAccessToken2('007' + 'A'.repeat(MAX_ACCESS_TOKEN2_LENGTH - 5)))
    expect(error.code).toBe('ERR_KEY_INFLATE_FAILED')
  })

  it.each([
    ['empty', ''],
    ['two characters', '00'],
    ['a 006 token', '006970CA35de60c44645bbae8a215061b33IAA'],
    ['a leading space', ' 007eJw='],
    ['lower-case garbage', 'abcdef'],
  ])('rejects version: %s', async (_name, token) => {
    const error = await rejectionOf(parseAccessToken2(token))
    expect(error.code).toBe('ERR_KEY_UNKNOWN_VERSION')
    expect(error.field).toBe('version')
  })

  it.each([
    ['a star', '007eJw*'],
    ['URL-safe characters', '007eJ-_'],
    ['a space', '007eJ w='],
    ['a trailing newline', '007eJwA\n'],
    ['an impossible length', '007eJwAA1'],
    ['padding inside', '007eJ=wA'],
  ])('rejects base64: %s', async (_name, token) => {
    const error = await rejectionOf(parseAccessToken2(token))
    expect(error.code).toBe('ERR_KEY_BAD_ENCODING')
    expect(error.field).toBe('body')
  })
})

describe('parseAccessToken2 inflate rejections', () => {
  it('rejects an empty body', async () => {
    const error = await rejectionOf(parseAccessToken2('007'))
    expect(error.code).toBe('ERR_KEY_INFLATE_FAILED')
    expect(error.field).toBe('body')
  })

  it('rejects data that is not zlib', async () => {
    const error = await rejectionOf(parseAccessToken2('007' + base64Encode(new TextEncoder().encode('plain text'))))
    expect(error.code).toBe('ERR_KEY_INFLATE_FAILED')
    expect(error.field).toBe('body')
  })

  it('rejects a cut zlib stream', async () => {
    const token = await buildAccessToken2(rtcOptions())
    const error = await rejectionOf(parseAccessToken2(token.slice(0, -8)))
    expect(error.code).toBe('ERR_KEY_INFLATE_FAILED')
  })

  it('rejects a deflate bomb', async () => {
    // zlib's dynamic Huffman block packs 1 MiB of zeros into about 1 KB, which the fixed codes of deflate() cannot.
    const bomb = new Uint8Array(deflateSync(new Uint8Array(1 << 20)))
    expect(bomb.length).toBeLessThan(2048)
    const error = await rejectionOf(parseAccessToken2('007' + base64Encode(bomb)))
    expect(error.code).toBe('ERR_KEY_INFLATE_FAILED')
    expect(error.message).toContain(String(MAX_ACCESS_TOKEN2_PAYLOAD_BYTES))
  })

  it('rejects one byte over cap', async () => {
    const token = await tokenFromPayload(new Uint8Array(MAX_ACCESS_TOKEN2_PAYLOAD_BYTES + 1))
    const error = await rejectionOf(parseAccessToken2(token))
    expect(error.code).toBe('ERR_KEY_INFLATE_FAILED')
  })

  it('inflates a payload at cap', async () => {
    // All zeros: empty signature and App ID, no services, then trailing zeros.
    const token = await tokenFromPayload(new Uint8Array(MAX_ACCESS_TOKEN2_PAYLOAD_BYTES))
    const error = await rejectionOf(parseAccessToken2(token))
    expect(error.code).toBe('ERR_KEY_TRAILING_BYTES')
  })
})

describe('parseAccessToken2 structure rejections', () => {
  it.each([
    [1, 'signature length'],
    [2, 'signature'],
    [33, 'signature'],
    [34, 'appId length'],
    [40, 'appId'],
    [68, 'issueTs'],
    [73, 'expire'],
    [79, 'salt'],
    [80, 'serviceCount'],
    [82, 'services[0].type'],
    [84, 'services[0].privileges count'],
    [86, 'services[0].privileges'],
    [90, 'services[0].privileges'],
    [92, 'services[0].channelName length'],
    [95, 'services[0].channelName'],
    [100, 'services[0].uid length'],
    [103, 'services[0].uid'],
  ])('rejects a cut at byte %i', async (length, field) => {
    const payload = await buildAccessToken2Payload(rtcOptions())
    expect(payload.length).toBe(104)
    const error = await rejectionOf(parseAccessToken2(await tokenFromPayload(payload.slice(0, length))))
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.field).toBe(field)
  })

  it('rejects every cut of all types', async () => {
    const payload = await buildAccessToken2Payload(rtcOptions({ services: everyService }))
    const fields = new Set<string>()
    for (let length = 0; length < payload.length; length++) {
      const error = await rejectionOf(parseAccessToken2(await tokenFromPayload(payload.slice(0, length))))
      expect(error.code).toBe('ERR_KEY_TRUNCATED')
      fields.add(error.field ?? '')
    }
    for (const field of [
      'services[6].role',
      'services[7].userId',
      'services[7].permissions count',
      'services[7].permissions key',
      'services[7].permissions[0] count',
      'services[7].permissions[0] key',
      'services[7].permissions[0][0] count',
      'services[7].permissions[0][0][1]',
      'services[9].privileges count',
    ]) {
      expect(fields).toContain(field)
    }
  })

  it('rejects trailing bytes', async () => {
    const payload = await buildAccessToken2Payload(rtcOptions())
    const longer = new Uint8Array(payload.length + 1)
    longer.set(payload)
    const error = await rejectionOf(parseAccessToken2(await tokenFromPayload(longer)))
    expect(error.code).toBe('ERR_KEY_TRAILING_BYTES')
  })

  it('rejects services after count zero', async () => {
    const error = await rejectionOf(parseAccessToken2(await tokenFromPayload(putRtc(header(0)).toBytes())))
    expect(error.code).toBe('ERR_KEY_TRAILING_BYTES')
  })

  it('rejects a forged service count', async () => {
    const error = await rejectionOf(parseAccessToken2(await tokenFromPayload(putRtc(header(65_535)).toBytes())))
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.field).toBe('services[1].type')
  })

  it('rejects a forged privilege count', async () => {
    const payload = header(1).putUint16(1, 'type').putUint16(65_535, 'count').putUint16(1, 'id').toBytes()
    const error = await rejectionOf(parseAccessToken2(await tokenFromPayload(payload)))
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.field).toBe('services[0].privileges')
  })

  it('rejects a forged permission count', async () => {
    const payload = header(1)
      .putUint16(8, 'type')
      .putUint16(0, 'privilege count')
      .putString('user', 'userId')
      .putUint16(65_535, 'resource count')
      .putUint16(0, 'resource type')
      .putUint16(0, 'permission count')
      .toBytes()
    const error = await rejectionOf(parseAccessToken2(await tokenFromPayload(payload)))
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.field).toBe('services[0].permissions key')
  })

  it('rejects invalid UTF-8', async () => {
    const payload = new ByteWriter()
      .putBytes(SIGNATURE, 'signature')
      .putBytes(new Uint8Array([0xc3, 0x28]), 'appId')
      .toBytes()
    const error = await rejectionOf(parseAccessToken2(await tokenFromPayload(payload)))
    expect(error.code).toBe('ERR_KEY_INVALID_FIELD')
    expect(error.field).toBe('appId')
  })

  it('rejects a repeated privilege', async () => {
    const payload = header(1)
      .putUint16(2, 'type')
      .putUint16(2, 'count')
      .putUint16(1, 'id')
      .putUint32(600, 'seconds')
      .putUint16(1, 'id')
      .putUint32(900, 'seconds')
      .putString('user', 'userId')
      .toBytes()
    const error = await rejectionOf(parseAccessToken2(await tokenFromPayload(payload)))
    expect(error.code).toBe('ERR_KEY_INVALID_FIELD')
    expect(error.field).toBe('services[0].privileges')
  })

  it.each([
    ['resource type', [2, 3, 0, 3, 0], 'services[0].permissions'],
    ['permission type', [1, 3, 2, 1, 0, 1, 0], 'services[0].permissions[3]'],
  ])('rejects a repeated %s', async (_name, words, field) => {
    const writer = header(1).putUint16(8, 'type').putUint16(0, 'privilege count').putString('u', 'userId')
    for (const word of words) writer.putUint16(word, 'word')
    const error = await rejectionOf(parseAccessToken2(await tokenFromPayload(writer.toBytes())))
    expect(error.code).toBe('ERR_KEY_INVALID_FIELD')
    expect(error.field).toBe(field)
  })
})

describe('parseAccessToken2 unknown services', () => {
  it('keeps the rest as bytes', async () => {
    const writer = putRtc(header(3)).putUint16(11, 'type').putRaw(new Uint8Array([1, 2, 3, 4]))
    const fields = await parseAccessToken2(await tokenFromPayload(writer.toBytes()))
    expect(fields.serviceCount).toBe(3)
    expect(fields.services).toEqual([{ type: 1, privileges: { 1: 600 }, channelName: 'room', uid: '' }])
    expect(fields.unknownService).toEqual({ type: 11, bytes: new Uint8Array([1, 2, 3, 4]) })
  })

  it('stops at type zero', async () => {
    const writer = putRtc(header(2).putUint16(0, 'type').putUint16(0, 'privilege count'))
    const fields = await parseAccessToken2(await tokenFromPayload(writer.toBytes()))
    expect(fields.services).toEqual([])
    expect(fields.unknownService?.type).toBe(0)
    expect(fields.unknownService?.bytes.length).toBe(2 + 18)
  })

  it('accepts an empty remainder', async () => {
    const fields = await parseAccessToken2(await tokenFromPayload(header(1).putUint16(500, 'type').toBytes()))
    expect(fields.unknownService).toEqual({ type: 500, bytes: new Uint8Array(0) })
  })

  it('verifies the raw bytes', async () => {
    const writer = putRtc(header(2)).putUint16(11, 'type').putRaw(new Uint8Array([9, 9]))
    const token = await signedToken(signingInfoOf(writer))
    const result = await verifyAccessToken2(token, { appCertificate: APP_CERTIFICATE, now: ISSUE_TS })
    expect(result.reasons).toEqual([])
    expect(result.fields?.unknownService?.type).toBe(11)
  })

  it('signs over the raw bytes', async () => {
    const signed = putRtc(header(2)).putUint16(11, 'type').putRaw(new Uint8Array([9, 9]))
    const original = await parseAccessToken2(await signedToken(signingInfoOf(signed)))
    const altered = putRtc(header(2)).putUint16(11, 'type').putRaw(new Uint8Array([9, 8]))
    const payload = new ByteWriter()
      .putBytes(hexDecode(original.signature, 'signature'), 'signature')
      .putRaw(signingInfoOf(altered))
      .toBytes()
    const result = await verifyAccessToken2(await tokenFromPayload(payload), {
      appCertificate: APP_CERTIFICATE,
      now: ISSUE_TS,
    })
    expect(result.reasons.map((reason) => reason.code)).toEqual(['signature'])
  })
})

describe('parseAccessToken2 fields', () => {
  it('returns the stored fields', async () => {
    const fields = await parseAccessToken2(await buildAccessToken2(rtcOptions()))
    expect(fields).toMatchObject({
      version: '007',
      appId: APP_ID,
      issueTs: ISSUE_TS,
      expire: 3600,
      salt: 12345,
      serviceCount: 1,
    })
    expect(fields.signature).toMatch(/^[0-9a-f]{64}$/)
    expect('unknownService' in fields).toBe(false)
  })

  it('accepts a token without padding', async () => {
    const token = await buildAccessToken2(rtcOptions())
    const fields = await parseAccessToken2(token.replace(/=+$/, ''))
    expect(fields.appId).toBe(APP_ID)
  })
})
