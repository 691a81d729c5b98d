import { ByteReader, base64Decode, hexEncode, utf8Decode } from '../bytes/index.js'
import type { DynamicKey5Fields } from '../channel-key/types.js'
import { AgoraKeysError } from '../errors.js'
import { VERSION } from './message.js'

/**
 * Maximum key length, in characters, that {@link parse} accepts. It is checked
 * before decoding. Keys from Agora's generators are at most 111 characters,
 * so the rest leaves room for more extra entries.
 */
export const MAX_KEY_LENGTH = 1024

const SIGNATURE_LENGTH = 40
const APP_ID_BYTES = 16

/** Tells whether a byte is an ASCII digit or an upper-case A-F. */
function isUpperHexByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46)
}

function readSignature(reader: ByteReader): string {
  const bytes = reader.getBytesView('signature')
  if (bytes.length !== SIGNATURE_LENGTH || !bytes.every(isUpperHexByte)) {
    throw new AgoraKeysError(
      'ERR_KEY_INVALID_FIELD',
      `signature must be ${String(SIGNATURE_LENGTH)} upper-case hex characters, got ${String(bytes.length)} bytes that are not`,
      { field: 'signature' },
    )
  }
  return String.fromCharCode(...bytes)
}

function readAppId(reader: ByteReader): string {
  const bytes = reader.getBytesView('appId')
  if (bytes.length !== APP_ID_BYTES) {
    throw new AgoraKeysError(
      'ERR_KEY_INVALID_FIELD',
      `appId must be ${String(APP_ID_BYTES)} bytes (32 hex characters), got ${String(bytes.length)}`,
      { field: 'appId' },
    )
  }
  return hexEncode(bytes)
}

function readExtra(reader: ByteReader): Map<number, string> {
  const extra = new Map<number, string>()
  for (const [key, value] of reader.getBytesMap('extra')) {
    extra.set(key, utf8Decode(value, `extra[${String(key)}]`))
  }
  return extra
}

/**
 * Parses a DynamicKey5 ("005") key without checking its signature.
 *
 * Every input either returns fields or throws an {@link AgoraKeysError}, and
 * no other error escapes. `appId` is returned as lower-case hex, because the key
 * stores its 16 decoded bytes and not the text. A `serviceType` outside 1-4
 * and extra entries with unknown keys are returned as read, so a caller can
 * inspect keys from newer generators.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT` when `key` is not a string,
 *   `ERR_KEY_TOO_LONG` above {@link MAX_KEY_LENGTH} characters,
 *   `ERR_KEY_UNKNOWN_VERSION` without the "005" prefix, `ERR_KEY_BAD_ENCODING`
 *   for invalid base64, `ERR_KEY_TRUNCATED` when a field runs past the end,
 *   `ERR_KEY_TRAILING_BYTES` after the last field, and `ERR_KEY_INVALID_FIELD`
 *   for an App ID that is not 16 bytes, a signature that is not 40 upper-case
 *   hex characters, a repeated extra key or an extra value that is not UTF-8.
 * @example
 * const { serviceType, unixTs, expiredTs } = parse(key)
 */
export function parse(key: string): DynamicKey5Fields {
  if (typeof key !== 'string') {
    throw new AgoraKeysError('ERR_INVALID_ARGUMENT', `key must be a string, got ${typeof key}`, {
      field: 'key',
    })
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new AgoraKeysError(
      'ERR_KEY_TOO_LONG',
      `key is ${String(key.length)} characters; a DynamicKey5 key is at most ${String(MAX_KEY_LENGTH)}`,
      { field: 'key' },
    )
  }
  if (!key.startsWith(VERSION)) {
    throw new AgoraKeysError(
      'ERR_KEY_UNKNOWN_VERSION',
      `key does not start with "${VERSION}", so it is not a DynamicKey5 key`,
      { field: 'key' },
    )
  }

  const reader = new ByteReader(base64Decode(key.slice(VERSION.length), 'key'))
  const serviceType = reader.getUint16('serviceType')
  const signature = readSignature(reader)
  const appId = readAppId(reader)
  const unixTs = reader.getUint32('unixTs')
  const randomInt = reader.getUint32('randomInt')
  const expiredTs = reader.getUint32('expiredTs')
  const extra = readExtra(reader)
  reader.expectEnd('key')

  return { version: VERSION, serviceType, signature, appId, unixTs, randomInt, expiredTs, extra }
}
