/**
 * The two packed messages of DynamicKey5: the one HMAC-SHA1 signs and the one
 * the key carries. Layout from AgoraIO/Tools DynamicKey/AgoraDynamicKey
 * python3/src/DynamicKey5.py and cpp/src/DynamicKey5.h.
 */
import { ByteWriter, base64Encode, hexEncode } from '../bytes/index.js'
import { hmacWithReusedKey } from '../hmac/index.js'

/** The text every DynamicKey5 key starts with. */
export const VERSION = '005'

/**
 * Returns a writer capacity that fits one of the two messages: the fixed
 * fields of each take under 80 bytes, and each string at most 3 UTF-8 bytes
 * per UTF-16 code unit. Starting large enough avoids growing the buffer,
 * which costs a second allocation.
 */
export function capacityFor(channelName: string, extra: ReadonlyMap<number, string>): number {
  let capacity = 80 + 3 * channelName.length
  for (const value of extra.values()) capacity += 4 + 3 * value.length
  return capacity
}

/** Inputs of the signature. The uid and channel name are signed but never stored in the key. */
export interface SignedFields {
  readonly serviceType: number
  /** The App ID's 16 hex-decoded bytes. */
  readonly appId: Uint8Array
  readonly unixTs: number
  readonly randomInt: number
  readonly channelName: string
  readonly uid: number
  readonly expiredTs: number
  readonly extra: ReadonlyMap<number, string>
}

/**
 * Appends the message that HMAC-SHA1 signs to `writer` and returns it as a
 * view: serviceType, appId, unixTs, randomInt, channelName, uid, expiredTs
 * and extra. A generator shares `writer` with {@link encodeKey} so that both
 * messages take one buffer.
 *
 * NOTE: extra is packed in ascending key order, as the C++ reference's
 * std::map does, so a key whose extra entries were signed in another order
 * does not verify. Agora's generators write at most one entry.
 */
export function packSignedMessage(writer: ByteWriter, fields: SignedFields): Uint8Array {
  const start = writer.length
  writer
    .putUint16(fields.serviceType, 'serviceType')
    .putBytes(fields.appId, 'appId')
    .putUint32(fields.unixTs, 'unixTs')
    .putUint32(fields.randomInt, 'randomInt')
    .putString(fields.channelName, 'channelName')
    .putUint32(fields.uid, 'uid')
    .putUint32(fields.expiredTs, 'expiredTs')
    .putBytesMap(fields.extra, 'extra')
  return writer.toView(start)
}

/** Formats an HMAC-SHA1 digest as the key stores it: 40 upper-case hex characters. */
export function signatureText(digest: Uint8Array): string {
  return hexEncode(digest).toUpperCase()
}

/**
 * Computes the signature that generate writes and verify recomputes:
 * upper-case hex of HMAC-SHA1, keyed with the App Certificate's 16
 * hex-decoded bytes, over the message of {@link packSignedMessage}.
 */
export async function signDynamicKey5(appCertificate: Uint8Array, fields: SignedFields): Promise<string> {
  const message = packSignedMessage(new ByteWriter(capacityFor(fields.channelName, fields.extra)), fields)
  return signatureText(await hmacWithReusedKey('SHA-1', appCertificate, message))
}

/** Fields of the packed message inside the key, in the order they are written. */
export interface StoredFields {
  readonly serviceType: number
  /** Upper-case hex, 40 characters. */
  readonly signature: string
  readonly appId: Uint8Array
  readonly unixTs: number
  readonly randomInt: number
  readonly expiredTs: number
  readonly extra: ReadonlyMap<number, string>
}

/** Packs the stored fields at the end of `writer` and returns the key: "005" + standard padded base64. */
export function encodeKey(fields: StoredFields, writer = new ByteWriter(capacityFor('', fields.extra))): string {
  const start = writer.length
  writer
    .putUint16(fields.serviceType, 'serviceType')
    .putString(fields.signature, 'signature')
    .putBytes(fields.appId, 'appId')
    .putUint32(fields.unixTs, 'unixTs')
    .putUint32(fields.randomInt, 'randomInt')
    .putUint32(fields.expiredTs, 'expiredTs')
    .putBytesMap(fields.extra, 'extra')
  return VERSION + base64Encode(writer.toView(start))
}
