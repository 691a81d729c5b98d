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
export {
  buildAccessToken2,
  buildAccessToken2Payload,
  parseAccessToken2,
  verifyAccessToken2,
  ServiceType,
  RtcPrivilege,
  RtmPrivilege,
  StreamingPrivilege,
  FpaPrivilege,
  ChatPrivilege,
  FcdnPrivilege,
  ApaasPrivilege,
  Rtm2Privilege,
  Rtm2ResourceType,
  Rtm2PermissionType,
  isKnownServiceType,
  ACCESS_TOKEN2_VERSION,
  MAX_ACCESS_TOKEN2_LENGTH,
  MAX_ACCESS_TOKEN2_PAYLOAD_BYTES,
  MAX_DURATION_SECONDS,
} from './access-token2/index.js'
export type {
  AccessToken2Options,
  AccessToken2Fields,
  AccessToken2VerifyOptions,
  AccessToken2Service,
  UnknownServiceBytes,
  PrivilegeMap,
  Rtm2Permissions,
  ServiceTypeId,
  RtcService,
  RtmService,
  StreamingService,
  FpaService,
  ChatService,
  FcdnService,
  ApaasService,
  Rtm2Service,
  ConvoAiService,
  SttService,
} from './access-token2/index.js'
// The "007" builders. The root RtcRole is the "006" one; the "007" RtcRole, which has
// only PUBLISHER (1) and SUBSCRIBER (2) with the same values, is RtcRole2 here.
export {
  ApaasTokenBuilder,
  ChatTokenBuilder2,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  FPA_TOKEN_EXPIRE,
  FpaTokenBuilder,
  RtcRole as RtcRole2,
  RtcTokenBuilder2,
  RtmTokenBuilder2,
  SttTokenBuilder,
} from './access-token2/index.js'
export type {
  ApaasAppTokenOptions,
  ApaasBuilderMethods,
  ApaasRoomUserTokenOptions,
  ApaasUserTokenOptions,
  BuilderBaseOptions,
  ChatAppTokenOptions,
  ChatUserTokenOptions,
  ConvoAITokenOptions,
  FpaTokenOptions,
  RtcPrivilegeExpiries,
  RtcToken2WithRtm2Options,
  RtcToken2WithRtmOptions,
  RtcToken2WithUidAndPrivilegeOptions,
  RtcToken2WithUidOptions,
  RtcToken2WithUserAccountAndPrivilegeOptions,
  RtcToken2WithUserAccountOptions,
  RtmToken2Options,
  RtmToken2WithPermissionsOptions,
  SttTokenOptions,
} from './access-token2/index.js'

export * from './access-token/index.js'

export * as dynamicKey from './namespaces/dynamic-key.js'
export * as dynamicKey2 from './namespaces/dynamic-key2.js'
export * as dynamicKey3 from './namespaces/dynamic-key3.js'
export * as dynamicKey4 from './namespaces/dynamic-key4.js'
// The bare generator names are DynamicKey4's; DynamicKey5's are under dynamicKey5.
export {
  generateMediaChannelKey,
  generatePublicSharingKey,
  generateRecordingKey,
} from './dynamic-key4/index.js'
export * as dynamicKey5 from './namespaces/dynamic-key5.js'

// One parse and verify for every Channel Key version, and format detection for any credential.
export { detectKeyFormat } from './channel-key/detect.js'
export type { ChannelKeyFormat, KeyFormat } from './channel-key/detect.js'
export { MAX_CHANNEL_KEY_LENGTH, parseKey, verifyKey } from './channel-key/parse-key.js'
export type { VerifiedChannelKeyFields } from './channel-key/parse-key.js'
export type { ChannelKeyVerifyOptions } from './channel-key/verify-checks.js'
export type {
  ChannelKeyFields,
  DynamicKey2Fields,
  DynamicKey3Fields,
  DynamicKey4Fields,
  DynamicKey4Service,
  DynamicKey4VerifiedFields,
  DynamicKey5Fields,
  DynamicKey5VerifiedFields,
  DynamicKeyFields,
} from './channel-key/types.js'
