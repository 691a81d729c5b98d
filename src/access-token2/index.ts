/**
 * AccessToken2 ("007"): "007" + base64 of a zlib stream containing the signature
 * and the signed info (App ID, issueTs, expire as a duration, salt and a list
 * of services, each with its own privileges). Layout from AgoraIO/Tools
 * DynamicKey/AgoraDynamicKey python3/src/AccessToken2.py and
 * cpp/src/AccessToken2.h; service types 9 and 10 from agora-token@2.0.6.
 * @module
 */
export { buildAccessToken2, buildAccessToken2Payload } from './token.js'
export { parseAccessToken2 } from './parse.js'
export { verifyAccessToken2 } from './verify.js'
export {
  ApaasPrivilege,
  ChatPrivilege,
  FcdnPrivilege,
  FpaPrivilege,
  Rtm2PermissionType,
  Rtm2Privilege,
  Rtm2ResourceType,
  RtcPrivilege,
  RtmPrivilege,
  ServiceType,
  StreamingPrivilege,
  isKnownServiceType,
} from './services.js'
export {
  ACCESS_TOKEN2_VERSION,
  MAX_ACCESS_TOKEN2_LENGTH,
  MAX_ACCESS_TOKEN2_PAYLOAD_BYTES,
} from './limits.js'
export { MAX_DURATION_SECONDS } from './inputs.js'
export type { AccessToken2Options } from './inputs.js'
export type { AccessToken2Fields, UnknownServiceBytes } from './parse.js'
export type { AccessToken2VerifyOptions } from './verify.js'
export type {
  AccessToken2Service,
  ApaasService,
  ChatService,
  ConvoAiService,
  FcdnService,
  FpaService,
  PrivilegeMap,
  Rtm2Permissions,
  Rtm2Service,
  RtcService,
  RtmService,
  ServiceTypeId,
  SttService,
  StreamingService,
} from './services.js'
export type { VerifyReason, VerifyReasonCode, VerifyResult } from '../channel-key/types.js'

// The builders named after the references' token builders (RtcTokenBuilder2 and the rest).
export * from './builders/index.js'
