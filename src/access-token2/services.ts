/**
 * The service model of AccessToken2 ("007"): one interface per service type,
 * joined in a union discriminated by `type`, plus the numeric constants the
 * references give to service types, privileges and RTM2 permissions.
 *
 * Privilege maps and RTM2 permission maps are plain objects keyed by the
 * numeric id (`{ [RtcPrivilege.joinChannel]: 3600 }`), so tokens can be
 * written as literals and parsed services print and serialise as JSON.
 * Layouts are from AgoraIO/Tools DynamicKey/AgoraDynamicKey (python3/src and
 * cpp/src AccessToken2) and, for types 9 and 10, the agora-token@2.0.6 npm package.
 * @module
 */

/** Service type ids, as written in the token. */
export const ServiceType = {
  rtc: 1,
  rtm: 2,
  streaming: 3,
  fpa: 4,
  chat: 5,
  fcdn: 6,
  apaas: 7,
  rtm2: 8,
  convoAi: 9,
  stt: 10,
} as const

/** A known service type id, 1 to 10. */
export type ServiceTypeId = (typeof ServiceType)[keyof typeof ServiceType]

/** Privileges of the RTC service (type 1). */
export const RtcPrivilege = {
  joinChannel: 1,
  publishAudioStream: 2,
  publishVideoStream: 3,
  publishDataStream: 4,
} as const

/** Privileges of the RTM service (type 2). */
export const RtmPrivilege = { login: 1 } as const

/** Privileges of the Streaming service (type 3). */
export const StreamingPrivilege = { publishMixStream: 1, publishRawStream: 2 } as const

/** Privileges of the FPA service (type 4). */
export const FpaPrivilege = { login: 1 } as const

/** Privileges of the Chat service (type 5): a user token or an app token. */
export const ChatPrivilege = { user: 1, app: 2 } as const

/** Privileges of the FCDN service (type 6). */
export const FcdnPrivilege = { publish: 1, play: 2 } as const

/** Privileges of the APaaS service (type 7). */
export const ApaasPrivilege = { roomUser: 1, user: 2, app: 3 } as const

/** Privileges of the RTM2 service (type 8). */
export const Rtm2Privilege = { login: 1 } as const

/** Resource types of RTM2 permissions (the outer key of {@link Rtm2Permissions}). */
export const Rtm2ResourceType = {
  messageChannels: 0,
  streamChannels: 1,
  groupChannels: 2,
  serverGroups: 3,
  users: 4,
} as const

/** Permission types of RTM2 permissions (the inner key of {@link Rtm2Permissions}). */
export const Rtm2PermissionType = { read: 0, write: 1 } as const

/**
 * Privilege id (uint16) → expiry in seconds after issueTs (uint32). The
 * references write any value as given, including values above the token's
 * `expire`; Agora's servers then stop at the token expiry.
 */
export type PrivilegeMap = Readonly<Record<number, number>>

/**
 * RTM2 resource permissions: resource type (uint16) → permission type
 * (uint16) → resource names. Names keep their order and duplicates, as the
 * references pack them; both keys are written in ascending order.
 */
export type Rtm2Permissions = Readonly<Record<number, Readonly<Record<number, readonly string[]>>>>

interface ServiceBase<Type extends ServiceTypeId> {
  readonly type: Type
  readonly privileges: PrivilegeMap
}

/** RTC (type 1): audio and video channels. */
export interface RtcService extends ServiceBase<1> {
  readonly channelName: string
  /**
   * The uid as text: a uint32 uid in decimal, or a user account. The empty
   * string is uid 0, which lets any user join.
   */
  readonly uid: string
}

/** RTM (type 2): Signaling 1.x login. */
export interface RtmService extends ServiceBase<2> {
  readonly userId: string
}

/** Streaming (type 3). */
export interface StreamingService extends ServiceBase<3> {
  readonly channelName: string
  /** A decimal uid or a user account; empty for uid 0. */
  readonly account: string
}

/** FPA (type 4): Fast Path Acceleration. It has privileges only. */
export type FpaService = ServiceBase<4>

/** Chat (type 5). */
export interface ChatService extends ServiceBase<5> {
  /** The chat user; empty in app tokens. */
  readonly userId: string
}

/** FCDN (type 6). */
export interface FcdnService extends ServiceBase<6> {
  readonly channelName: string
  /** A decimal uid or a user account; empty for uid 0. */
  readonly account: string
}

/** APaaS (type 7): Flexible Classroom. */
export interface ApaasService extends ServiceBase<7> {
  readonly roomUuid: string
  readonly userUuid: string
  /**
   * Signed 16-bit role; the references' default is -1. The official Node
   * package replaces role 0 with -1, this library writes 0 as 0 like C++ and Python.
   */
  readonly role: number
}

/** RTM2 (type 8): Signaling 2.x login with per-resource permissions. */
export interface Rtm2Service extends ServiceBase<8> {
  readonly userId: string
  /** `{}` when the token grants no resource permissions. */
  readonly permissions: Rtm2Permissions
}

/** ConvoAI (type 9): Conversational AI Engine. It has privileges only. */
export type ConvoAiService = ServiceBase<9>

/** STT (type 10): real-time speech to text. It has privileges only. */
export type SttService = ServiceBase<10>

/** Any service an AccessToken2 can carry, discriminated by `type`. */
export type AccessToken2Service =
  | RtcService
  | RtmService
  | StreamingService
  | FpaService
  | ChatService
  | FcdnService
  | ApaasService
  | Rtm2Service
  | ConvoAiService
  | SttService

/**
 * Tells whether `type` is a service type this library can pack and parse.
 *
 * @example
 * isKnownServiceType(ServiceType.stt) // true
 */
export function isKnownServiceType(type: number): type is ServiceTypeId {
  return Number.isInteger(type) && type >= ServiceType.rtc && type <= ServiceType.stt
}
