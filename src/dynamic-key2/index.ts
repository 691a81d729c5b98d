/**
 * DynamicKey2, a Channel Key that binds a uid and an expiry: 110 characters
 * with no version prefix, signature (40 hex) + App ID (32) + unixTs (10 digits)
 * + randomInt (8 hex) + uid (10 digits) + expiredTs (10 digits). Layout from
 * AgoraIO/Tools DynamicKey/AgoraDynamicKey/python3/src/DynamicKey2.py.
 * @module
 */
import {
  formatHexChannelKey,
  parseHexChannelKey,
  signUidKey,
  type HexKeyLayout,
} from '../channel-key/hex-key.js'
import { checkUidKey, verifyHexChannelKey } from '../channel-key/hex-verify.js'
import { resolveChannelKeyInputs, type ChannelKeyWithUidOptions } from '../channel-key/inputs.js'
import type { ChannelKeyVerifyOptions } from '../channel-key/verify-checks.js'
import type { DynamicKey2Fields, VerifyResult } from '../channel-key/types.js'

export type { ChannelKeyWithUidOptions } from '../channel-key/inputs.js'
export type { ChannelKeyVerifyOptions } from '../channel-key/verify-checks.js'
export type { DynamicKey2Fields, VerifyReason, VerifyResult } from '../channel-key/types.js'

const layout: HexKeyLayout<'uid' | 'expiredTs'> = {
  name: 'DynamicKey2',
  prefix: '',
  tail: ['uid', 'expiredTs'],
}

/**
 * Generates a DynamicKey2 Channel Key. Negative uid and randomInt values from
 * signed 32-bit clients wrap to uint32, as in the Python reference.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_APP_ID`, `ERR_INVALID_APP_CERTIFICATE`,
 *   `ERR_INVALID_INTEGER`, `ERR_TIMESTAMP_IN_MILLISECONDS`, `ERR_INVALID_ARGUMENT`.
 * @example
 * const key = await generate({ appId, appCertificate, channelName: 'room-1', uid: 42 })
 */
export async function generate(options: ChannelKeyWithUidOptions): Promise<string> {
  const input = resolveChannelKeyInputs(options, 'dynamicKey2.generate')
  const signature = await signUidKey(input, input.appCertificate, input.channelName)
  return formatHexChannelKey(layout, { ...input, signature })
}

/**
 * Parses a DynamicKey2 into the fields it stores. It checks the layout only,
 * and {@link verify} checks the signature.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT` (not a string), `ERR_KEY_TOO_LONG`
 *   (over 1024 characters), `ERR_KEY_UNKNOWN_VERSION` (not 110 characters),
 *   `ERR_KEY_BAD_ENCODING` (a character outside its field's alphabet),
 *   `ERR_KEY_INVALID_FIELD` (a decimal field above 4294967295).
 * @example
 * const { uid, expiredTs } = parse(key)
 */
export function parse(key: string): DynamicKey2Fields {
  return { version: '002', ...parseHexChannelKey(key, layout) }
}

/**
 * Verifies a DynamicKey2: the signature (with the uid stored in the key), the
 * stored uid against `options.uid` (a stored 0 admits any uid), the App ID if
 * given, the join window and expiredTs against `now`. The signature must be
 * lower-case hex, as every reference writes it.
 *
 * A malformed key gives `{ valid: false }` with reason `malformed`.
 * @throws {AgoraKeysError} for invalid options: `ERR_INVALID_APP_CERTIFICATE`,
 *   `ERR_INVALID_APP_ID`, `ERR_INVALID_ARGUMENT`, `ERR_INVALID_INTEGER`,
 *   `ERR_TIMESTAMP_IN_MILLISECONDS`.
 * @example
 * const result = await verify(key, { appCertificate, channelName: 'room-1', uid: 42 })
 * if (!result.valid) console.log(result.reasons.map((reason) => reason.code))
 */
export function verify(
  key: string,
  options: ChannelKeyVerifyOptions,
): Promise<VerifyResult<DynamicKey2Fields>> {
  return verifyHexChannelKey(key, options, 'dynamicKey2.verify', layout, parse, checkUidKey)
}
