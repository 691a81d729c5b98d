/**
 * Checks and service helpers shared by the AccessToken2 ("007") builders.
 * @module
 */
import { utf8Length } from '../../bytes/index.js'
import { AgoraKeysError } from '../../errors.js'
import {
  checkAppCertificate,
  checkAppId,
  checkOptions,
  checkTimestamp,
  describeValue,
  checkUint32,
  checkWrappingUint32,
  quoteString,
} from '../../validate.js'
import { checkDuration } from '../inputs.js'
import {
  RtcPrivilege,
  type AccessToken2Service,
  type PrivilegeMap,
  type RtcService,
  type Rtm2Permissions,
} from '../services.js'
import { encodeAccessToken2, payloadTooLongError } from '../token.js'

/** Options every builder takes: the credentials, and issueTs and salt for reproducible tokens. */
export interface BuilderBaseOptions {
  /** App ID from Agora Console: 32 hex characters. */
  readonly appId: string
  /** App Certificate from Agora Console: 32 hex characters. Keep it on your server. */
  readonly appCertificate: string
  /** Issue time in Unix seconds. Default: the current time. */
  readonly issueTs?: number
  /** Random uint32 mixed into the signing key. Default: a fresh value from 1 to 99999999, the references' range. */
  readonly salt?: number
}

/** RTC roles of the "007" RTC builders, with the references' values. */
export const RtcRole = {
  /**
   * Joins and publishes audio, video and data streams. Agora recommends it
   * unless co-host authentication is enabled for the project.
   */
  PUBLISHER: 1,
  /**
   * Joins only. Without co-host authentication, which Agora support enables
   * per project, a subscriber can still publish.
   */
  SUBSCRIBER: 2,
} as const

/** An RTC role of the "007" builders: {@link RtcRole}.PUBLISHER (1) or {@link RtcRole}.SUBSCRIBER (2). */
export type RtcRole = (typeof RtcRole)[keyof typeof RtcRole]

/** The four RTC privilege expiries, each in seconds after issueTs. */
export interface RtcPrivilegeExpiries {
  readonly joinChannelPrivilegeExpire: number
  readonly pubAudioPrivilegeExpire: number
  readonly pubVideoPrivilegeExpire: number
  readonly pubDataStreamPrivilegeExpire: number
}

/** Checked credentials, with issueTs and salt left undefined where the caller wants the defaults. */
export interface BuilderBase {
  readonly appId: string
  readonly appCertificate: string
  readonly issueTs: number | undefined
  readonly salt: number | undefined
}

/**
 * Checks the options object and the fields every builder shares, and returns
 * the object for the builder's own fields. `what` names the builder in messages.
 */
export function checkBuilderOptions(
  options: unknown,
  what: string,
): { readonly base: BuilderBase; readonly input: Record<string, unknown> } {
  const input = checkOptions(options, what)
  const base = {
    appId: checkAppId(input.appId),
    appCertificate: checkAppCertificate(input.appCertificate),
    issueTs: input.issueTs === undefined ? undefined : checkTimestamp(input.issueTs, 'issueTs'),
    salt: input.salt === undefined ? undefined : checkUint32(input.salt, 'salt'),
  }
  return { base, input }
}

/**
 * Checks an integer uid for the uid builders and returns it as the text the
 * token carries: decimal, or the empty string for uid 0 (any user may join).
 * Signed 32-bit negatives wrap to uint32 (-1 is written as "4294967295"), as
 * the C++ and Go builders do with their uint32 parameter, because a Java or
 * Android client stores uids above 2147483647 in a signed int.
 *
 * A string is rejected even when it contains digits. A token signed for the
 * account "0" or "1234abc" carries that text, and it never matches a client
 * that joins with an integer uid, so accounts go through the account builders.
 */
export function uidText(value: unknown, accountBuilder: string): string {
  if (typeof value === 'string') {
    throw new AgoraKeysError(
      'ERR_UID_NOT_INTEGER',
      `uid must be an integer from 0 to 4294967295, got the string ${quoteString(value)}. For a string user account, call ${accountBuilder} with account instead, and have clients join with that same string account`,
      { field: 'uid' },
    )
  }
  const uid = checkWrappingUint32(value, 'uid')
  return uid === 0 ? '' : String(uid)
}

/** Checks an RTC role: 1 (publisher) or 2 (subscriber). */
export function checkRtcRole(value: unknown, field: string): RtcRole {
  if (value !== RtcRole.PUBLISHER && value !== RtcRole.SUBSCRIBER) {
    throw new AgoraKeysError(
      'ERR_INVALID_ARGUMENT',
      `${field} must be RtcRole.PUBLISHER (1) or RtcRole.SUBSCRIBER (2), got ${describeValue(value)}. The "006" roles 0 (attendee) and 101 (admin) do not exist in "007"`,
      { field },
    )
  }
  return value
}

/** Checks an optional duration that defaults to 0, as the references' privilegeExpire does. */
export function optionalDuration(value: unknown, field: string): number {
  return value === undefined ? 0 : checkDuration(value, field)
}

/** Reads the four RTC privilege expiries from a builder's options. */
export function rtcPrivilegeExpiries(input: Record<string, unknown>): RtcPrivilegeExpiries {
  return {
    joinChannelPrivilegeExpire: checkDuration(input.joinChannelPrivilegeExpire, 'joinChannelPrivilegeExpire'),
    pubAudioPrivilegeExpire: checkDuration(input.pubAudioPrivilegeExpire, 'pubAudioPrivilegeExpire'),
    pubVideoPrivilegeExpire: checkDuration(input.pubVideoPrivilegeExpire, 'pubVideoPrivilegeExpire'),
    pubDataStreamPrivilegeExpire: checkDuration(input.pubDataStreamPrivilegeExpire, 'pubDataStreamPrivilegeExpire'),
  }
}

/**
 * Returns the RTC privileges of a role: join channel always, and the three
 * publish privileges only for the publisher, as every reference does.
 */
export function rtcRolePrivileges(role: RtcRole, expiries: RtcPrivilegeExpiries): PrivilegeMap {
  if (role !== RtcRole.PUBLISHER) {
    return { [RtcPrivilege.joinChannel]: expiries.joinChannelPrivilegeExpire }
  }
  return allRtcPrivileges(expiries)
}

/** Returns all four RTC privileges with their expiries. */
export function allRtcPrivileges(expiries: RtcPrivilegeExpiries): PrivilegeMap {
  return {
    [RtcPrivilege.joinChannel]: expiries.joinChannelPrivilegeExpire,
    [RtcPrivilege.publishAudioStream]: expiries.pubAudioPrivilegeExpire,
    [RtcPrivilege.publishVideoStream]: expiries.pubVideoPrivilegeExpire,
    [RtcPrivilege.publishDataStream]: expiries.pubDataStreamPrivilegeExpire,
  }
}

/** Expiries that give every RTC privilege the same value. */
export function sameExpiries(seconds: number): RtcPrivilegeExpiries {
  return {
    joinChannelPrivilegeExpire: seconds,
    pubAudioPrivilegeExpire: seconds,
    pubVideoPrivilegeExpire: seconds,
    pubDataStreamPrivilegeExpire: seconds,
  }
}

/** Returns an RTC service for a channel and uid text. */
export function rtcService(channelName: string, uid: string, privileges: PrivilegeMap): RtcService {
  return { type: 1, channelName, uid, privileges }
}

/**
 * Builds the token from checked builder inputs. issueTs and salt get their
 * defaults here when undefined. `written` maps each option that the token
 * carries as text to its checked value, so that a payload above the cap is
 * reported on those options rather than on `services`. Builders whose tokens
 * carry no caller text pass `{}`, because their payload has a fixed size far
 * below the cap.
 */
export function buildFromServices(
  base: BuilderBase,
  expire: number,
  services: readonly AccessToken2Service[],
  written: Readonly<Record<string, string | Rtm2Permissions>>,
): Promise<string> {
  const { appId, appCertificate, issueTs, salt } = base
  return encodeAccessToken2({ appId, appCertificate, issueTs, salt, expire, services }, (bytes) =>
    optionsTooLong(bytes, written),
  )
}

/** Counts the UTF-8 bytes of a string, or of every resource name in checked RTM2 permissions. */
function textBytes(value: unknown): number {
  if (typeof value === 'string') return utf8Length(value)
  let bytes = 0
  for (const inner of Object.values(value as object)) bytes += textBytes(inner)
  return bytes
}

/** Makes a builder's payload error, which names its longest text option and lists the size of each. */
function optionsTooLong(bytes: number, written: Readonly<Record<string, unknown>>): AgoraKeysError {
  const sizes = Object.entries(written)
    .map(([option, value]) => ({ option, size: textBytes(value) }))
    .sort((a, b) => b.size - a.size)
  const list = sizes.map(({ option, size }) => `${option} (${String(size)} bytes)`).join(' or ')
  return payloadTooLongError(bytes, sizes[0]?.option ?? 'options', `shorten ${list}`)
}
