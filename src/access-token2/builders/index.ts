/**
 * The AccessToken2 ("007") builders, one per reference builder, each a
 * frozen set of functions that take one options object.
 * @module
 */
export { RtcRole } from './common.js'
export type { BuilderBaseOptions, RtcPrivilegeExpiries } from './common.js'
export { RtcTokenBuilder2 } from './rtc.js'
export type {
  RtcToken2WithRtm2Options,
  RtcToken2WithRtmOptions,
  RtcToken2WithUidAndPrivilegeOptions,
  RtcToken2WithUidOptions,
  RtcToken2WithUserAccountAndPrivilegeOptions,
  RtcToken2WithUserAccountOptions,
} from './rtc.js'
export { RtmTokenBuilder2 } from './rtm.js'
export type { RtmToken2Options, RtmToken2WithPermissionsOptions } from './rtm.js'
export { ChatTokenBuilder2 } from './chat.js'
export type { ChatAppTokenOptions, ChatUserTokenOptions } from './chat.js'
export { FPA_TOKEN_EXPIRE, FpaTokenBuilder } from './fpa.js'
export type { FpaTokenOptions } from './fpa.js'
export { ApaasTokenBuilder, EducationTokenBuilder } from './apaas.js'
export type {
  ApaasAppTokenOptions,
  ApaasBuilderMethods,
  ApaasRoomUserTokenOptions,
  ApaasUserTokenOptions,
} from './apaas.js'
export { ConvoAITokenBuilder } from './convo-ai.js'
export type { ConvoAITokenOptions } from './convo-ai.js'
export { SttTokenBuilder } from './stt.js'
export type { SttTokenOptions } from './stt.js'
