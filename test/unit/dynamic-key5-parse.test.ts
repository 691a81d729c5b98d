import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ByteWriter, base64Decode, base64Encode } from '../../src/bytes/index.js'
import {
  InChannelPermission,
  MAX_KEY_LENGTH,
  generateInChannelPermissionKey,
  parse,
} from '../../src/dynamic-key5/index.js'
import { AgoraKeysError } from '../../src/errors.js'

const appId = '3f9b0c2ad17e4a6b8c5d9e0f1a2b3c4d'
const appCertificate = '8e7d6c5b4a39281706f5e4d3c2b1a098'

/** A valid key with one extra entry, so every field of the layout is present. */
const validKey = await generateInChannelPermissionKey({
  appId,
  appCertificate,
  channelName: 'room-1',
  unixTs: 1_700_000_000,
  randomInt: 12345,
  uid: 42,
  expiredTs: 1_700_003_600,
  permission: InChannelPermission.AudioVideoUpload,
})
const validBody = base64Decode(validKey.slice(3), 'key')
const validSignature = parse(validKey).signature

function keyOf(bytes: Uint8Array): string {
  return `005${base64Encode(bytes)}`
}

/**
 * Byte offsets inside each field of the valid key's packed message, with the
 * field the error names. Inside the extra entry the count check fires first,
 * because fewer bytes are left than one entry needs.
 */
const truncations: readonly (readonly [string, number, string])[] = [
  ['serviceType', 1, 'serviceType'],
  ['signature length', 3, 'signature length'],
  ['signature', 4 + 20, 'signature'],
  ['appId length', 44 + 1, 'appId length'],
  ['appId', 46 + 8, 'appId'],
  ['unixTs', 62 + 2, 'unixTs'],
  ['randomInt', 66 + 2, 'randomInt'],
  ['expiredTs', 70 + 2, 'expiredTs'],
  ['extra count', 74 + 1, 'extra count'],
  ['extra key', 76 + 1, 'extra'],
  ['extra value length', 78 + 1, 'extra'],
  ['extra value', 80, 'extra[1]'],
]

interface Message {
  serviceType?: number
  signature?: Uint8Array | string
  appId?: Uint8Array
  extra?: (writer: ByteWriter) => void
}

/** Packs a message like the valid key's, with some fields replaced. */
function packMessage(message: Message): Uint8Array {
  const writer = new ByteWriter()
    .putUint16(message.serviceType ?? 4, 'serviceType')
  const signature = message.signature ?? validSignature
  if (typeof signature === 'string') writer.putString(signature, 'signature')
  else writer.putBytes(signature, 'signature')
  writer
    .putBytes(message.appId ?? new Uint8Array(16), 'appId')
    .putUint32(1, 'unixTs')
    .putUint32(2, 'randomInt')
    .putUint32(3, 'expiredTs')
  if (message.extra === undefined) writer.putUint16(0, 'extra count')
  else message.extra(writer)
  return writer.toBytes()
}

/** Calls parse and returns the AgoraKeysError it must throw. */
function parseError(key: unknown): AgoraKeysError {
  try {
    parse(key as string)
  } catch (error) {
    if (error instanceof AgoraKeysError) return error
    throw error
  }
  throw new Error('parse returned fields but was expected to throw')
}

describe('dynamicKey5.parse rejections', () => {
  const table: readonly (readonly [string, unknown, string, string])[] = [
    ['a number', 5, 'ERR_INVALID_ARGUMENT', 'key'],
    ['undefined', undefined, 'ERR_INVALID_ARGUMENT', 'key'],
    ['null', null, 'ERR_INVALID_ARGUMENT', 'key'],
    ['bytes', validBody, 'ERR_INVALID_ARGUMENT', 'key'],
    ['a huge input', `005${'A'.repeat(10_000_000)}`, 'ERR_KEY_TOO_LONG', 'key'],
    ['one character too long', `005${'A'.repeat(MAX_KEY_LENGTH - 2)}`, 'ERR_KEY_TOO_LONG', 'key'],
    ['empty', '', 'ERR_KEY_UNKNOWN_VERSION', 'key'],
    ['version 006', `006${validKey.slice(3)}`, 'ERR_KEY_UNKNOWN_VERSION', 'key'],
    ['version 004', `004${'0'.repeat(40)}`, 'ERR_KEY_UNKNOWN_VERSION', 'key'],
    ['prefix with whitespace', ` ${validKey}`, 'ERR_KEY_UNKNOWN_VERSION', 'key'],
    ['prefix only', '005', 'ERR_KEY_TRUNCATED', 'serviceType'],
    ['non-base64 characters', '005!!!!', 'ERR_KEY_BAD_ENCODING', 'key'],
    ['URL-safe base64', `005${validKey.slice(3).replace(/\+/g, '-').replace(/\//g, '_')}-`, 'ERR_KEY_BAD_ENCODING', 'key'],
    ['impossible base64 length', `${validKey.replace(/=+$/, '')}AAAAA`, 'ERR_KEY_BAD_ENCODING', 'key'],
    ['trailing whitespace', `${validKey}\n`, 'ERR_KEY_BAD_ENCODING', 'key'],
    ['a trailing byte', keyOf(new Uint8Array([...validBody, 0])), 'ERR_KEY_TRAILING_BYTES', 'key'],
    [
      'extra count far too high',
      keyOf(packMessage({ extra: (writer) => writer.putUint16(0xffff, 'extra count') })),
      'ERR_KEY_TRUNCATED',
      'extra',
    ],
    ['appId of 15 bytes', keyOf(packMessage({ appId: new Uint8Array(15) })), 'ERR_KEY_INVALID_FIELD', 'appId'],
    ['appId of 17 bytes', keyOf(packMessage({ appId: new Uint8Array(17) })), 'ERR_KEY_INVALID_FIELD', 'appId'],
    ['appId as hex text', keyOf(packMessage({ appId: new TextEncoder().encode(appId) })), 'ERR_KEY_INVALID_FIELD', 'appId'],
    ['empty appId', keyOf(packMessage({ appId: new Uint8Array(0) })), 'ERR_KEY_INVALID_FIELD', 'appId'],
    ['lower-case signature', keyOf(packMessage({ signature: validSignature.toLowerCase() })), 'ERR_KEY_INVALID_FIELD', 'signature'],
    ['signature of 39 characters', keyOf(packMessage({ signature: validSignature.slice(1) })), 'ERR_KEY_INVALID_FIELD', 'signature'],
    ['signature of 41 characters', keyOf(packMessage({ signature: `${validSignature}0` })), 'ERR_KEY_INVALID_FIELD', 'signature'],
    ['signature as raw bytes', keyOf(packMessage({ signature: new Uint8Array(40).fill(0xff) })), 'ERR_KEY_INVALID_FIELD', 'signature'],
    [
      'extra value not UTF-8',
      keyOf(packMessage({
        extra: (writer) => writer.putUint16(1, 'count').putUint16(1, 'key').putBytes(new Uint8Array([0xc3]), 'value'),
      })),
      'ERR_KEY_INVALID_FIELD',
      'extra[1]',
    ],
    [
      'extra key repeated',
      keyOf(packMessage({
        extra: (writer) =>
          writer.putUint16(2, 'count').putUint16(1, 'key').putString('0', 'value').putUint16(1, 'key').putString('3', 'value'),
      })),
      'ERR_KEY_INVALID_FIELD',
      'extra',
    ],
  ]

  it.each(table)('rejects %s', (_case, key, code, field) => {
    const error = parseError(key)
    expect(error.code).toBe(code)
    expect(error.field).toBe(field)
  })

  it.each(truncations)('rejects truncation inside %s', (_case, offset, field) => {
    const error = parseError(keyOf(validBody.slice(0, offset)))
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.field).toBe(field)
  })

  it('rejects every shorter prefix', () => {
    for (let length = 0; length < validBody.length; length++) {
      expect(parseError(keyOf(validBody.slice(0, length))).code).toBe('ERR_KEY_TRUNCATED')
    }
  })

  it('omits the signature from messages', () => {
    const withTrailingByte = keyOf(new Uint8Array([...validBody, 0]))
    expect(parseError(withTrailingByte).message).not.toContain(validSignature)
    expect(parseError(`006${validKey.slice(3)}`).message).not.toContain(validKey.slice(3))
  })
})

describe('dynamicKey5.parse acceptance', () => {
  it('parses the valid key', () => {
    const fields = parse(validKey)
    expect(fields.serviceType).toBe(4)
    expect(fields.appId).toBe(appId)
    expect(fields.unixTs).toBe(1_700_000_000)
    expect(fields.randomInt).toBe(12345)
    expect(fields.expiredTs).toBe(1_700_003_600)
    expect(fields.extra).toEqual(new Map([[1, '3']]))
  })

  it('accepts unpadded base64', () => {
    const padded = keyOf(packMessage({}))
    const unpadded = padded.replace(/=+$/, '')
    expect(unpadded).not.toBe(padded)
    expect(parse(unpadded)).toEqual(parse(padded))
  })

  it('returns an unknown service type', () => {
    expect(parse(keyOf(packMessage({ serviceType: 9 }))).serviceType).toBe(9)
  })

  it('returns unknown extra entries', () => {
    const key = keyOf(packMessage({
      extra: (writer) => writer.putUint16(1, 'count').putUint16(700, 'key').putString('ü', 'value'),
    }))
    expect(parse(key).extra).toEqual(new Map([[700, 'ü']]))
  })

  it('accepts the maximum length', () => {
    const extraLength = 600
    const key = keyOf(packMessage({
      extra: (writer) => writer.putUint16(1, 'count').putUint16(2, 'key').putString('x'.repeat(extraLength), 'value'),
    }))
    const padded = `${key}${'A'.repeat(MAX_KEY_LENGTH - key.length)}`
    expect(padded).toHaveLength(MAX_KEY_LENGTH)
    // At exactly MAX_KEY_LENGTH the length check passes and the body is decoded.
    expect(parseError(padded).code).not.toBe('ERR_KEY_TOO_LONG')
    expect(parse(key).extra.get(2)).toHaveLength(extraLength)
  })
})

describe('dynamicKey5.parse totality', () => {
  /** Runs parse and fails the property on any error that is not an AgoraKeysError. */
  function parsesOrRejects(key: string): boolean {
    try {
      parse(key)
    } catch (error) {
      return error instanceof AgoraKeysError
    }
    return true
  }

  it('handles any string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => parsesOrRejects(text)))
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => parsesOrRejects(`005${text}`)))
    const anyCodeUnit = fc.string({ unit: 'binary', maxLength: 200 })
    fc.assert(fc.property(anyCodeUnit, (text) => parsesOrRejects(`005${text}`)))
  })

  it('handles any base64 body', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => parsesOrRejects(keyOf(bytes))),
    )
  })

  it('handles mutated valid keys', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: validBody.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (index, value) => {
          const bytes = validBody.slice()
          bytes[index] = value
          return parsesOrRejects(keyOf(bytes))
        },
      ),
    )
  })
})
