import { AgoraKeysError } from '../errors.js'
import { checkAppCertificate, checkAppId, checkOptions, checkString, describeValue } from '../validate.js'
import { packAccessToken, resolveSaltAndTs } from './build.js'
import { checkAccount, checkExpireTimestamp, uidToString } from './inputs.js'
import { AccessTokenPrivilege, RtcRole, rtcRolePrivileges, RtmRole } from './privileges.js'

/** Options shared by the "006" builders. */
interface TokenBuilderBaseOptions {
  /** App ID from Agora Console: 32 hex characters. Reference name: appID. */
  readonly appId: string
  /** App Certificate: 32 hex characters. Keep it on your server. */
  readonly appCertificate: string
  /**
   * When the role's privileges expire: an absolute Unix timestamp in seconds,
   * not a duration. 0, the default, never expires (the token itself still
   * expires at ts). Values from 1 to 99999999 throw ERR_EXPIRE_LOOKS_LIKE_DURATION.
   */
  readonly privilegeExpiredTs?: number
  /** Random uint32. Default: fresh per token, from 1 to 99999999. */
  readonly salt?: number
  /** When the token expires, Unix seconds. Default: now + 24 hours. */
  readonly ts?: number
}

/** Options of `RtcTokenBuilder.buildTokenWithUid`. */
export interface RtcTokenWithUidOptions extends TokenBuilderBaseOptions {
  /** Channel name; only its CRC-32 is stored in the token. */
  readonly channelName: string
  /**
   * Integer uid the client joins with, uint32 (signed 32-bit negatives wrap);
   * 0 lets any uid join. Strings throw ERR_UID_NOT_INTEGER.
   */
  readonly uid: number
  /** See {@link RtcRole}. */
  readonly role: RtcRole
}

/** Options of `RtcTokenBuilder.buildTokenWithAccount`. */
export interface RtcTokenWithAccountOptions extends TokenBuilderBaseOptions {
  /** Channel name; only its CRC-32 is stored in the token. */
  readonly channelName: string
  /** User account (string) the client joins with, signed as given; "" is the same as uid 0. */
  readonly account: string
  /** See {@link RtcRole}. */
  readonly role: RtcRole
}

/** Options of `RtmTokenBuilder.buildToken`. */
export interface RtmTokenOptions extends TokenBuilderBaseOptions {
  /** User account the client logs in to RTM with. */
  readonly userAccount: string
  /** Default and only value: RtmRole.Rtm_User. */
  readonly role?: RtmRole
}

const rtcRoles: readonly number[] = Object.values(RtcRole)

function checkRtcRole(value: unknown): RtcRole {
  if (typeof value !== 'number' || !rtcRoles.includes(value)) {
    throw new AgoraKeysError(
      'ERR_INVALID_ARGUMENT',
      'role must be RtcRole.PUBLISHER (1) or RtcRole.SUBSCRIBER (2), ' +
        `or the deprecated ATTENDEE (0) or ADMIN (101), got ${describeValue(value)}`,
      { field: 'role' },
    )
  }
  return value as RtcRole
}

function checkRtmRole(value: unknown): RtmRole {
  if (value !== undefined && value !== RtmRole.Rtm_User) {
    throw new AgoraKeysError(
      'ERR_INVALID_ARGUMENT',
      `role must be RtmRole.Rtm_User (1) or omitted, got ${describeValue(value)}`,
      { field: 'role' },
    )
  }
  return RtmRole.Rtm_User
}

function privilegesFor(ids: readonly number[], expire: number): Map<number, number> {
  const privileges = new Map<number, number>()
  for (const id of ids) privileges.set(id, expire)
  return privileges
}

/** Checks the options every builder shares and fills in the defaults. */
function resolveBuilderBase(input: Record<string, unknown>) {
  const expire =
    input.privilegeExpiredTs === undefined
      ? 0
      : checkExpireTimestamp(input.privilegeExpiredTs, 'privilegeExpiredTs')
  const appId = checkAppId(input.appId)
  const appCertificate = checkAppCertificate(input.appCertificate)
  const { salt, ts } = resolveSaltAndTs(input)
  return { appId, appCertificate, expire, salt, ts }
}

/**
 * Checks the remaining RTC options and packs the token. It is not async, so
 * its throws reach the async builder that calls it, which rejects with them.
 */
function buildRtcToken(input: Record<string, unknown>, uidString: string): Promise<string> {
  const role = checkRtcRole(input.role)
  const { appId, appCertificate, expire, salt, ts } = resolveBuilderBase(input)
  const channelName = checkString(input.channelName, 'channelName')
  const privileges = privilegesFor(rtcRolePrivileges[role], expire)
  return packAccessToken({ appId, appCertificate, channelName, uidString, privileges, salt, ts })
}

/**
 * Builds an RTC AccessToken "006" for a client that joins with an integer uid.
 *
 * @throws {AgoraKeysError} `ERR_UID_NOT_INTEGER` when uid is a string (use
 *   `buildTokenWithAccount`), `ERR_INVALID_INTEGER`, `ERR_INVALID_APP_ID`,
 *   `ERR_INVALID_APP_CERTIFICATE`, `ERR_INVALID_ARGUMENT` (role, channelName),
 *   `ERR_EXPIRE_LOOKS_LIKE_DURATION`, `ERR_TIMESTAMP_IN_MILLISECONDS`.
 * @example
 * const token = await RtcTokenBuilder.buildTokenWithUid({
 *   appId, appCertificate, channelName: 'room-1', uid: 42, role: RtcRole.PUBLISHER,
 *   privilegeExpiredTs: Math.floor(Date.now() / 1000) + 3600,
 * })
 */
async function buildTokenWithUid(options: RtcTokenWithUidOptions): Promise<string> {
  const input = checkOptions(options, 'RtcTokenBuilder.buildTokenWithUid')
  const uidString = uidToString(input.uid, 'RtcTokenBuilder.buildTokenWithAccount')
  return buildRtcToken(input, uidString)
}

/**
 * Builds an RTC AccessToken "006" for a client that joins with a user account (string).
 *
 * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT` (account, role, channelName),
 *   `ERR_INVALID_APP_ID`, `ERR_INVALID_APP_CERTIFICATE`, `ERR_INVALID_INTEGER`,
 *   `ERR_EXPIRE_LOOKS_LIKE_DURATION`, `ERR_TIMESTAMP_IN_MILLISECONDS`.
 * @example
 * const token = await RtcTokenBuilder.buildTokenWithAccount({
 *   appId, appCertificate, channelName: 'room-1', account: 'alice', role: RtcRole.SUBSCRIBER,
 *   privilegeExpiredTs: Math.floor(Date.now() / 1000) + 3600,
 * })
 */
async function buildTokenWithAccount(options: RtcTokenWithAccountOptions): Promise<string> {
  const input = checkOptions(options, 'RtcTokenBuilder.buildTokenWithAccount')
  return buildRtcToken(input, checkAccount(input.account))
}

/**
 * Builds an RTM AccessToken "006". RTM signs the user account in the place of
 * the channel name and uses an empty uid, as the references do.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT` (userAccount, role),
 *   `ERR_INVALID_APP_ID`, `ERR_INVALID_APP_CERTIFICATE`, `ERR_INVALID_INTEGER`,
 *   `ERR_EXPIRE_LOOKS_LIKE_DURATION`, `ERR_TIMESTAMP_IN_MILLISECONDS`.
 * @example
 * const token = await RtmTokenBuilder.buildToken({
 *   appId, appCertificate, userAccount: 'alice',
 *   privilegeExpiredTs: Math.floor(Date.now() / 1000) + 3600,
 * })
 */
async function buildToken(options: RtmTokenOptions): Promise<string> {
  const input = checkOptions(options, 'RtmTokenBuilder.buildToken')
  checkRtmRole(input.role)
  const { appId, appCertificate, expire, salt, ts } = resolveBuilderBase(input)
  const channelName = checkAccount(input.userAccount, 'userAccount')
  const privileges = privilegesFor([AccessTokenPrivilege.rtmLogin], expire)
  return packAccessToken({ appId, appCertificate, channelName, uidString: '', privileges, salt, ts })
}

/**
 * RTC token builders for AccessToken "006", named as in `agora-access-token`
 * but taking one options object and returning a Promise.
 */
export const RtcTokenBuilder = { buildTokenWithUid, buildTokenWithAccount } as const

/** The RTM token builder for AccessToken "006", named as in `agora-access-token`. */
export const RtmTokenBuilder = { buildToken } as const
