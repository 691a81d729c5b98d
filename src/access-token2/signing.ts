/**
 * AccessToken2 signing: the key is HMAC-SHA256 chained from the App
 * Certificate over issueTs and then salt, and the signature is HMAC-SHA256 of
 * the signing info under that key.
 */
import { ByteWriter, utf8Encode } from '../bytes/index.js'
import { hmac } from '../hmac/index.js'

function uint32Bytes(value: number, field: string): Uint8Array {
  return new ByteWriter(4).putUint32(value, field).toView()
}

/**
 * Derives the signing key: HMAC(key = uint32 LE issueTs, data = certificate
 * text), then HMAC(key = uint32 LE salt, data = that digest). The certificate
 * is used as its 32 ASCII characters, not hex-decoded, as in the references.
 */
export async function deriveSigningKey(
  appCertificate: string,
  issueTs: number,
  salt: number,
): Promise<Uint8Array> {
  const first = await hmac('SHA-256', uint32Bytes(issueTs, 'issueTs'), utf8Encode(appCertificate))
  return hmac('SHA-256', uint32Bytes(salt, 'salt'), first)
}

/** Signs the packed signing info; the result is 32 bytes. */
export async function signSigningInfo(
  appCertificate: string,
  issueTs: number,
  salt: number,
  signingInfo: Uint8Array,
): Promise<Uint8Array> {
  const key = await deriveSigningKey(appCertificate, issueTs, salt)
  return hmac('SHA-256', key, signingInfo)
}
