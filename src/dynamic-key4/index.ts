/**
 * DynamicKey4, a Channel Key per service: 103 characters, "004" + signature
 * (40 hex) + App ID (32) + unixTs (10 digits) + randomInt (8 hex) + expiredTs
 * (10 digits). The service ("ACS" media channel, "ARS" recording, "APSS"
 * public sharing) and the uid are signed but not stored. Layout from
 * AgoraIO/Tools DynamicKey/AgoraDynamicKey/python3/src/DynamicKey4.py.
 * @module
 */
import {
  formatHexChannelKey,
  parseHexChannelKey,
  signUidKey,
  type HexKeyLayout,
  type SignedUidKeyFields,
} from '../channel-key/hex-key.js'
import { verifyHexChannelKey, type HexKeyCheck } from '../channel-key/hex-verify.js'
import { resolveChannelKeyInputs, type ChannelKeyWithUidOptions } from '../channel-key/inputs.js'
import type {
  DynamicKey4Fields,
  DynamicKey4Service,
  DynamicKey4VerifiedFields,
  VerifyReason,
  VerifyResult,
} from '../channel-key/types.js'
import {
  matchUidSignature,
  type ChannelKeyVerifyOptions,
  type ResolvedVerifyOptions,
} from '../channel-key/verify-checks.js'

export type { ChannelKeyWithUidOptions } from '../channel-key/inputs.js'
export type { ChannelKeyVerifyOptions } from '../channel-key/verify-checks.js'
export type {
  DynamicKey4Fields,
  DynamicKey4Service,
  DynamicKey4VerifiedFields,
  VerifyReason,
  VerifyResult,
} from '../channel-key/types.js'

const layout: HexKeyLayout<'expiredTs'> = {
  name: 'DynamicKey4',
  prefix: '004',
  tail: ['expiredTs'],
}

/** The services in the order verify tries them. */
const services: readonly DynamicKey4Service[] = ['ACS', 'ARS', 'APSS']

/** Signs one service's key. Generate and verify share it. */
function sign(
  fields: SignedUidKeyFields,
  service: DynamicKey4Service,
  appCertificate: string,
  channelName: string,
): Promise<string> {
  return signUidKey(fields, appCertificate, channelName, service)
}

async function generateForService(
  options: ChannelKeyWithUidOptions,
  service: DynamicKey4Service,
  what: string,
): Promise<string> {
  const input = resolveChannelKeyInputs(options, what)
  const signature = await sign(input, service, input.appCertificate, input.channelName)
  return formatHexChannelKey(layout, { ...input, signature })
}

/**
 * Generates a DynamicKey4 key for joining a media channel (service "ACS").
 * The uid is signed but not stored, so the client must join with the same
 * uid. A key made for uid 0 lets any user join.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_APP_ID`, `ERR_INVALID_APP_CERTIFICATE`,
 *   `ERR_INVALID_INTEGER`, `ERR_TIMESTAMP_IN_MILLISECONDS`, `ERR_INVALID_ARGUMENT`.
 * @example
 * const key = await generateMediaChannelKey({
 *   appId,
 *   appCertificate,
 *   channelName: 'room-1',
 *   uid: 42,
 * })
 */
export function generateMediaChannelKey(options: ChannelKeyWithUidOptions): Promise<string> {
  return generateForService(options, 'ACS', 'dynamicKey4.generateMediaChannelKey')
}

/**
 * Generates a DynamicKey4 key for cloud or on-premise recording (service "ARS").
 *
 * @throws {AgoraKeysError} `ERR_INVALID_APP_ID`, `ERR_INVALID_APP_CERTIFICATE`,
 *   `ERR_INVALID_INTEGER`, `ERR_TIMESTAMP_IN_MILLISECONDS`, `ERR_INVALID_ARGUMENT`.
 * @example
 * const key = await generateRecordingKey({ appId, appCertificate, channelName: 'room-1' })
 */
export function generateRecordingKey(options: ChannelKeyWithUidOptions): Promise<string> {
  return generateForService(options, 'ARS', 'dynamicKey4.generateRecordingKey')
}

/**
 * Generates a DynamicKey4 key for public sharing (service "APSS").
 *
 * @throws {AgoraKeysError} `ERR_INVALID_APP_ID`, `ERR_INVALID_APP_CERTIFICATE`,
 *   `ERR_INVALID_INTEGER`, `ERR_TIMESTAMP_IN_MILLISECONDS`, `ERR_INVALID_ARGUMENT`.
 * @example
 * const key = await generatePublicSharingKey({ appId, appCertificate, channelName: 'room-1' })
 */
export function generatePublicSharingKey(options: ChannelKeyWithUidOptions): Promise<string> {
  return generateForService(options, 'APSS', 'dynamicKey4.generatePublicSharingKey')
}

/**
 * Parses a DynamicKey4 into the fields it stores. The uid and the service are
 * not stored, so only {@link verify} can recover the service.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT` (not a string), `ERR_KEY_TOO_LONG`
 *   (over 1024 characters), `ERR_KEY_UNKNOWN_VERSION` (not 103 characters
 *   starting with "004"), `ERR_KEY_BAD_ENCODING` (a character outside its
 *   field's alphabet), `ERR_KEY_INVALID_FIELD` (a decimal field above 4294967295).
 * @example
 * const { appId, expiredTs } = parse(key)
 */
export function parse(key: string): DynamicKey4Fields {
  return { version: '004', ...parseHexChannelKey(key, layout) }
}

/**
 * Recomputes and compares the signature of every service, for the expected
 * uid and for uid 0, even after one matches, so the work done does not depend
 * on which service or uid the key is for.
 */
async function checkServices(
  fields: DynamicKey4Fields,
  checked: ResolvedVerifyOptions,
): Promise<HexKeyCheck<DynamicKey4VerifiedFields>> {
  let matched: { readonly service: DynamicKey4Service; readonly uid: number } | undefined
  let mismatch: readonly VerifyReason[] = []
  for (const service of services) {
    const match = await matchUidSignature(fields.signature, checked.uid, (uid) =>
      sign({ ...fields, uid }, service, checked.appCertificate, checked.channelName),
    )
    if (match.uid === undefined) mismatch = match.reasons
    else matched ??= { service, uid: match.uid }
  }
  if (matched === undefined) return { fields, reasons: mismatch }
  return { fields: { ...fields, ...matched }, reasons: [] }
}

/**
 * Verifies a DynamicKey4: the signature for each service (ACS, ARS, APSS) with
 * `options.uid`, the App ID if given, the join window and expiredTs against
 * `now`. The key does not store the uid, so a wrong uid shows as reason
 * `signature`. A key made for uid 0 lets any user join, so it is valid for
 * every expected uid. When a signature matches, `fields.service` names its
 * service and `fields.uid` its uid: `options.uid`, or 0 for a key made for
 * uid 0. The signature must be lower-case hex, as every reference writes it.
 *
 * A malformed key gives `{ valid: false }` with reason `malformed`.
 * @throws {AgoraKeysError} for invalid options: `ERR_INVALID_APP_CERTIFICATE`,
 *   `ERR_INVALID_APP_ID`, `ERR_INVALID_ARGUMENT`, `ERR_INVALID_INTEGER`,
 *   `ERR_TIMESTAMP_IN_MILLISECONDS`.
 * @example
 * const result = await verify(key, { appCertificate, channelName: 'room-1', uid: 42 })
 * if (result.valid) console.log(result.fields?.service, result.fields?.uid) // e.g. 'ACS' 42
 */
export function verify(
  key: string,
  options: ChannelKeyVerifyOptions,
): Promise<VerifyResult<DynamicKey4VerifiedFields>> {
  return verifyHexChannelKey(key, options, 'dynamicKey4.verify', layout, parse, checkServices)
}
