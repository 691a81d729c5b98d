/**
 * DynamicKey5, the last Channel Key: "005" + base64 of a packed message
 * (service type, signature, App ID bytes, unixTs, randomInt, expiredTs and an
 * extra map). The channel name and uid are signed but not stored. Layout from
 * AgoraIO/Tools DynamicKey/AgoraDynamicKey python3/src/DynamicKey5.py.
 * @module
 */
import { ByteWriter, hexDecode } from '../bytes/index.js'
import { hmacWithReusedKey } from '../hmac/index.js'
import {
  resolveChannelKeyInputs,
  type ChannelKeyWithUidOptions,
  type ResolvedChannelKeyInputs,
} from '../channel-key/inputs.js'
import {
  DynamicKey5Service,
  type DynamicKey5Fields,
  type DynamicKey5VerifiedFields,
  type VerifyResult,
} from '../channel-key/types.js'
import {
  appIdReason,
  malformedResult,
  matchUidSignature,
  resolveVerifyOptions,
  timeReasons,
  verifyResult,
  type ChannelKeyVerifyOptions,
} from '../channel-key/verify-checks.js'
import { AgoraKeysError } from '../errors.js'
import { describeValue } from '../validate.js'
import { capacityFor, encodeKey, packSignedMessage, signatureText, signDynamicKey5 } from './message.js'
import { parse } from './parse.js'

export type { ChannelKeyWithUidOptions } from '../channel-key/inputs.js'
export type { ChannelKeyVerifyOptions } from '../channel-key/verify-checks.js'
export type {
  DynamicKey5Fields,
  DynamicKey5VerifiedFields,
  VerifyReason,
  VerifyResult,
} from '../channel-key/types.js'
export { DynamicKey5Service } from '../channel-key/types.js'
export { MAX_KEY_LENGTH, parse } from './parse.js'

/** Key of the extra entry that carries the in-channel permission. */
export const ALLOW_UPLOAD_IN_CHANNEL = 1

/** Values of the in-channel permission, as written in the key's extra map. */
export const InChannelPermission = {
  /** "0": the user may join but not upload audio or video. */
  NoUpload: '0',
  /** "3": the user may upload audio and video. */
  AudioVideoUpload: '3',
} as const

/** One of the {@link InChannelPermission} values. */
export type InChannelPermission = (typeof InChannelPermission)[keyof typeof InChannelPermission]

/** Inputs of {@link generateInChannelPermissionKey}. */
export interface InChannelPermissionKeyOptions extends ChannelKeyWithUidOptions {
  /** Upload permission: {@link InChannelPermission}.NoUpload or .AudioVideoUpload. */
  readonly permission: InChannelPermission
}

const permissionValues: readonly string[] = Object.values(InChannelPermission)

function checkPermission(value: unknown): InChannelPermission {
  if (typeof value !== 'string' || !permissionValues.includes(value)) {
    throw new AgoraKeysError(
      'ERR_INVALID_ARGUMENT',
      `permission must be InChannelPermission.NoUpload ("0") or InChannelPermission.AudioVideoUpload ("3"), got ${describeValue(value)}`,
      { field: 'permission' },
    )
  }
  return value as InChannelPermission
}

/**
 * Signs and packs one key. A negative uid or randomInt has already wrapped to
 * uint32 in resolveChannelKeyInputs, as in the Python reference. The Node
 * reference throws RangeError for it instead.
 */
async function generateKey(
  serviceType: number,
  input: ResolvedChannelKeyInputs,
  extra: ReadonlyMap<number, string>,
): Promise<string> {
  const appId = hexDecode(input.appId, 'appId')
  // One buffer contains the signed message and then the key content.
  const writer = new ByteWriter(capacityFor(input.channelName, extra) + capacityFor('', extra))
  const message = packSignedMessage(writer, {
    serviceType,
    appId,
    unixTs: input.unixTs,
    randomInt: input.randomInt,
    channelName: input.channelName,
    uid: input.uid,
    expiredTs: input.expiredTs,
    extra,
  })
  // Hashing here, not through signDynamicKey5, leaves one suspended async function instead of two,
  // and V8 allocates the saved frame of each.
  const digest = await hmacWithReusedKey('SHA-1', hexDecode(input.appCertificate, 'appCertificate'), message)
  const stored = {
    serviceType,
    signature: signatureText(digest),
    appId,
    unixTs: input.unixTs,
    randomInt: input.randomInt,
    expiredTs: input.expiredTs,
    extra,
  }
  return encodeKey(stored, writer)
}

/**
 * Generates a DynamicKey5 key for joining a channel (service type 1). The
 * Recording SDK also uses this key.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT`, `ERR_INVALID_APP_ID`,
 *   `ERR_INVALID_APP_CERTIFICATE`, `ERR_INVALID_INTEGER`,
 *   `ERR_TIMESTAMP_IN_MILLISECONDS`, and `ERR_VALUE_TOO_LONG` for a channel
 *   name over 65535 UTF-8 bytes.
 * @example
 * const key = await generateMediaChannelKey({ appId, appCertificate, channelName: 'room-1', uid: 42 })
 */
export async function generateMediaChannelKey(options: ChannelKeyWithUidOptions): Promise<string> {
  const input = resolveChannelKeyInputs(options, 'dynamicKey5.generateMediaChannelKey')
  return generateKey(DynamicKey5Service.mediaChannel, input, new Map())
}

/**
 * Generates a DynamicKey5 key for the Agora Recording Server (service type 2).
 * The Recording SDK takes {@link generateMediaChannelKey} instead.
 *
 * @throws {AgoraKeysError} The same codes as {@link generateMediaChannelKey}.
 * @example
 * const key = await generateRecordingKey({ appId, appCertificate, channelName: 'room-1' })
 */
export async function generateRecordingKey(options: ChannelKeyWithUidOptions): Promise<string> {
  const input = resolveChannelKeyInputs(options, 'dynamicKey5.generateRecordingKey')
  return generateKey(DynamicKey5Service.recording, input, new Map())
}

/**
 * Generates a DynamicKey5 key for public sharing (service type 3).
 *
 * @throws {AgoraKeysError} The same codes as {@link generateMediaChannelKey}.
 * @example
 * const key = await generatePublicSharingKey({ appId, appCertificate, channelName: 'room-1' })
 */
export async function generatePublicSharingKey(options: ChannelKeyWithUidOptions): Promise<string> {
  const input = resolveChannelKeyInputs(options, 'dynamicKey5.generatePublicSharingKey')
  return generateKey(DynamicKey5Service.publicSharing, input, new Map())
}

/**
 * Generates a DynamicKey5 key that sets what the user may upload in the
 * channel (service type 4). The permission is stored as extra entry 1.
 *
 * @throws {AgoraKeysError} The same codes as {@link generateMediaChannelKey},
 *   and `ERR_INVALID_ARGUMENT` with field `permission` for any value other
 *   than "0" or "3".
 * @example
 * const key = await generateInChannelPermissionKey({
 *   appId, appCertificate, channelName: 'room-1', uid: 42,
 *   permission: InChannelPermission.NoUpload,
 * })
 */
export async function generateInChannelPermissionKey(
  options: InChannelPermissionKeyOptions,
): Promise<string> {
  const input = resolveChannelKeyInputs(options, 'dynamicKey5.generateInChannelPermissionKey')
  const permission = checkPermission((options as { permission?: unknown }).permission)
  const extra = new Map([[ALLOW_UPLOAD_IN_CHANNEL, permission]])
  return generateKey(DynamicKey5Service.inChannelPermission, input, extra)
}

/**
 * Verifies a DynamicKey5 key: recomputes its signature from the App
 * Certificate, channel name and uid, then checks the App ID, the 300-second
 * join window and expiredTs. The uid is signed but not stored, so a wrong
 * uid is reported as `signature`. A key made for uid 0 lets any user join, so
 * it is valid for every expected uid, and `fields.uid` names the uid whose
 * signature matched. A key that cannot be parsed, including a non-string,
 * gives `valid: false` with reason `malformed`.
 *
 * @throws {AgoraKeysError} Only for invalid options: `ERR_INVALID_ARGUMENT`,
 *   `ERR_INVALID_APP_CERTIFICATE`, `ERR_INVALID_APP_ID`, `ERR_INVALID_INTEGER`,
 *   `ERR_TIMESTAMP_IN_MILLISECONDS`, and `ERR_VALUE_TOO_LONG` for a channel
 *   name over 65535 UTF-8 bytes.
 * @example
 * const result = await verify(key, { appCertificate, channelName: 'room-1', uid: 42 })
 * if (!result.valid) console.log(result.reasons.map((reason) => reason.code))
 */
export async function verify(
  key: string,
  options: ChannelKeyVerifyOptions,
): Promise<VerifyResult<DynamicKey5VerifiedFields>> {
  const input = resolveVerifyOptions(options, 'dynamicKey5.verify')
  let fields: DynamicKey5Fields
  try {
    fields = parse(key)
  } catch (error) {
    return malformedResult(error)
  }
  const appCertificate = hexDecode(input.appCertificate, 'appCertificate')
  const appId = hexDecode(fields.appId, 'appId')
  const match = await matchUidSignature(fields.signature, input.uid, (uid) =>
    signDynamicKey5(appCertificate, {
      serviceType: fields.serviceType,
      appId,
      unixTs: fields.unixTs,
      randomInt: fields.randomInt,
      channelName: input.channelName,
      uid,
      expiredTs: fields.expiredTs,
      extra: fields.extra,
    }),
  )
  const reasons = [
    ...match.reasons,
    ...appIdReason(fields.appId, input.appId),
    ...timeReasons(fields.unixTs, fields.expiredTs, input.now),
  ]
  return verifyResult(match.uid === undefined ? fields : { ...fields, uid: match.uid }, reasons)
}
