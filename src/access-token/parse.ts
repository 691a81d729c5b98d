import { base64Decode, ByteReader, crc32, hexEncode, isHex, utf8Encode } from '../bytes/index.js'
import { withTokenTextHint } from '../bytes/token-text.js'
import { AgoraKeysError } from '../errors.js'
import { checkOptions, checkString, checkUint32 } from '../validate.js'
import { ACCESS_TOKEN_VERSION, MAX_ACCESS_TOKEN_PRIVILEGES } from './build.js'
import { resolveUidOrAccount } from './inputs.js'
import { accessTokenPrivilegeName, type AccessTokenPrivilegeName } from './privileges.js'

const APP_ID_LENGTH = 32
const HEADER_LENGTH = ACCESS_TOKEN_VERSION.length + APP_ID_LENGTH
const SIGNATURE_LENGTH = 32

/**
 * Maximum token length {@link parseAccessToken} reads: 87467 characters, the length
 * of a token with {@link MAX_ACCESS_TOKEN_PRIVILEGES} privileges. The content is the
 * length-prefixed signature, two CRCs and the length-prefixed message.
 * The check runs before any decoding.
 */
export const MAX_ACCESS_TOKEN_LENGTH =
  HEADER_LENGTH + Math.ceil((2 + SIGNATURE_LENGTH + 8 + 2 + 10 + 6 * MAX_ACCESS_TOKEN_PRIVILEGES) / 3) * 4

/** One privilege of a parsed token. */
export interface AccessTokenPrivilegeEntry {
  /** Privilege id as stored, 0–65535. */
  readonly id: number
  /** Name from AccessTokenPrivilege, or undefined for an id this library does not know. */
  readonly name: AccessTokenPrivilegeName | undefined
  /** When the privilege expires, Unix seconds; 0 never expires. */
  readonly expireTimestamp: number
}

/**
 * A parsed AccessToken "006". The channel name and uid are signed but stored
 * only as CRC-32 checksums; {@link matchAccessTokenCrcs} compares candidates.
 */
export interface AccessTokenFields {
  readonly version: '006'
  /** App ID as written in the token (32 hex characters, case kept). */
  readonly appId: string
  /** HMAC-SHA256 signature, 64 lower-case hex characters. */
  readonly signature: string
  /** CRC-32 of the channel name's UTF-8 bytes (for RTM tokens, of the user account). */
  readonly crcChannelName: number
  /**
   * CRC-32 of the uid string's UTF-8 bytes: "" for uid 0, the decimal digits,
   * or the account. 0 is the CRC of "", and verifyAccessToken accepts such a
   * token for any uid, because uid 0 lets any user join.
   */
  readonly crcUid: number
  /** Random uint32 that makes each token unique. */
  readonly salt: number
  /** When the token expires, Unix seconds. */
  readonly ts: number
  /** Privileges in stored order (the references write ascending ids). */
  readonly privileges: readonly AccessTokenPrivilegeEntry[]
}

/** A parsed token together with the signed message bytes, which a verifier re-signs as they are. */
export interface DecodedAccessToken {
  readonly fields: AccessTokenFields
  /** The HMAC-SHA256 signature, 32 bytes. */
  readonly signature: Uint8Array
  readonly message: Uint8Array
}

function parseHeader(token: string): string {
  if (token.length > MAX_ACCESS_TOKEN_LENGTH) {
    throw new AgoraKeysError(
      'ERR_KEY_TOO_LONG',
      `token is ${String(token.length)} characters; an AccessToken "006" has at most ${String(MAX_ACCESS_TOKEN_LENGTH)}`,
      { field: 'token' },
    )
  }
  if (!token.startsWith(ACCESS_TOKEN_VERSION)) {
    // The message quotes no characters of the token, which may be a secret passed by mistake.
    const hint = token.startsWith('007') ? '; it starts with "007", so read it with parseAccessToken2' : ''
    throw new AgoraKeysError(
      'ERR_KEY_UNKNOWN_VERSION',
      `token does not start with "006", so it is not an AccessToken "006"${hint}`,
      { field: 'version' },
    )
  }
  if (token.length < HEADER_LENGTH) {
    throw new AgoraKeysError(
      'ERR_KEY_TRUNCATED',
      `token is ${String(token.length)} characters, shorter than the "006" prefix and 32-character App ID`,
      { field: 'appId' },
    )
  }
  const appId = token.slice(ACCESS_TOKEN_VERSION.length, HEADER_LENGTH)
  if (!isHex(appId)) {
    throw new AgoraKeysError(
      'ERR_KEY_INVALID_FIELD',
      'token characters 4 to 35 are not a 32-character hex App ID',
      { field: 'appId' },
    )
  }
  return appId
}

/**
 * Decodes a "006" token into its fields and the raw signed message. Every
 * read is bounded and every failure is an {@link AgoraKeysError}.
 */
export function decodeAccessToken(token: string): DecodedAccessToken {
  checkString(token, 'token')
  let appId: string
  let contentBytes: Uint8Array
  try {
    appId = parseHeader(token)
    contentBytes = base64Decode(token.slice(HEADER_LENGTH), 'token content')
  } catch (error) {
    throw withTokenTextHint(error, token, MAX_ACCESS_TOKEN_LENGTH)
  }

  const content = new ByteReader(contentBytes)
  const signature = content.getBytesView('signature')
  if (signature.length !== SIGNATURE_LENGTH) {
    throw new AgoraKeysError(
      'ERR_KEY_INVALID_FIELD',
      `signature is ${String(signature.length)} bytes; HMAC-SHA256 gives ${String(SIGNATURE_LENGTH)}`,
      { field: 'signature' },
    )
  }
  const crcChannelName = content.getUint32('crcChannelName')
  const crcUid = content.getUint32('crcUid')
  // The decoded content is this call's own buffer, so the message can stay a view of it.
  const message = content.getBytesView('message')
  content.expectEnd('token content')

  const reader = new ByteReader(message)
  const salt = reader.getUint32('salt')
  const ts = reader.getUint32('ts')
  const privileges = reader.getUint32Map('privileges')
  reader.expectEnd('message')

  const fields: AccessTokenFields = {
    version: ACCESS_TOKEN_VERSION,
    appId,
    signature: hexEncode(signature),
    crcChannelName,
    crcUid,
    salt,
    ts,
    privileges: [...privileges].map(([id, expireTimestamp]) => ({
      id,
      name: accessTokenPrivilegeName(id),
      expireTimestamp,
    })),
  }
  return { fields, signature, message }
}

/**
 * Parses an AccessToken "006" without checking its signature, for
 * inspection. It is synchronous and total: any input either parses or throws
 * an {@link AgoraKeysError} with an `ERR_KEY_*` code.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT` (not a string),
 *   `ERR_KEY_TOO_LONG` (over {@link MAX_ACCESS_TOKEN_LENGTH}),
 *   `ERR_KEY_UNKNOWN_VERSION`, `ERR_KEY_BAD_ENCODING`, `ERR_KEY_TRUNCATED`,
 *   `ERR_KEY_TRAILING_BYTES`, `ERR_KEY_INVALID_FIELD`.
 * @example
 * const { appId, ts, privileges } = parseAccessToken(token)
 */
export function parseAccessToken(token: string): AccessTokenFields {
  return decodeAccessToken(token).fields
}

/** A channel name and the uid or account to compare with a token's CRCs. */
export interface AccessTokenCrcTarget {
  /** Channel name (for RTM tokens, the user account). */
  readonly channelName: string
  /** Integer uid; 0 or omitted is the empty uid string. Give uid or account, not both. */
  readonly uid?: number
  /** User account. Give uid or account, not both. */
  readonly account?: string
}

/** Result of {@link matchAccessTokenCrcs}: true for each CRC that matches. */
export interface AccessTokenCrcMatch {
  readonly channelName: boolean
  readonly uid: boolean
}

/**
 * Tells whether a channel name and uid (or account) match the CRC-32
 * checksums stored in a parsed token. It needs no certificate, so it can
 * explain a failed join, but a match is not proof: CRC-32 is not a signature,
 * and only {@link verifyAccessToken} proves the token was signed for them.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT` (fields not an object, or a
 *   bad target), `ERR_UID_NOT_INTEGER`, `ERR_INVALID_INTEGER` (a CRC that is not
 *   a uint32, or a bad uid).
 * @example
 * matchAccessTokenCrcs(parseAccessToken(token), { channelName: 'room-1', uid: 42 })
 * // → { channelName: true, uid: false }
 */
export function matchAccessTokenCrcs(
  fields: Pick<AccessTokenFields, 'crcChannelName' | 'crcUid'>,
  target: AccessTokenCrcTarget,
): AccessTokenCrcMatch {
  const crcs = checkCrcFields(fields)
  const input = checkOptions(target, 'matchAccessTokenCrcs')
  const channelName = checkString(input.channelName, 'channelName')
  return compareCrcs(crcs, channelName, resolveUidOrAccount(input, 'the account option'))
}

/** Checks the first argument of {@link matchAccessTokenCrcs}: an object with two uint32 CRCs. */
function checkCrcFields(value: unknown): Pick<AccessTokenFields, 'crcChannelName' | 'crcUid'> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AgoraKeysError(
      'ERR_INVALID_ARGUMENT',
      'fields must be the object parseAccessToken returns, or any object with crcChannelName and crcUid',
      { field: 'fields' },
    )
  }
  const input = value as Record<string, unknown>
  return {
    crcChannelName: checkUint32(input.crcChannelName, 'crcChannelName'),
    crcUid: checkUint32(input.crcUid, 'crcUid'),
  }
}

/** Compares a token's CRCs with a checked channel name and signed uid string. */
function compareCrcs(
  fields: Pick<AccessTokenFields, 'crcChannelName' | 'crcUid'>,
  channelName: string,
  uidString: string,
): AccessTokenCrcMatch {
  return {
    channelName: crc32(utf8Encode(channelName)) === fields.crcChannelName,
    uid: crc32(utf8Encode(uidString)) === fields.crcUid,
  }
}
