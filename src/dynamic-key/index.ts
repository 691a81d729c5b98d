/**
 * DynamicKey, the first Channel Key: 90 hex characters with no version prefix,
 * signature (40) + App ID (32) + unixTs (10 digits) + randomInt (8 hex).
 * It binds no uid and no expiry. Layout from AgoraIO/Tools
 * DynamicKey/AgoraDynamicKey/python3/src/DynamicKey.py.
 * @module
 */
import {
  formatHexChannelKey,
  parseHexChannelKey,
  signHexChannelKey,
  type HexKeyLayout,
  type SignedHexKeyHead,
} from '../channel-key/hex-key.js'
import { verifyHexChannelKey } from '../channel-key/hex-verify.js'
import { resolveChannelKeyInputs, type ChannelKeyOptions } from '../channel-key/inputs.js'
import { signatureReason, type ChannelKeyVerifyOptions } from '../channel-key/verify-checks.js'
import type { DynamicKeyFields, VerifyResult } from '../channel-key/types.js'

export type { ChannelKeyOptions } from '../channel-key/inputs.js'
export type { ChannelKeyVerifyOptions } from '../channel-key/verify-checks.js'
export type { DynamicKeyFields, VerifyReason, VerifyResult } from '../channel-key/types.js'

const layout: HexKeyLayout<never> = { name: 'DynamicKey', prefix: '', tail: [] }

/** Signs the stored fields with the certificate and channel name. Generate and verify share it. */
function sign(
  fields: SignedHexKeyHead,
  appCertificate: string,
  channelName: string,
): Promise<string> {
  const { appId, unixTs, randomInt } = fields
  return signHexChannelKey({ appCertificate, appId, unixTs, randomInt, channelName })
}

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
  const signature = await sign(input, input.appCertificate, input.channelName)
  return formatHexChannelKey(layout, { ...input, signature })
}

/**
 * Parses a DynamicKey (version 001) into the fields it stores. It checks the
 * layout only, and {@link verify} checks the signature.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT` (not a string), `ERR_KEY_TOO_LONG`
 *   (over 1024 characters), `ERR_KEY_UNKNOWN_VERSION` (not 90 characters),
 *   `ERR_KEY_BAD_ENCODING` (a character outside its field's alphabet),
 *   `ERR_KEY_INVALID_FIELD` (unixTs above 4294967295).
 * @example
 * const { appId, unixTs } = parse(key)
 */
export function parse(key: string): DynamicKeyFields {
  return { version: '001', ...parseHexChannelKey(key, layout) }
}

/**
 * Verifies a DynamicKey (version 001): the signature, the App ID if given, and
 * the join window against `now`. The key binds no uid, so `options.uid` is
 * ignored. The signature must be lower-case hex, as every reference writes it.
 *
 * A malformed key gives `{ valid: false }` with reason `malformed`.
 * @throws {AgoraKeysError} for invalid options: `ERR_INVALID_APP_CERTIFICATE`,
 *   `ERR_INVALID_APP_ID`, `ERR_INVALID_ARGUMENT`, `ERR_INVALID_INTEGER`,
 *   `ERR_TIMESTAMP_IN_MILLISECONDS`.
 * @example
 * const result = await verify(key, { appCertificate, channelName: 'room-1' })
 * if (!result.valid) console.log(result.reasons.map((reason) => reason.code))
 */
export function verify(
  key: string,
  options: ChannelKeyVerifyOptions,
): Promise<VerifyResult<DynamicKeyFields>> {
  return verifyHexChannelKey(key, options, 'dynamicKey.verify', layout, parse, async (fields, checked) => {
    const expected = await sign(fields, checked.appCertificate, checked.channelName)
    return { fields, reasons: signatureReason(fields.signature, expected) }
  })
}
