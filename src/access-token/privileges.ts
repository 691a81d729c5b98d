/**
 * Privilege ids of AccessToken "006" and the roles of its RTC and RTM builders.
 * Ids and role values are those of the AgoraIO/Tools references
 * (cpp/src/AccessToken.h, nodejs/src/AccessToken.js, RtcTokenBuilder and RtmTokenBuilder).
 */

/**
 * Privilege ids a "006" token can carry. Each maps to a uint32 expiry
 * timestamp in the token; 0 means the privilege never expires.
 */
export const AccessTokenPrivilege = {
  joinChannel: 1,
  publishAudioStream: 2,
  publishVideoStream: 3,
  publishDataStream: 4,
  publishAudioCdn: 5,
  publishVideoCdn: 6,
  requestPublishAudioStream: 7,
  requestPublishVideoStream: 8,
  requestPublishDataStream: 9,
  invitePublishAudioStream: 10,
  invitePublishVideoStream: 11,
  invitePublishDataStream: 12,
  administrateChannel: 101,
  rtmLogin: 1000,
} as const

/** Name of a known privilege, a key of {@link AccessTokenPrivilege}. */
export type AccessTokenPrivilegeName = keyof typeof AccessTokenPrivilege

/** Id of a known privilege, a value of {@link AccessTokenPrivilege}. */
export type AccessTokenPrivilegeId = (typeof AccessTokenPrivilege)[AccessTokenPrivilegeName]

const privilegeNames: ReadonlyMap<number, AccessTokenPrivilegeName> = /* @__PURE__ */ new Map(
  Object.entries(AccessTokenPrivilege).map(([name, id]) => [id, name as AccessTokenPrivilegeName]),
)

/** Returns the name of a privilege id, or undefined for an id this library does not know. */
export function accessTokenPrivilegeName(id: number): AccessTokenPrivilegeName | undefined {
  return privilegeNames.get(id)
}

/**
 * Roles of `RtcTokenBuilder`, with the names and values of `agora-access-token`.
 * ATTENDEE (0) and ADMIN (101) are deprecated and get the same privileges as PUBLISHER.
 * SUBSCRIBER gets only joinChannel. Per the role docs of cpp/src/RtcTokenBuilder.h,
 * Agora enforces that only for projects with co-host authentication enabled,
 * and elsewhere a subscriber may still publish.
 */
export const RtcRole = {
  ATTENDEE: 0,
  PUBLISHER: 1,
  SUBSCRIBER: 2,
  ADMIN: 101,
} as const

/** A value of {@link RtcRole}. */
export type RtcRole = (typeof RtcRole)[keyof typeof RtcRole]

const publisherPrivileges = [
  AccessTokenPrivilege.joinChannel,
  AccessTokenPrivilege.publishAudioStream,
  AccessTokenPrivilege.publishVideoStream,
  AccessTokenPrivilege.publishDataStream,
] as const

/** Privileges each {@link RtcRole} puts in a token, all with the same expiry timestamp. */
export const rtcRolePrivileges: Readonly<Record<RtcRole, readonly AccessTokenPrivilegeId[]>> = {
  [RtcRole.ATTENDEE]: publisherPrivileges,
  [RtcRole.PUBLISHER]: publisherPrivileges,
  [RtcRole.SUBSCRIBER]: [AccessTokenPrivilege.joinChannel],
  [RtcRole.ADMIN]: publisherPrivileges,
}

/** Roles of `RtmTokenBuilder`, with the name of `agora-access-token`. Its only role adds rtmLogin. */
export const RtmRole = {
  Rtm_User: 1,
} as const

/** A value of {@link RtmRole}. */
export type RtmRole = (typeof RtmRole)[keyof typeof RtmRole]
