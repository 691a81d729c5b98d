/**
 * ApaasTokenBuilder and EducationTokenBuilder: AccessToken2 ("007") tokens
 * for Flexible Classroom (APaaS), after the references' builders of those
 * names, which are the same code under two names.
 * @module
 */
import { hexEncode, md5, utf8Encode } from '../../bytes/index.js'
import { checkInt16 } from '../../validate.js'
import { checkDuration, checkLengthPrefixedString } from '../inputs.js'
import {
  ApaasPrivilege,
  ChatPrivilege,
  RtmPrivilege,
  ServiceType,
  type ApaasService,
} from '../services.js'
import { buildFromServices, checkBuilderOptions, type BuilderBaseOptions } from './common.js'

/** The APaaS role the references write when a token names no role. */
const DEFAULT_APAAS_ROLE = -1

/** Options of the APaaS app token builders. */
export interface ApaasAppTokenOptions extends BuilderBaseOptions {
  /** Token lifetime and privilege lifetime, in seconds after issueTs. */
  readonly expire: number
}

/** Options of the APaaS user token builders. */
export interface ApaasUserTokenOptions extends ApaasAppTokenOptions {
  /** The user's unique id, written as given. */
  readonly userUuid: string
}

/** Options of the APaaS room-user token builders. */
export interface ApaasRoomUserTokenOptions extends ApaasUserTokenOptions {
  /** The room's unique id, written as given. */
  readonly roomUuid: string
  /** The user's role in the room: a signed 16-bit integer defined by Flexible Classroom. */
  readonly role: number
}

/** Computes the Chat user id of a room-user token: the lower-case hex MD5 of the UTF-8 user UUID. */
export function apaasChatUserId(userUuid: string): string {
  return hexEncode(md5(utf8Encode(userUuid)))
}

async function buildRoomUserToken(options: unknown, what: string): Promise<string> {
  const { base, input } = checkBuilderOptions(options, what)
  const roomUuid = checkLengthPrefixedString(input.roomUuid, 'roomUuid')
  const userUuid = checkLengthPrefixedString(input.userUuid, 'userUuid')
  const role = checkInt16(input.role, 'role')
  const expire = checkDuration(input.expire, 'expire')
  return buildFromServices(
    base,
    expire,
    [
      {
        type: ServiceType.apaas,
        roomUuid,
        userUuid,
        role,
        privileges: { [ApaasPrivilege.roomUser]: expire },
      },
      { type: ServiceType.rtm, userId: userUuid, privileges: { [RtmPrivilege.login]: expire } },
      {
        type: ServiceType.chat,
        userId: apaasChatUserId(userUuid),
        privileges: { [ChatPrivilege.user]: expire },
      },
    ],
    { roomUuid, userUuid },
  )
}

async function buildUserToken(options: unknown, what: string): Promise<string> {
  const { base, input } = checkBuilderOptions(options, what)
  const userUuid = checkLengthPrefixedString(input.userUuid, 'userUuid')
  const expire = checkDuration(input.expire, 'expire')
  const service: ApaasService = {
    type: ServiceType.apaas,
    roomUuid: '',
    userUuid,
    role: DEFAULT_APAAS_ROLE,
    privileges: { [ApaasPrivilege.user]: expire },
  }
  return buildFromServices(base, expire, [service], { userUuid })
}

async function buildAppToken(options: unknown, what: string): Promise<string> {
  const { base, input } = checkBuilderOptions(options, what)
  const expire = checkDuration(input.expire, 'expire')
  const service: ApaasService = {
    type: ServiceType.apaas,
    roomUuid: '',
    userUuid: '',
    role: DEFAULT_APAAS_ROLE,
    privileges: { [ApaasPrivilege.app]: expire },
  }
  return buildFromServices(base, expire, [service], {})
}

/** The builder methods shared by {@link ApaasTokenBuilder} and {@link EducationTokenBuilder}. */
export interface ApaasBuilderMethods {
  /**
   * Builds a room-user token with three services, each for `expire` seconds.
   * APaaS (type 7) covers the room, user and role with the room-user privilege.
   * RTM (type 2) grants login for `userUuid`, and Chat (type 5) grants user
   * access for the lower-case hex MD5 of `userUuid`.
   *
   * agora-token 2.0.6 leaves the room-user privilege out and writes role 0
   * as -1. This library follows the Python and C++ references, which keep both.
   *
   * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT` (a field not a string),
   *   `ERR_INVALID_INTEGER` (role outside int16), `ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP`,
   *   `ERR_INVALID_APP_ID`, `ERR_INVALID_APP_CERTIFICATE`,
   *   `ERR_TIMESTAMP_IN_MILLISECONDS`, `ERR_VALUE_TOO_LONG`.
   * @example
   * const token = await ApaasTokenBuilder.buildRoomUserToken({
   *   appId, appCertificate, roomUuid: 'room-1', userUuid: 'user-1', role: 2, expire: 3600,
   * })
   */
  readonly buildRoomUserToken: (options: ApaasRoomUserTokenOptions) => Promise<string>
  /**
   * Builds a user token: the APaaS service (type 7) with an empty room, the
   * user UUID, role -1 and the user privilege for `expire` seconds.
   *
   * @throws {AgoraKeysError} The codes of buildRoomUserToken.
   * @example
   * const token = await ApaasTokenBuilder.buildUserToken({ appId, appCertificate, userUuid: 'user-1', expire: 3600 })
   */
  readonly buildUserToken: (options: ApaasUserTokenOptions) => Promise<string>
  /**
   * Builds an app token: the APaaS service (type 7) with an empty room and
   * user, role -1 and the app privilege for `expire` seconds.
   *
   * @throws {AgoraKeysError} The codes of buildRoomUserToken.
   * @example
   * const token = await ApaasTokenBuilder.buildAppToken({ appId, appCertificate, expire: 3600 })
   */
  readonly buildAppToken: (options: ApaasAppTokenOptions) => Promise<string>
}

function apaasBuilder(name: string): ApaasBuilderMethods {
  return Object.freeze<ApaasBuilderMethods>({
    buildRoomUserToken: (options) => buildRoomUserToken(options, `${name}.buildRoomUserToken`),
    buildUserToken: (options) => buildUserToken(options, `${name}.buildUserToken`),
    buildAppToken: (options) => buildAppToken(options, `${name}.buildAppToken`),
  })
}

/**
 * Builders of "007" Flexible Classroom tokens, named after the references'
 * ApaasTokenBuilder. Each takes one options object and returns a Promise of the token.
 */
export const ApaasTokenBuilder: ApaasBuilderMethods = /* @__PURE__ */ apaasBuilder('ApaasTokenBuilder')

/**
 * The same builders as {@link ApaasTokenBuilder} under the references' other
 * name, EducationTokenBuilder. Both write identical tokens.
 */
export const EducationTokenBuilder: ApaasBuilderMethods = /* @__PURE__ */ apaasBuilder('EducationTokenBuilder')
