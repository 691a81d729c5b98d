/**
 * AccessToken "006": "006" + App ID + base64 of the signature, the CRC-32 of
 * the channel name and of the uid string, and a message packing salt, ts and
 * the privilege map (uint16 id → uint32 expiry timestamp). The signature is
 * HMAC-SHA256 over App ID, channel name, uid string and message. Layout from
 * AgoraIO/Tools DynamicKey/AgoraDynamicKey python3/src/AccessToken.py and
 * cpp/src/AccessToken.h.
 * @module
 */
export {
  ACCESS_TOKEN_VERSION,
  MAX_ACCESS_TOKEN_PRIVILEGES,
  buildAccessToken,
} from './build.js'
export type { AccessTokenOptions, AccessTokenPrivileges } from './build.js'
export { RtcTokenBuilder, RtmTokenBuilder } from './builders.js'
export type {
  RtcTokenWithAccountOptions,
  RtcTokenWithUidOptions,
  RtmTokenOptions,
} from './builders.js'
export { DEFAULT_TOKEN_LIFETIME_SECONDS, MIN_PRIVILEGE_EXPIRE_TIMESTAMP } from './inputs.js'
export { MAX_ACCESS_TOKEN_LENGTH, matchAccessTokenCrcs, parseAccessToken } from './parse.js'
export type {
  AccessTokenCrcMatch,
  AccessTokenCrcTarget,
  AccessTokenFields,
  AccessTokenPrivilegeEntry,
} from './parse.js'
export {
  AccessTokenPrivilege,
  RtcRole,
  RtmRole,
  accessTokenPrivilegeName,
  rtcRolePrivileges,
} from './privileges.js'
export type { AccessTokenPrivilegeId, AccessTokenPrivilegeName } from './privileges.js'
export { verifyAccessToken } from './verify.js'
export type { AccessTokenVerifyOptions } from './verify.js'
export type { VerifyReason, VerifyReasonCode, VerifyResult } from '../channel-key/types.js'
