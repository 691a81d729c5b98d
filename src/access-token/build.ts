import { base64Encode, ByteWriter, crc32, utf8EncodeInto, utf8Length } from '../bytes/index.js'
import { AgoraKeysError } from '../errors.js'
import { hmacWithReusedKey } from '../hmac/index.js'
import {
  checkAppCertificate,
  checkAppId,
  checkOptions,
  checkString,
  checkTimestamp,
  describeValue,
} from '../validate.js'
import {
  checkExpireTimestamp,
  checkSalt,
  defaultSalt,
  defaultTs,
  resolveUidOrAccount,
} from './inputs.js'

/** The version prefix of every "006" token. */
export const ACCESS_TOKEN_VERSION = '006'

/** Privilege id → expiry timestamp (Unix seconds, 0 = never), as a Map or a plain object. */
export type AccessTokenPrivileges =
  | ReadonlyMap<number, number>
  | Readonly<Partial<Record<number, number>>>

/** Inputs of {@link buildAccessToken}, the "006" token with any set of privileges. */
export interface AccessTokenOptions {
  /** App ID from Agora Console: 32 hex characters, written into the token as given. Reference name: appID. */
  readonly appId: string
  /** App Certificate: 32 hex characters. Keep it on your server. Reference name: appCertificate. */
  readonly appCertificate: string
  /** Channel name, signed as UTF-8; only its CRC-32 is stored. RTM tokens put the user account here. */
  readonly channelName: string
  /**
   * Integer uid, uint32 (signed 32-bit negatives wrap); 0, the default, signs
   * the empty string. Give uid or account, not both.
   */
  readonly uid?: number
  /** User account, signed as given ("0" stays "0"). Give uid or account, not both. */
  readonly account?: string
  /** Privilege id (see AccessTokenPrivilege) → absolute expiry timestamp, Unix seconds; 0 never expires. */
  readonly privileges: AccessTokenPrivileges
  /** Random uint32. Default: fresh per token, from 1 to 99999999 like the Python reference. */
  readonly salt?: number
  /** When the token expires, Unix seconds. Default: now + 24 hours. */
  readonly ts?: number
}

/**
 * Maximum number of privileges in one token: the packed message (salt, ts, count and
 * 6 bytes per privilege) must fit its uint16 length prefix.
 */
export const MAX_ACCESS_TOKEN_PRIVILEGES = Math.floor((0xffff - 10) / 6)

/** Checked token inputs: the uid is already the signed string. */
export interface ResolvedAccessTokenInputs {
  readonly appId: string
  readonly appCertificate: string
  readonly channelName: string
  readonly uidString: string
  readonly privileges: ReadonlyMap<number, number>
  readonly salt: number
  readonly ts: number
}

/** Checks salt and ts and fills in their defaults. */
export function resolveSaltAndTs(input: Record<string, unknown>): { salt: number; ts: number } {
  return {
    salt: input.salt === undefined ? defaultSalt() : checkSalt(input.salt),
    ts: input.ts === undefined ? defaultTs() : checkTimestamp(input.ts, 'ts'),
  }
}

function checkPrivileges(value: unknown): Map<number, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AgoraKeysError(
      'ERR_INVALID_ARGUMENT',
      'privileges must be a Map or an object of privilege id → expiry timestamp, e.g. { [AccessTokenPrivilege.joinChannel]: expireTs }',
      { field: 'privileges' },
    )
  }
  const entries: [unknown, unknown][] =
    value instanceof Map ? [...(value as Map<unknown, unknown>)] : Object.entries(value)
  const privileges = new Map<number, number>()
  for (const [key, expire] of entries) {
    // Decimal text without leading zeros, as "007" keys, so that "01" cannot name the same id as "1".
    const id = typeof key === 'string' && /^(?:0|[1-9][0-9]*)$/.test(key) ? Number(key) : key
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 0xffff) {
      throw new AgoraKeysError(
        'ERR_INVALID_INTEGER',
        `privileges has an invalid key, ${describeValue(id)}; privilege ids are integers from 0 to 65535`,
        { field: 'privileges' },
      )
    }
    if (privileges.has(id)) {
      throw new AgoraKeysError(
        'ERR_INVALID_ARGUMENT',
        `privileges has privilege id ${String(id)} twice, as a number and as text; keep one entry per id`,
        { field: 'privileges' },
      )
    }
    privileges.set(id, checkExpireTimestamp(expire, `privileges[${String(id)}]`))
  }
  if (privileges.size > MAX_ACCESS_TOKEN_PRIVILEGES) {
    throw new AgoraKeysError(
      'ERR_VALUE_TOO_LONG',
      `privileges has ${String(privileges.size)} entries; a "006" token holds at most ${String(MAX_ACCESS_TOKEN_PRIVILEGES)}`,
      { field: 'privileges' },
    )
  }
  return privileges
}

/** Checks every option of {@link buildAccessToken} and fills in the defaults. */
export function resolveAccessTokenInputs(options: unknown, what: string): ResolvedAccessTokenInputs {
  const input = checkOptions(options, what)
  const appId = checkAppId(input.appId)
  const appCertificate = checkAppCertificate(input.appCertificate)
  const channelName = checkString(input.channelName, 'channelName')
  const uidString = resolveUidOrAccount(input, 'the account option')
  const privileges = checkPrivileges(input.privileges)
  const { salt, ts } = resolveSaltAndTs(input)
  return { appId, appCertificate, channelName, uidString, privileges, salt, ts }
}

/** The bytes a "006" signature covers, with views of the channel name and uid string in them. */
export interface SignedBytes {
  readonly bytes: Uint8Array
  /** The channel name's UTF-8, whose CRC-32 the token stores. */
  readonly channelName: Uint8Array
  /** The uid string's UTF-8, whose CRC-32 the token stores. */
  readonly uid: Uint8Array
}

/**
 * Concatenates what "006" signs: App ID, channel name and uid string as
 * UTF-8, then the packed message, with no separators. Each string is encoded
 * on its own, as the references do, so a lone surrogate at the end of one
 * cannot pair with one at the start of the next.
 */
export function packSignedBytes(
  appId: string,
  channelName: string,
  uidString: string,
  message: Uint8Array,
): SignedBytes {
  const channelStart = utf8Length(appId)
  const uidStart = channelStart + utf8Length(channelName)
  const messageStart = uidStart + utf8Length(uidString)
  const bytes = new Uint8Array(messageStart + message.length)
  utf8EncodeInto(appId, bytes, 0)
  utf8EncodeInto(channelName, bytes, channelStart)
  utf8EncodeInto(uidString, bytes, uidStart)
  bytes.set(message, messageStart)
  return {
    bytes,
    channelName: bytes.subarray(channelStart, uidStart),
    uid: bytes.subarray(uidStart, messageStart),
  }
}

/** Computes the "006" signature: HMAC-SHA256 of the signed bytes, keyed with the certificate's text. */
export function signAccessToken(appCertificate: string, signed: SignedBytes): Promise<Uint8Array> {
  return hmacWithReusedKey('SHA-256', appCertificate, signed.bytes)
}

/** Packs checked inputs into a token. Builders call this after their own checks. */
export async function packAccessToken(input: ResolvedAccessTokenInputs): Promise<string> {
  const message = new ByteWriter()
    .putUint32(input.salt, 'salt')
    .putUint32(input.ts, 'ts')
    .putUint32Map(input.privileges, 'privileges')
    .toView()
  const signed = packSignedBytes(input.appId, input.channelName, input.uidString, message)
  const signature = await signAccessToken(input.appCertificate, signed)
  // Capacity: the length-prefixed signature, two CRC-32s and the length-prefixed message.
  const content = new ByteWriter(2 + signature.length + 8 + 2 + message.length)
    .putBytes(signature, 'signature')
    .putUint32(crc32(signed.channelName), 'crcChannelName')
    .putUint32(crc32(signed.uid), 'crcUid')
    .putBytes(message, 'message')
    .toView()
  return ACCESS_TOKEN_VERSION + input.appId + base64Encode(content)
}

/**
 * Builds an AccessToken "006" with any set of privileges: the counterpart of
 * the references' `AccessToken` class with `addPrivilege` and `build`.
 * Most callers want {@link RtcTokenBuilder} or {@link RtmTokenBuilder}.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_APP_ID`, `ERR_INVALID_APP_CERTIFICATE`,
 *   `ERR_INVALID_ARGUMENT` (missing option, or both uid and account),
 *   `ERR_UID_NOT_INTEGER` (a string uid), `ERR_INVALID_INTEGER`,
 *   `ERR_TIMESTAMP_IN_MILLISECONDS`, `ERR_EXPIRE_LOOKS_LIKE_DURATION`,
 *   `ERR_VALUE_TOO_LONG` (more than {@link MAX_ACCESS_TOKEN_PRIVILEGES} privileges).
 * @example
 * const token = await buildAccessToken({
 *   appId, appCertificate, channelName: 'room-1', uid: 42,
 *   privileges: { [AccessTokenPrivilege.joinChannel]: Math.floor(Date.now() / 1000) + 3600 },
 * })
 */
export async function buildAccessToken(options: AccessTokenOptions): Promise<string> {
  return packAccessToken(resolveAccessTokenInputs(options, 'buildAccessToken'))
}
