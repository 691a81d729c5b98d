/**
 * AccessToken2 signing: the key is HMAC-SHA256 chained from the App
 * Certificate over issueTs and then salt, and the signature is HMAC-SHA256 of
 * the signing info under that key.
 */
import { ByteWriter } from '../bytes/index.js'
import { hmac } from '../hmac/index.js'

function uint32Bytes(value: number, field: string): Uint8Array {
  return new ByteWriter(4).putUint32(value, field).toView()
}

/**
 * Signs the packed signing info; the result is 32 bytes. The signing key is
 * HMAC(key = uint32 LE issueTs, data = certificate text), then HMAC(key =
 * uint32 LE salt, data = that digest). The certificate is used as its 32
 * ASCII characters, not hex-decoded, as in the references. The whole chain
 * runs in this one async function because V8 allocates the saved frame of
 * every suspended async call.
 */
export async function signSigningInfo(
  appCertificate: string,
  issueTs: number,
  salt: number,
  signingInfo: Uint8Array,
): Promise<Uint8Array> {
  const first = await hmac('SHA-256', uint32Bytes(issueTs, 'issueTs'), appCertificate)
  const key = await hmac('SHA-256', uint32Bytes(salt, 'salt'), first)
  return hmac('SHA-256', key, signingInfo)
}
