/**
 * DynamicKey, the first Channel Key: 90 hex characters with no version prefix,
 * signature (40) + App ID (32) + unixTs (10 digits) + randomInt (8 hex).
 * It binds no uid and no expiry. Layout from AgoraIO/Tools
 * DynamicKey/AgoraDynamicKey/python3/src/DynamicKey.py.
 * @module
 */
import { hexEncode, utf8Encode } from '../bytes/index.js'
import { resolveChannelKeyInputs, type ChannelKeyOptions } from '../channel-key/inputs.js'
import { decimal10, hex8, signedAppId } from '../channel-key/text.js'
import { hmac } from '../hmac/index.js'

export type { ChannelKeyOptions } from '../channel-key/inputs.js'

/**
 * Generates a DynamicKey (version 001) Channel Key.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_APP_ID`, `ERR_INVALID_APP_CERTIFICATE`,
 *   `ERR_INVALID_INTEGER`, `ERR_TIMESTAMP_IN_MILLISECONDS`, `ERR_INVALID_ARGUMENT`.
 * @example
 * const key = await generate({ appId, appCertificate, channelName: 'room-1' })
 */
export async function generate(options: ChannelKeyOptions): Promise<string> {
  const input = resolveChannelKeyInputs(options, 'dynamicKey.generate')
  const fields = decimal10(input.unixTs) + hex8(input.randomInt)
  // The HMAC key is the certificate's text, not its hex-decoded bytes, as in the reference.
  const content = signedAppId(input.appId) + fields + input.channelName
  const signature = await hmac('SHA-1', utf8Encode(input.appCertificate), utf8Encode(content))
  return hexEncode(signature) + input.appId + fields
}
