/**
 * agora-keys: generate, parse and verify Agora Channel Keys and AccessTokens.
 * @module
 */
export { AgoraKeysError, isAgoraKeysError } from './errors.js'
export type { AgoraKeysErrorCode, AgoraKeysErrorOptions } from './errors.js'
export type { ChannelKeyOptions, ChannelKeyWithUidOptions } from './channel-key/inputs.js'
export { hmacBackendName } from './hmac/index.js'
export { checkChannelName, CHANNEL_NAME_CHARACTERS, CHANNEL_NAME_MAX_BYTES } from './channel-key/channel-name.js'
export type {
  ChannelNameCheck,
  ChannelNameProblem,
  ChannelNameProblemCode,
} from './channel-key/channel-name.js'

export * as dynamicKey from './dynamic-key/index.js'
