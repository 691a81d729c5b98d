/**
 * RtcTokenBuilder2: AccessToken2 ("007") tokens for RTC channels, alone or
 * with an RTM login, after the references' RtcTokenBuilder2.
 * @module
 */
import { checkDuration, checkLengthPrefixedString } from '../inputs.js'
import { RtmPrivilege, ServiceType, type AccessToken2Service, type RtmService } from '../services.js'
import {
  allRtcPrivileges,
  buildFromServices,
  checkBuilderOptions,
  checkRtcRole,
  optionalDuration,
  rtcPrivilegeExpiries,
  rtcRolePrivileges,
  rtcService,
  sameExpiries,
  uidText,
  type BuilderBase,
  type BuilderBaseOptions,
  type RtcPrivilegeExpiries,
  type RtcRole,
} from './common.js'

const ACCOUNT_BUILDER = 'RtcTokenBuilder2.buildTokenWithUserAccount'
const ACCOUNT_PRIVILEGE_BUILDER = 'RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege'

/** Options shared by the role-based RTC builders. */
interface RtcRoleOptions extends BuilderBaseOptions {
  /** The channel name, written as given. */
  readonly channelName: string
  /** {@link RtcRole}.PUBLISHER (1) adds the publish privileges, and {@link RtcRole}.SUBSCRIBER (2) joins only. */
  readonly role: RtcRole
  /** Token lifetime in seconds after issueTs. */
  readonly tokenExpire: number
  /** Lifetime of every RTC privilege in seconds after issueTs. Default: 0, as in the references. */
  readonly privilegeExpire?: number
}

/** Options of {@link RtcTokenBuilder2}.buildTokenWithUid. */
export interface RtcToken2WithUidOptions extends RtcRoleOptions {
  /** Integer uid from 0 to 4294967295 (signed 32-bit negatives wrap). 0 lets any uid join. Strings are rejected. */
  readonly uid: number
}

/** Options of {@link RtcTokenBuilder2}.buildTokenWithUserAccount. */
export interface RtcToken2WithUserAccountOptions extends RtcRoleOptions {
  /** String user account, written as given. The empty string lets any user join. */
  readonly account: string
}

/** Options of {@link RtcTokenBuilder2}.buildTokenWithUidAndPrivilege. */
export interface RtcToken2WithUidAndPrivilegeOptions extends BuilderBaseOptions, RtcPrivilegeExpiries {
  readonly channelName: string
  /** Integer uid from 0 to 4294967295 (signed 32-bit negatives wrap). 0 lets any uid join. Strings are rejected. */
  readonly uid: number
  /** Token lifetime in seconds after issueTs. */
  readonly tokenExpire: number
}

/** Options of {@link RtcTokenBuilder2}.buildTokenWithUserAccountAndPrivilege. */
export interface RtcToken2WithUserAccountAndPrivilegeOptions extends BuilderBaseOptions, RtcPrivilegeExpiries {
  readonly channelName: string
  /** String user account, written as given. The empty string lets any user join. */
  readonly account: string
  /** Token lifetime in seconds after issueTs. */
  readonly tokenExpire: number
}

/** Options of {@link RtcTokenBuilder2}.buildTokenWithRtm. */
export interface RtcToken2WithRtmOptions extends RtcRoleOptions {
  /** String user account, used as the RTC account and the RTM user id. */
  readonly account: string
}

/** Options of {@link RtcTokenBuilder2}.buildTokenWithRtm2 (and of the ConvoAI and STT builders). */
export interface RtcToken2WithRtm2Options extends BuilderBaseOptions, RtcPrivilegeExpiries {
  readonly channelName: string
  /** String RTC user account. The empty string lets any user join. */
  readonly rtcAccount: string
  /** {@link RtcRole}.PUBLISHER (1) adds the three publish privileges, and {@link RtcRole}.SUBSCRIBER (2) joins only. */
  readonly rtcRole: RtcRole
  /** Token lifetime in seconds after issueTs. */
  readonly rtcTokenExpire: number
  /** The RTM user id, which may differ from rtcAccount. */
  readonly rtmUserId: string
  /** Lifetime of the RTM login privilege in seconds after issueTs. */
  readonly rtmTokenExpire: number
}

/**
 * Reads the uid text (a checked uid or account) from a builder's options.
 * `option` is the name of the option it reads: uid or account.
 */
interface UidReader {
  readonly option: 'uid' | 'account'
  readonly read: (input: Record<string, unknown>) => string
}

const readAccount: UidReader = {
  option: 'account',
  read: (input) => checkLengthPrefixedString(input.account, 'account'),
}

async function buildWithRole(options: unknown, what: string, uidReader: UidReader): Promise<string> {
  const { base, input } = checkBuilderOptions(options, what)
  const channelName = checkLengthPrefixedString(input.channelName, 'channelName')
  const uid = uidReader.read(input)
  const role = checkRtcRole(input.role, 'role')
  const tokenExpire = checkDuration(input.tokenExpire, 'tokenExpire')
  const privilegeExpire = optionalDuration(input.privilegeExpire, 'privilegeExpire')
  const privileges = rtcRolePrivileges(role, sameExpiries(privilegeExpire))
  return buildFromServices(base, tokenExpire, [rtcService(channelName, uid, privileges)], {
    channelName,
    [uidReader.option]: uid,
  })
}

async function buildWithPrivileges(options: unknown, what: string, uidReader: UidReader): Promise<string> {
  const { base, input } = checkBuilderOptions(options, what)
  const channelName = checkLengthPrefixedString(input.channelName, 'channelName')
  const uid = uidReader.read(input)
  const tokenExpire = checkDuration(input.tokenExpire, 'tokenExpire')
  const privileges = allRtcPrivileges(rtcPrivilegeExpiries(input))
  return buildFromServices(base, tokenExpire, [rtcService(channelName, uid, privileges)], {
    channelName,
    [uidReader.option]: uid,
  })
}

/**
 * Builds an RTC token for an integer uid. The publisher gets the join-channel
 * and the three publish privileges, the subscriber the join-channel privilege
 * only, each with `privilegeExpire`. The references write privilege expiries
 * as given, even above `tokenExpire`, and Agora ends every privilege when the
 * token expires.
 *
 * @throws {AgoraKeysError} `ERR_UID_NOT_INTEGER` (a string uid: use
 *   buildTokenWithUserAccount), `ERR_INVALID_INTEGER` (a uid outside
 *   -2147483648 to 4294967295), `ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP` (an expire above 100000000
 *   other than 4294967295), `ERR_INVALID_ARGUMENT` (a missing field or a role
 *   other than 1 and 2), `ERR_INVALID_APP_ID`, `ERR_INVALID_APP_CERTIFICATE`,
 *   `ERR_TIMESTAMP_IN_MILLISECONDS`, `ERR_VALUE_TOO_LONG`.
 * @example
 * const token = await RtcTokenBuilder2.buildTokenWithUid({
 *   appId, appCertificate, channelName: 'room-1', uid: 42,
 *   role: RtcRole.PUBLISHER, tokenExpire: 3600, privilegeExpire: 3600,
 * })
 */
function buildTokenWithUid(options: RtcToken2WithUidOptions): Promise<string> {
  return buildWithRole(options, 'RtcTokenBuilder2.buildTokenWithUid', {
    option: 'uid',
    read: (input) => uidText(input.uid, ACCOUNT_BUILDER),
  })
}

/**
 * Builds an RTC token for a string user account, with the privileges of
 * buildTokenWithUid. The account is written as given, so "0" stays "0" and
 * only the empty string is the wildcard uid 0.
 *
 * @throws {AgoraKeysError} The codes of buildTokenWithUid, with
 *   `ERR_INVALID_ARGUMENT` for an account that is not a string.
 * @example
 * const token = await RtcTokenBuilder2.buildTokenWithUserAccount({
 *   appId, appCertificate, channelName: 'room-1', account: 'alice',
 *   role: RtcRole.SUBSCRIBER, tokenExpire: 3600,
 * })
 */
function buildTokenWithUserAccount(options: RtcToken2WithUserAccountOptions): Promise<string> {
  return buildWithRole(options, 'RtcTokenBuilder2.buildTokenWithUserAccount', readAccount)
}

/**
 * Builds an RTC token for an integer uid with all four RTC privileges, each
 * with its own expiry. The publish privileges take effect only where co-host
 * authentication is enabled.
 *
 * @throws {AgoraKeysError} The codes of buildTokenWithUid.
 * @example
 * const token = await RtcTokenBuilder2.buildTokenWithUidAndPrivilege({
 *   appId, appCertificate, channelName: 'room-1', uid: 42, tokenExpire: 3600,
 *   joinChannelPrivilegeExpire: 3600, pubAudioPrivilegeExpire: 600,
 *   pubVideoPrivilegeExpire: 600, pubDataStreamPrivilegeExpire: 600,
 * })
 */
function buildTokenWithUidAndPrivilege(options: RtcToken2WithUidAndPrivilegeOptions): Promise<string> {
  return buildWithPrivileges(options, 'RtcTokenBuilder2.buildTokenWithUidAndPrivilege', {
    option: 'uid',
    read: (input) => uidText(input.uid, ACCOUNT_PRIVILEGE_BUILDER),
  })
}

/**
 * Builds an RTC token for a string user account with all four RTC
 * privileges, each with its own expiry.
 *
 * @throws {AgoraKeysError} The codes of buildTokenWithUserAccount.
 * @example
 * const token = await RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege({
 *   appId, appCertificate, channelName: 'room-1', account: 'alice', tokenExpire: 3600,
 *   joinChannelPrivilegeExpire: 3600, pubAudioPrivilegeExpire: 0,
 *   pubVideoPrivilegeExpire: 0, pubDataStreamPrivilegeExpire: 0,
 * })
 */
function buildTokenWithUserAccountAndPrivilege(
  options: RtcToken2WithUserAccountAndPrivilegeOptions,
): Promise<string> {
  return buildWithPrivileges(options, 'RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege', readAccount)
}

/**
 * Builds one token for an RTC channel and an RTM login with the same string
 * account. The RTC privileges follow `role` with `privilegeExpire`, and the
 * RTM login privilege takes `tokenExpire`, as in the references.
 *
 * @throws {AgoraKeysError} The codes of buildTokenWithUserAccount.
 * @example
 * const token = await RtcTokenBuilder2.buildTokenWithRtm({
 *   appId, appCertificate, channelName: 'room-1', account: 'alice',
 *   role: RtcRole.PUBLISHER, tokenExpire: 3600, privilegeExpire: 3600,
 * })
 */
async function buildTokenWithRtm(options: RtcToken2WithRtmOptions): Promise<string> {
  const { base, input } = checkBuilderOptions(options, 'RtcTokenBuilder2.buildTokenWithRtm')
  const channelName = checkLengthPrefixedString(input.channelName, 'channelName')
  const account = checkLengthPrefixedString(input.account, 'account')
  const role = checkRtcRole(input.role, 'role')
  const tokenExpire = checkDuration(input.tokenExpire, 'tokenExpire')
  const privilegeExpire = optionalDuration(input.privilegeExpire, 'privilegeExpire')
  const services = [
    rtcService(channelName, account, rtcRolePrivileges(role, sameExpiries(privilegeExpire))),
    rtmLoginService(account, tokenExpire),
  ]
  return buildFromServices(base, tokenExpire, services, { channelName, account })
}

/** Checked inputs of buildTokenWithRtm2, which the ConvoAI and STT builders extend. */
export interface ResolvedRtcWithRtm2 {
  readonly base: BuilderBase
  readonly tokenExpire: number
  readonly services: readonly AccessToken2Service[]
  /** The text options the token carries, for {@link buildFromServices}. */
  readonly written: Readonly<Record<string, string>>
}

/**
 * Checks the options of buildTokenWithRtm2 and returns its services: RTC
 * privileges by role with their own expiries, and an RTM login for
 * `rtmUserId` with `rtmTokenExpire`.
 */
export function resolveRtcWithRtm2(options: unknown, what: string): ResolvedRtcWithRtm2 {
  const { base, input } = checkBuilderOptions(options, what)
  const channelName = checkLengthPrefixedString(input.channelName, 'channelName')
  const rtcAccount = checkLengthPrefixedString(input.rtcAccount, 'rtcAccount')
  const rtcRole = checkRtcRole(input.rtcRole, 'rtcRole')
  const tokenExpire = checkDuration(input.rtcTokenExpire, 'rtcTokenExpire')
  const expiries = rtcPrivilegeExpiries(input)
  const rtmUserId = checkLengthPrefixedString(input.rtmUserId, 'rtmUserId')
  const rtmTokenExpire = checkDuration(input.rtmTokenExpire, 'rtmTokenExpire')
  const services = [
    rtcService(channelName, rtcAccount, rtcRolePrivileges(rtcRole, expiries)),
    rtmLoginService(rtmUserId, rtmTokenExpire),
  ]
  return { base, tokenExpire, services, written: { channelName, rtcAccount, rtmUserId } }
}

function rtmLoginService(userId: string, seconds: number): RtmService {
  return { type: ServiceType.rtm, userId, privileges: { [RtmPrivilege.login]: seconds } }
}

/**
 * Builds one token for an RTC channel and an RTM login that may use a
 * different user id. The publisher gets the three publish privileges with
 * their own expiries, and the subscriber gets the join-channel privilege only.
 *
 * @throws {AgoraKeysError} The codes of buildTokenWithUserAccount, naming
 *   rtcAccount, rtcRole, rtcTokenExpire, rtmUserId or rtmTokenExpire.
 * @example
 * const token = await RtcTokenBuilder2.buildTokenWithRtm2({
 *   appId, appCertificate, channelName: 'room-1', rtcAccount: '42', rtcRole: RtcRole.PUBLISHER,
 *   rtcTokenExpire: 3600, joinChannelPrivilegeExpire: 3600, pubAudioPrivilegeExpire: 3600,
 *   pubVideoPrivilegeExpire: 3600, pubDataStreamPrivilegeExpire: 3600,
 *   rtmUserId: 'alice', rtmTokenExpire: 3600,
 * })
 */
async function buildTokenWithRtm2(options: RtcToken2WithRtm2Options): Promise<string> {
  const { base, tokenExpire, services, written } = resolveRtcWithRtm2(options, 'RtcTokenBuilder2.buildTokenWithRtm2')
  return buildFromServices(base, tokenExpire, services, written)
}

/**
 * Builders of "007" RTC tokens, named after the references' RtcTokenBuilder2.
 * Each takes one options object and returns a Promise of the token.
 */
export const RtcTokenBuilder2 = /* @__PURE__ */ Object.freeze({
  buildTokenWithUid,
  buildTokenWithUserAccount,
  buildTokenWithUidAndPrivilege,
  buildTokenWithUserAccountAndPrivilege,
  buildTokenWithRtm,
  buildTokenWithRtm2,
})
