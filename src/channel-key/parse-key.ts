/**
 * `parseKey` and `verifyKey`: one entry point for every Channel Key version.
 * They pick the version with detectKeyFormat and call that version's own
 * parse or verify, so each layout is parsed in one place only.
 * @module
 */
import { parse as parseDynamicKey, verify as verifyDynamicKey } from '../dynamic-key/index.js'
import { parse as parseDynamicKey2, verify as verifyDynamicKey2 } from '../dynamic-key2/index.js'
import { parse as parseDynamicKey3, verify as verifyDynamicKey3 } from '../dynamic-key3/index.js'
import { parse as parseDynamicKey4, verify as verifyDynamicKey4 } from '../dynamic-key4/index.js'
import { parse as parseDynamicKey5, verify as verifyDynamicKey5 } from '../dynamic-key5/index.js'
import { AgoraKeysError } from '../errors.js'
import { checkString } from '../validate.js'
import {
  closestChannelKeyFormat,
  describeChannelKeyShapes,
  detectKeyFormat,
  type ChannelKeyFormat,
} from './detect.js'
import type {
  ChannelKeyFields,
  DynamicKey2Fields,
  DynamicKey3Fields,
  DynamicKey4VerifiedFields,
  DynamicKey5VerifiedFields,
  DynamicKeyFields,
  VerifyResult,
} from './types.js'
import {
  malformedResult,
  resolveVerifyOptions,
  type ChannelKeyVerifyOptions,
} from './verify-checks.js'

/**
 * Maximum key length, in UTF-16 code units, that {@link parseKey} and
 * {@link verifyKey} read. It equals the limit of every version's own parser,
 * and longer input is rejected before any decoding.
 */
export const MAX_CHANNEL_KEY_LENGTH = 1024

/**
 * The fields of a {@link verifyKey} result: the parsed fields, where a
 * DynamicKey4 also names the service whose signature matched, and DynamicKey4
 * and DynamicKey5, which do not store the uid, name the uid it matched.
 */
export type VerifiedChannelKeyFields =
  | DynamicKeyFields
  | DynamicKey2Fields
  | DynamicKey3Fields
  | DynamicKey4VerifiedFields
  | DynamicKey5VerifiedFields

const accessTokenFunctions = {
  'access-token': { name: 'AccessToken "006"', parse: 'parseAccessToken', verify: 'verifyAccessToken' },
  'access-token2': { name: 'AccessToken2 "007"', parse: 'parseAccessToken2', verify: 'verifyAccessToken2' },
} as const

/** Returns the error for an AccessToken passed where a Channel Key is expected, with `hint` appended. */
function notChannelKeyError(format: 'access-token' | 'access-token2', hint: string): AgoraKeysError {
  const functions = accessTokenFunctions[format]
  return new AgoraKeysError(
    'ERR_KEY_UNKNOWN_VERSION',
    `key is an ${functions.name}, not a Channel Key; ` +
      `read it with ${functions.parse} and check it with ${functions.verify}${hint}`,
    { field: 'key' },
  )
}

/**
 * Checks that `key` is a string no longer than the limit and picks the
 * Channel Key version whose parser reads it. A string that matches no shape
 * goes to the version it is closest to, so that version's parser can report
 * which field is invalid.
 */
function selectChannelKeyFormat(key: unknown): ChannelKeyFormat {
  const text = checkString(key, 'key')
  const format = detectKeyFormat(text)
  if (format === 'access-token' || format === 'access-token2') throw notChannelKeyError(format, '')
  // detectKeyFormat names no string with surrounding whitespace, so a padded token is detected trimmed.
  const trimmedFormat = format === undefined ? detectKeyFormat(text.trim()) : undefined
  if (trimmedFormat === 'access-token' || trimmedFormat === 'access-token2') {
    throw notChannelKeyError(trimmedFormat, '; remove the surrounding whitespace')
  }
  if (text.length > MAX_CHANNEL_KEY_LENGTH) {
    throw new AgoraKeysError(
      'ERR_KEY_TOO_LONG',
      `key is ${String(text.length)} characters; a Channel Key is at most ${String(MAX_CHANNEL_KEY_LENGTH)}`,
      { field: 'key' },
    )
  }
  const selected = format ?? closestChannelKeyFormat(text)
  if (selected !== undefined) return selected

  let message = `key is ${String(text.length)} characters and matches no Channel Key: ${describeChannelKeyShapes()}`
  if (text.trim().length !== text.length) message += '; remove the surrounding whitespace'
  throw new AgoraKeysError('ERR_KEY_UNKNOWN_VERSION', message, { field: 'key' })
}

/**
 * Parses a Channel Key of any version (DynamicKey 001–005) into the fields it
 * stores, without checking its signature. The version is detected from the
 * key's shape (see {@link detectKeyFormat}). The result is a union
 * discriminated by `version`, '001' to '005'.
 *
 * Every version stores the signature, App ID, unixTs and randomInt. Only
 * what a version stores is returned:
 * - '001' (DynamicKey) binds no uid and no expiry.
 * - '002' and '003' store `uid` and `expiredTs`.
 * - '004' stores `expiredTs`. The uid and the service (ACS, ARS, APSS) are
 *   signed but not stored, and {@link verifyKey} finds the service.
 * - '005' stores `serviceType` (1–4), `expiredTs` and the `extra` map, which
 *   contains the in-channel permission. The uid is signed but not stored.
 * No version stores the channel name, which is only signed.
 *
 * Any input either returns fields or throws an {@link AgoraKeysError}.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT` (not a string),
 *   `ERR_KEY_UNKNOWN_VERSION` (no Channel Key shape, or an AccessToken "006"
 *   or "007", whose message names the function that reads it),
 *   `ERR_KEY_TOO_LONG` (above {@link MAX_CHANNEL_KEY_LENGTH}, checked before
 *   decoding), and from the version's parser `ERR_KEY_BAD_ENCODING`,
 *   `ERR_KEY_TRUNCATED`, `ERR_KEY_TRAILING_BYTES` and `ERR_KEY_INVALID_FIELD`.
 * @example
 * const fields = parseKey(key)
 * if (fields.version === '003') console.log(fields.uid, fields.expiredTs)
 */
export function parseKey(key: string): ChannelKeyFields {
  const format = selectChannelKeyFormat(key)
  switch (format) {
    case 'dynamic-key':
      return parseDynamicKey(key)
    case 'dynamic-key2':
      return parseDynamicKey2(key)
    case 'dynamic-key3':
      return parseDynamicKey3(key)
    case 'dynamic-key4':
      return parseDynamicKey4(key)
    case 'dynamic-key5':
      return parseDynamicKey5(key)
  }
}

/**
 * Verifies a Channel Key of any version (DynamicKey 001–005) with that
 * version's `verify`. It recomputes the signature from the stored fields, the
 * App Certificate, the channel name and the uid, and compares it in constant
 * time. Then it checks the App ID if one is given, the 300-second join window
 * after unixTs, and expiredTs against `now`.
 *
 * `valid` is true only when `reasons` is empty. Each failed check is one
 * reason with a stable code: `signature`, `app-id`, `join-window`,
 * `issued-in-future`, `call-expired`, `uid` (DynamicKey2 and 3, which store
 * the uid) or `malformed`. A caller may accept, say, a correctly signed key
 * whose only reason is `join-window`. DynamicKey4 and DynamicKey5 do not store
 * the uid, so a wrong uid shows as `signature`. A key made for uid 0 lets any
 * user join, so every version accepts it for any `options.uid`. DynamicKey
 * (001) binds no uid and ignores `options.uid`.
 *
 * A key that does not parse, including a non-string, an AccessToken "006" or
 * "007" and anything over {@link MAX_CHANNEL_KEY_LENGTH} characters, gives
 * `valid: false` with one `malformed` reason, and its `errorCode` is the
 * parser's code.
 *
 * @throws {AgoraKeysError} Only for invalid options: `ERR_INVALID_ARGUMENT`,
 *   `ERR_INVALID_APP_CERTIFICATE`, `ERR_INVALID_APP_ID`, `ERR_INVALID_INTEGER`,
 *   `ERR_TIMESTAMP_IN_MILLISECONDS`, and `ERR_VALUE_TOO_LONG` for a channel
 *   name over 65535 UTF-8 bytes with DynamicKey5.
 * @example
 * const result = await verifyKey(key, { appCertificate, channelName: 'room-1', uid: 42 })
 * if (!result.valid) console.log(result.reasons.map((reason) => reason.code))
 */
export async function verifyKey(
  key: string,
  options: ChannelKeyVerifyOptions,
): Promise<VerifyResult<VerifiedChannelKeyFields>> {
  const checked = resolveVerifyOptions(options, 'verifyKey')
  let format: ChannelKeyFormat
  try {
    format = selectChannelKeyFormat(key)
  } catch (error) {
    return malformedResult(error)
  }

  // The checked options carry the defaults, so `now` is read from the clock only once.
  const resolved: ChannelKeyVerifyOptions = {
    appCertificate: checked.appCertificate,
    channelName: checked.channelName,
    uid: checked.uid,
    now: checked.now,
    ...(checked.appId === undefined ? {} : { appId: checked.appId }),
  }
  switch (format) {
    case 'dynamic-key':
      return verifyDynamicKey(key, resolved)
    case 'dynamic-key2':
      return verifyDynamicKey2(key, resolved)
    case 'dynamic-key3':
      return verifyDynamicKey3(key, resolved)
    case 'dynamic-key4':
      return verifyDynamicKey4(key, resolved)
    case 'dynamic-key5':
      return verifyDynamicKey5(key, resolved)
  }
}
