/**
 * RtmTokenBuilder2: AccessToken2 ("007") tokens for Signaling (RTM) login,
 * after the references' RtmTokenBuilder2.
 * @module
 */
import { checkDuration, checkLengthPrefixedString, checkPermissions } from '../inputs.js'
import {
  Rtm2Privilege,
  RtmPrivilege,
  ServiceType,
  type Rtm2Permissions,
  type Rtm2Service,
} from '../services.js'
import { buildFromServices, checkBuilderOptions, type BuilderBaseOptions } from './common.js'

/** Options of {@link RtmTokenBuilder2}.buildToken. */
export interface RtmToken2Options extends BuilderBaseOptions {
  /** The RTM user id, written as given. */
  readonly userId: string
  /** Token lifetime and login privilege lifetime, in seconds after issueTs. */
  readonly expire: number
}

/** Options of {@link RtmTokenBuilder2}.buildTokenWithPermissions. */
export interface RtmToken2WithPermissionsOptions extends RtmToken2Options {
  /**
   * Resource type → permission type → resource names, such as
   * `{ [Rtm2ResourceType.messageChannels]: { [Rtm2PermissionType.read]: ['news'] } }`.
   * `{}` grants no resource permissions.
   */
  readonly permissions: Rtm2Permissions
}

/**
 * Builds an RTM token: the RTM service (type 2) with the login privilege,
 * whose lifetime is `expire`, the same as the token's.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT` (userId not a string),
 *   `ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP`, `ERR_INVALID_INTEGER`, `ERR_INVALID_APP_ID`,
 *   `ERR_INVALID_APP_CERTIFICATE`, `ERR_TIMESTAMP_IN_MILLISECONDS`, `ERR_VALUE_TOO_LONG`.
 * @example
 * const token = await RtmTokenBuilder2.buildToken({ appId, appCertificate, userId: 'alice', expire: 3600 })
 */
async function buildToken(options: RtmToken2Options): Promise<string> {
  const { base, input } = checkBuilderOptions(options, 'RtmTokenBuilder2.buildToken')
  const userId = checkLengthPrefixedString(input.userId, 'userId')
  const expire = checkDuration(input.expire, 'expire')
  return buildFromServices(
    base,
    expire,
    [{ type: ServiceType.rtm, userId, privileges: { [RtmPrivilege.login]: expire } }],
    { userId },
  )
}

/**
 * Builds an RTM2 token with resource permissions: the RTM2 service (type 8)
 * with the login privilege for `expire` and the given permissions. The
 * references note that this interface needs Agora's help to take effect.
 *
 * @throws {AgoraKeysError} The codes of buildToken, plus `ERR_INVALID_ARGUMENT`
 *   or `ERR_INVALID_INTEGER` for a malformed permissions object.
 * @example
 * const token = await RtmTokenBuilder2.buildTokenWithPermissions({
 *   appId, appCertificate, userId: 'alice', expire: 3600,
 *   permissions: { [Rtm2ResourceType.messageChannels]: { [Rtm2PermissionType.write]: ['chat'] } },
 * })
 */
async function buildTokenWithPermissions(options: RtmToken2WithPermissionsOptions): Promise<string> {
  const { base, input } = checkBuilderOptions(options, 'RtmTokenBuilder2.buildTokenWithPermissions')
  const userId = checkLengthPrefixedString(input.userId, 'userId')
  const expire = checkDuration(input.expire, 'expire')
  const permissions = checkPermissions(input.permissions, 'permissions')
  const service: Rtm2Service = {
    type: ServiceType.rtm2,
    userId,
    permissions,
    privileges: { [Rtm2Privilege.login]: expire },
  }
  return buildFromServices(base, expire, [service], { userId, permissions })
}

/**
 * Builders of "007" RTM tokens, named after the references' RtmTokenBuilder2.
 * Each takes one options object and returns a Promise of the token.
 */
export const RtmTokenBuilder2 = /* @__PURE__ */ Object.freeze({
  buildToken,
  buildTokenWithPermissions,
})
