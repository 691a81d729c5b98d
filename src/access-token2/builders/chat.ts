/**
 * ChatTokenBuilder2: AccessToken2 ("007") tokens for Agora Chat, after the
 * references' ChatTokenBuilder2.
 * @module
 */
import { checkDuration, checkLengthPrefixedString } from '../inputs.js'
import { ChatPrivilege, ServiceType } from '../services.js'
import { buildFromServices, checkBuilderOptions, type BuilderBaseOptions } from './common.js'

/** Options of {@link ChatTokenBuilder2}.buildAppToken. */
export interface ChatAppTokenOptions extends BuilderBaseOptions {
  /** Token lifetime and privilege lifetime, in seconds after issueTs. */
  readonly expire: number
}

/** Options of {@link ChatTokenBuilder2}.buildUserToken. */
export interface ChatUserTokenOptions extends ChatAppTokenOptions {
  /** The Chat user id (the user's UUID in Agora Chat), written as given. */
  readonly userId: string
}

/**
 * Builds a Chat user token: the Chat service (type 5) for `userId` with the
 * user privilege, whose lifetime is `expire`.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT` (userId not a string),
 *   `ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP`, `ERR_INVALID_INTEGER`, `ERR_INVALID_APP_ID`,
 *   `ERR_INVALID_APP_CERTIFICATE`, `ERR_TIMESTAMP_IN_MILLISECONDS`, `ERR_VALUE_TOO_LONG`.
 * @example
 * const token = await ChatTokenBuilder2.buildUserToken({ appId, appCertificate, userId, expire: 3600 })
 */
async function buildUserToken(options: ChatUserTokenOptions): Promise<string> {
  const { base, input } = checkBuilderOptions(options, 'ChatTokenBuilder2.buildUserToken')
  const userId = checkLengthPrefixedString(input.userId, 'userId')
  const expire = checkDuration(input.expire, 'expire')
  return buildFromServices(
    base,
    expire,
    [{ type: ServiceType.chat, userId, privileges: { [ChatPrivilege.user]: expire } }],
    { userId },
  )
}

/**
 * Builds a Chat app token: the Chat service (type 5) with an empty user id
 * and the app privilege, whose lifetime is `expire`.
 *
 * @throws {AgoraKeysError} The codes of buildUserToken.
 * @example
 * const token = await ChatTokenBuilder2.buildAppToken({ appId, appCertificate, expire: 3600 })
 */
async function buildAppToken(options: ChatAppTokenOptions): Promise<string> {
  const { base, input } = checkBuilderOptions(options, 'ChatTokenBuilder2.buildAppToken')
  const expire = checkDuration(input.expire, 'expire')
  return buildFromServices(
    base,
    expire,
    [{ type: ServiceType.chat, userId: '', privileges: { [ChatPrivilege.app]: expire } }],
    {},
  )
}

/**
 * Builders of "007" Chat tokens, named after the references' ChatTokenBuilder2.
 * Each takes one options object and returns a Promise of the token.
 */
export const ChatTokenBuilder2 = /* @__PURE__ */ Object.freeze({
  buildUserToken,
  buildAppToken,
})
