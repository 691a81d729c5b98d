// Inputs of vectors/access-token2-extra.json, read by make-extra-vectors.js.
//
// Each case has the vector's name, function and input (python3 parameter names in
// camelCase, appID spelled as in vectors/access-token2.json), an optional note, and,
// where a reference is known to disagree, the cause recorded for it. The generator
// stops if a case without a cause disagrees, or a case with one does not.

const longChannel = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#'
const account255 = `acct-${'x'.repeat(250)}`
const longUserUuid = 'u'.repeat(1000)
const unicodeText = '房间-🎓-émoji'
const U32_MAX = 4294967295

const PUBLISH_NOTE = 'only role 1 (publisher) adds the publish privileges; any other role gets the ' +
  'join-channel privilege only'
const ROOM_USER_CAUSE = 'agora-token 2.0.6 (like the nodejs reference) adds no room-user privilege (1) ' +
  'to the Apaas service; python3 adds it with the expire value, and so do the cpp and go ' +
  'builders when read'
const ROLE_ZERO_CAUSE = `${ROOM_USER_CAUSE}; agora-token also packs role 0 as -1 (role || -1)`

export const extraCases = [
  // RtcTokenBuilder2: the account variant of the privilege builder and the RTC+RTM builders.
  {
    name: 'RtcTokenBuilder2.build_token_with_user_account_and_privilege: account=email, mixed expiries',
    function: 'RtcTokenBuilder2.build_token_with_user_account_and_privilege',
    input: {
      appID: 'c2548ec3154fd340cc2b8e539446518a', appCertificate: 'B54068D0597F7D82980C57359E5476AF',
      channelName: 'room-42', account: 'alice@example.com', tokenExpire: 3600,
      joinChannelPrivilegeExpire: 3600, pubAudioPrivilegeExpire: 1800, pubVideoPrivilegeExpire: 600,
      pubDataStreamPrivilegeExpire: 0, issueTs: 1700000000, salt: 12345678,
    },
  },
  {
    name: 'RtcTokenBuilder2.build_token_with_user_account_and_privilege: account=zero-string, channel=len64, max',
    function: 'RtcTokenBuilder2.build_token_with_user_account_and_privilege',
    input: {
      appID: '0D260C153D2E3Dd1e9d65A0438271148', appCertificate: '783700b8d08495423d079d44fe1843b0',
      channelName: longChannel, account: '0', tokenExpire: U32_MAX,
      joinChannelPrivilegeExpire: U32_MAX, pubAudioPrivilegeExpire: U32_MAX,
      pubVideoPrivilegeExpire: U32_MAX, pubDataStreamPrivilegeExpire: U32_MAX,
      issueTs: U32_MAX, salt: U32_MAX,
    },
    note: 'the account "0" is written as "0", not as the empty wildcard uid',
  },
  {
    name: 'RtcTokenBuilder2.build_token_with_rtm: role=1, account=digits',
    function: 'RtcTokenBuilder2.build_token_with_rtm',
    input: {
      appID: 'FFA82351C6EDFA99A57560083E136273', appCertificate: '66c52893583071a76Cc4587654c06A87',
      channelName: 'live', account: '2882341273', role: 1, tokenExpire: 86400,
      privilegeExpire: 3600, issueTs: 1111111, salt: 1,
    },
    note: 'the RTM login privilege takes tokenExpire, not privilegeExpire',
  },
  {
    name: 'RtcTokenBuilder2.build_token_with_rtm: role=2, account=unicode, privilegeExpire=zero',
    function: 'RtcTokenBuilder2.build_token_with_rtm',
    input: {
      appID: '7ddd3798e5722cde163f517299bd3cd6', appCertificate: 'A04E0841D6040BD30953C07C9B4668AE',
      channelName: unicodeText, account: '用户🎧', role: 2, tokenExpire: 600,
      privilegeExpire: 0, issueTs: 999999999, salt: 99999999,
    },
    note: PUBLISH_NOTE,
  },
  {
    name: 'RtcTokenBuilder2.build_token_with_rtm: role=1, account=empty, tokenExpire=zero',
    function: 'RtcTokenBuilder2.build_token_with_rtm',
    input: {
      appID: 'a8a48388e5e4c3b3fE260Bb558d03EaE', appCertificate: 'ed83d290f4c500fab5576f812a1ee8ab',
      channelName: '', account: '', role: 1, tokenExpire: 0, privilegeExpire: 0,
      issueTs: 1, salt: 0,
    },
  },
  {
    name: 'RtcTokenBuilder2.build_token_with_rtm2: role=1, distinct expiries, rtmUserId differs',
    function: 'RtcTokenBuilder2.build_token_with_rtm2',
    input: {
      appID: '3526DABA3527B03F623E6C8A3D7BEE82', appCertificate: '329DeD33dBbAc443aF525D0F637F384D',
      channelName: 'classroom-7', rtcAccount: '1001', rtcRole: 1, rtcTokenExpire: 7200,
      joinChannelPrivilegeExpire: 7200, pubAudioPrivilegeExpire: 3600,
      pubVideoPrivilegeExpire: 1800, pubDataStreamPrivilegeExpire: 900,
      rtmUserId: 'rtm-user-1001', rtmTokenExpire: 3600, issueTs: 1712345678, salt: 424242,
    },
  },
  {
    name: 'RtcTokenBuilder2.build_token_with_rtm2: role=2, account=255 bytes, max expiries',
    function: 'RtcTokenBuilder2.build_token_with_rtm2',
    input: {
      appID: '5175360f3aa5c1fa769e06129e2cdcdb', appCertificate: '108C4F8AEF0A56121FED50F41D039A81',
      channelName: longChannel, rtcAccount: account255, rtcRole: 2, rtcTokenExpire: U32_MAX,
      joinChannelPrivilegeExpire: U32_MAX, pubAudioPrivilegeExpire: U32_MAX,
      pubVideoPrivilegeExpire: U32_MAX, pubDataStreamPrivilegeExpire: U32_MAX,
      rtmUserId: account255, rtmTokenExpire: U32_MAX, issueTs: U32_MAX, salt: U32_MAX,
    },
    note: PUBLISH_NOTE,
  },
  {
    name: 'RtcTokenBuilder2.build_token_with_rtm2: role=1, accounts=empty, expiries=zero',
    function: 'RtcTokenBuilder2.build_token_with_rtm2',
    input: {
      appID: '7077a9f65909215CeD4Cf92BdFd7202C', appCertificate: '3edc3fe1a266e4287620bccf55e53e09',
      channelName: 'c', rtcAccount: '', rtcRole: 1, rtcTokenExpire: 0,
      joinChannelPrivilegeExpire: 0, pubAudioPrivilegeExpire: 0, pubVideoPrivilegeExpire: 0,
      pubDataStreamPrivilegeExpire: 0, rtmUserId: '', rtmTokenExpire: 0, issueTs: 1, salt: 1,
    },
  },

  // RtmTokenBuilder2 with RTM2 resource permissions (service 8).
  {
    name: 'RtmTokenBuilder2.build_token_with_permissions: permissions=empty',
    function: 'RtmTokenBuilder2.build_token_with_permissions',
    input: {
      appID: 'c2548ec3154fd340cc2b8e539446518a', appCertificate: '783700b8d08495423d079d44fe1843b0',
      userId: 'user-1', permissions: {}, expire: 3600, issueTs: 1700000000, salt: 7,
    },
  },
  {
    name: 'RtmTokenBuilder2.build_token_with_permissions: message channels read and write',
    function: 'RtmTokenBuilder2.build_token_with_permissions',
    input: {
      appID: 'B54068D0597F7D82980C57359E5476AF', appCertificate: '0D260C153D2E3Dd1e9d65A0438271148',
      userId: 'writer', permissions: { 0: { 0: ['news', 'chat'], 1: ['chat'] } }, expire: 86400,
      issueTs: 1111111, salt: 99999999,
    },
  },
  {
    name: 'RtmTokenBuilder2.build_token_with_permissions: every resource type, unicode, empty list',
    function: 'RtmTokenBuilder2.build_token_with_permissions',
    input: {
      appID: 'FFA82351C6EDFA99A57560083E136273', appCertificate: '7ddd3798e5722cde163f517299bd3cd6',
      userId: '管理员',
      permissions: {
        4: { 1: ['user-b', 'user-a'] },
        0: { 1: ['频道'], 0: ['*'] },
        2: { 0: [] },
        1: { 0: ['stream-1', 'stream-2', 'stream-3'] },
        3: { 1: ['group-x'], 0: ['group-x', ''] },
      },
      expire: 600, issueTs: 999999999, salt: 0,
    },
    note: 'resource and permission types are packed in ascending order; resource names keep their order',
  },
  {
    name: 'RtmTokenBuilder2.build_token_with_permissions: userId=empty, expire=max, issueTs=max',
    function: 'RtmTokenBuilder2.build_token_with_permissions',
    input: {
      appID: '66c52893583071a76Cc4587654c06A87', appCertificate: 'A04E0841D6040BD30953C07C9B4668AE',
      userId: '', permissions: { 1: { 1: ['live'] } }, expire: U32_MAX, issueTs: U32_MAX,
      salt: U32_MAX,
    },
  },
  {
    name: 'RtmTokenBuilder2.build_token: userId=64 bytes, expire=zero',
    function: 'RtmTokenBuilder2.build_token',
    input: {
      appID: 'a8a48388e5e4c3b3fE260Bb558d03EaE', appCertificate: '3526DABA3527B03F623E6C8A3D7BEE82',
      userId: longChannel, expire: 0, issueTs: 1700000000, salt: 1,
    },
  },

  // ChatTokenBuilder2 beyond the shared set.
  {
    name: 'ChatTokenBuilder2.build_user_token: userId=unicode, expire=max',
    function: 'ChatTokenBuilder2.build_user_token',
    input: {
      appID: 'ed83d290f4c500fab5576f812a1ee8ab', appCertificate: '329DeD33dBbAc443aF525D0F637F384D',
      userId: unicodeText, expire: U32_MAX, issueTs: 1712345678, salt: 55555555,
    },
  },

  // FpaTokenBuilder: fixed 24-hour token expire, login privilege 0.
  {
    name: 'FpaTokenBuilder.build_token: creds=lower/upper',
    function: 'FpaTokenBuilder.build_token',
    input: {
      appID: '5175360f3aa5c1fa769e06129e2cdcdb', appCertificate: '108C4F8AEF0A56121FED50F41D039A81',
      issueTs: 1700000000, salt: 31415926,
    },
    note: 'the builder fixes the token expire at 86400 and the login privilege at 0',
  },
  {
    name: 'FpaTokenBuilder.build_token: issueTs=max, salt=zero',
    function: 'FpaTokenBuilder.build_token',
    input: {
      appID: '7077a9f65909215CeD4Cf92BdFd7202C', appCertificate: '3edc3fe1a266e4287620bccf55e53e09',
      issueTs: U32_MAX, salt: 0,
    },
  },

  // ApaasTokenBuilder and EducationTokenBuilder (the same code under two names).
  {
    name: 'ApaasTokenBuilder.build_room_user_token: role=1, uuids=hex',
    function: 'ApaasTokenBuilder.build_room_user_token',
    input: {
      appID: 'c2548ec3154fd340cc2b8e539446518a', appCertificate: 'B54068D0597F7D82980C57359E5476AF',
      roomUuid: '6d1e5b2c9a8f4e3d', userUuid: '2882341273', role: 1, expire: 600,
      issueTs: 1111111, salt: 1,
    },
    divergenceCause: ROOM_USER_CAUSE,
  },
  {
    name: 'ApaasTokenBuilder.build_room_user_token: role=0, uuids=unicode',
    function: 'ApaasTokenBuilder.build_room_user_token',
    input: {
      appID: '0D260C153D2E3Dd1e9d65A0438271148', appCertificate: '783700b8d08495423d079d44fe1843b0',
      roomUuid: unicodeText, userUuid: '学生-07', role: 0, expire: 3600,
      issueTs: 1700000000, salt: 88888888,
    },
    note: 'the Chat user id is the lower-case hex MD5 of the UTF-8 userUuid',
    divergenceCause: ROLE_ZERO_CAUSE,
  },
  {
    name: 'ApaasTokenBuilder.build_room_user_token: role=-1, userUuid=1000 chars, max',
    function: 'ApaasTokenBuilder.build_room_user_token',
    input: {
      appID: 'FFA82351C6EDFA99A57560083E136273', appCertificate: '66c52893583071a76Cc4587654c06A87',
      roomUuid: longChannel, userUuid: longUserUuid, role: -1, expire: U32_MAX,
      issueTs: U32_MAX, salt: U32_MAX,
    },
    divergenceCause: ROOM_USER_CAUSE,
  },
  {
    name: 'ApaasTokenBuilder.build_room_user_token: role=int16 bounds, empty ids',
    function: 'ApaasTokenBuilder.build_room_user_token',
    input: {
      appID: '7ddd3798e5722cde163f517299bd3cd6', appCertificate: 'A04E0841D6040BD30953C07C9B4668AE',
      roomUuid: '', userUuid: '', role: -32768, expire: 0, issueTs: 1, salt: 0,
    },
    divergenceCause: ROOM_USER_CAUSE,
  },
  {
    name: 'ApaasTokenBuilder.build_user_token: userUuid=digits',
    function: 'ApaasTokenBuilder.build_user_token',
    input: {
      appID: 'a8a48388e5e4c3b3fE260Bb558d03EaE', appCertificate: 'ed83d290f4c500fab5576f812a1ee8ab',
      userUuid: '2882341273', expire: 600, issueTs: 1111111, salt: 1,
    },
  },
  {
    name: 'ApaasTokenBuilder.build_user_token: userUuid=unicode, expire=max',
    function: 'ApaasTokenBuilder.build_user_token',
    input: {
      appID: '3526DABA3527B03F623E6C8A3D7BEE82', appCertificate: '329DeD33dBbAc443aF525D0F637F384D',
      userUuid: unicodeText, expire: U32_MAX, issueTs: 999999999, salt: 99999999,
    },
  },
  {
    name: 'ApaasTokenBuilder.build_app_token: expire=hour',
    function: 'ApaasTokenBuilder.build_app_token',
    input: {
      appID: '5175360f3aa5c1fa769e06129e2cdcdb', appCertificate: '108C4F8AEF0A56121FED50F41D039A81',
      expire: 3600, issueTs: 1700000000, salt: 2024,
    },
  },
  {
    name: 'ApaasTokenBuilder.build_app_token: expire=zero, salt=max',
    function: 'ApaasTokenBuilder.build_app_token',
    input: {
      appID: '7077a9f65909215CeD4Cf92BdFd7202C', appCertificate: '3edc3fe1a266e4287620bccf55e53e09',
      expire: 0, issueTs: 1, salt: U32_MAX,
    },
  },
  {
    name: 'EducationTokenBuilder.build_room_user_token: role=2, uuids=uuid',
    function: 'EducationTokenBuilder.build_room_user_token',
    input: {
      appID: 'c2548ec3154fd340cc2b8e539446518a', appCertificate: '0D260C153D2E3Dd1e9d65A0438271148',
      roomUuid: '3f2b8c1e-7d4a-4e9b-a1c2-5d6e7f8a9b0c',
      userUuid: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', role: 2, expire: 7200,
      issueTs: 1712345678, salt: 424242,
    },
    divergenceCause: ROOM_USER_CAUSE,
  },
  {
    name: 'EducationTokenBuilder.build_room_user_token: role=int16 max',
    function: 'EducationTokenBuilder.build_room_user_token',
    input: {
      appID: 'B54068D0597F7D82980C57359E5476AF', appCertificate: '783700b8d08495423d079d44fe1843b0',
      roomUuid: 'room', userUuid: 'teacher', role: 32767, expire: 86400, issueTs: 999999999,
      salt: 0,
    },
    divergenceCause: ROOM_USER_CAUSE,
  },
  {
    name: 'EducationTokenBuilder.build_user_token: userUuid=empty',
    function: 'EducationTokenBuilder.build_user_token',
    input: {
      appID: 'FFA82351C6EDFA99A57560083E136273', appCertificate: '7ddd3798e5722cde163f517299bd3cd6',
      userUuid: '', expire: 600, issueTs: 1, salt: 1,
    },
  },
  {
    name: 'EducationTokenBuilder.build_app_token: expire=max, issueTs=max',
    function: 'EducationTokenBuilder.build_app_token',
    input: {
      appID: '66c52893583071a76Cc4587654c06A87', appCertificate: 'A04E0841D6040BD30953C07C9B4668AE',
      expire: U32_MAX, issueTs: U32_MAX, salt: 99999999,
    },
  },

  // ConvoAITokenBuilder (service 9) and SttTokenBuilder (service 10): agora-token only.
  {
    name: 'ConvoAITokenBuilder.build_token: role=1, distinct expiries',
    function: 'ConvoAITokenBuilder.build_token',
    input: {
      appID: 'a8a48388e5e4c3b3fE260Bb558d03EaE', appCertificate: '3526DABA3527B03F623E6C8A3D7BEE82',
      channelName: 'agent-room', rtcAccount: '1001', rtcRole: 1, rtcTokenExpire: 3600,
      joinChannelPrivilegeExpire: 3600, pubAudioPrivilegeExpire: 1800,
      pubVideoPrivilegeExpire: 900, pubDataStreamPrivilegeExpire: 600,
      rtmUserId: 'agent-1001', rtmTokenExpire: 3600, issueTs: 1700000000, salt: 12345678,
    },
    note: 'the ConvoAI service carries no privileges',
  },
  {
    name: 'ConvoAITokenBuilder.build_token: role=2, unicode, rtmUserId=empty',
    function: 'ConvoAITokenBuilder.build_token',
    input: {
      appID: 'ed83d290f4c500fab5576f812a1ee8ab', appCertificate: '329DeD33dBbAc443aF525D0F637F384D',
      channelName: unicodeText, rtcAccount: '助手', rtcRole: 2, rtcTokenExpire: 86400,
      joinChannelPrivilegeExpire: 600, pubAudioPrivilegeExpire: 600,
      pubVideoPrivilegeExpire: 600, pubDataStreamPrivilegeExpire: 600,
      rtmUserId: '', rtmTokenExpire: 600, issueTs: 1, salt: 0,
    },
    note: PUBLISH_NOTE,
  },
  {
    name: 'ConvoAITokenBuilder.build_token: role=1, rtcAccount=empty, max',
    function: 'ConvoAITokenBuilder.build_token',
    input: {
      appID: '5175360f3aa5c1fa769e06129e2cdcdb', appCertificate: '108C4F8AEF0A56121FED50F41D039A81',
      channelName: longChannel, rtcAccount: '', rtcRole: 1, rtcTokenExpire: U32_MAX,
      joinChannelPrivilegeExpire: U32_MAX, pubAudioPrivilegeExpire: 0,
      pubVideoPrivilegeExpire: U32_MAX, pubDataStreamPrivilegeExpire: 0,
      rtmUserId: account255, rtmTokenExpire: U32_MAX, issueTs: U32_MAX, salt: U32_MAX,
    },
  },
  {
    name: 'SttTokenBuilder.build_token: role=1, distinct expiries',
    function: 'SttTokenBuilder.build_token',
    input: {
      appID: '7077a9f65909215CeD4Cf92BdFd7202C', appCertificate: '3edc3fe1a266e4287620bccf55e53e09',
      channelName: 'meeting', rtcAccount: '2882341273', rtcRole: 1, rtcTokenExpire: 7200,
      joinChannelPrivilegeExpire: 7200, pubAudioPrivilegeExpire: 3600,
      pubVideoPrivilegeExpire: 0, pubDataStreamPrivilegeExpire: 1800,
      rtmUserId: 'stt-bot', rtmTokenExpire: 7200, issueTs: 1712345678, salt: 99999999,
    },
    note: 'the STT service carries no privileges',
  },
  {
    name: 'SttTokenBuilder.build_token: role=2, rtcAccount=zero-string',
    function: 'SttTokenBuilder.build_token',
    input: {
      appID: 'c2548ec3154fd340cc2b8e539446518a', appCertificate: 'B54068D0597F7D82980C57359E5476AF',
      channelName: 'c', rtcAccount: '0', rtcRole: 2, rtcTokenExpire: 600,
      joinChannelPrivilegeExpire: 600, pubAudioPrivilegeExpire: 600,
      pubVideoPrivilegeExpire: 600, pubDataStreamPrivilegeExpire: 600,
      rtmUserId: '0', rtmTokenExpire: 600, issueTs: 999999999, salt: 1,
    },
    note: PUBLISH_NOTE,
  },
  {
    name: 'SttTokenBuilder.build_token: unicode, expiries=zero',
    function: 'SttTokenBuilder.build_token',
    input: {
      appID: '0D260C153D2E3Dd1e9d65A0438271148', appCertificate: '783700b8d08495423d079d44fe1843b0',
      channelName: '字幕-🎙', rtcAccount: 'transcriber', rtcRole: 1, rtcTokenExpire: 0,
      joinChannelPrivilegeExpire: 0, pubAudioPrivilegeExpire: 0, pubVideoPrivilegeExpire: 0,
      pubDataStreamPrivilegeExpire: 0, rtmUserId: 'transcriber', rtmTokenExpire: 0,
      issueTs: 1, salt: 1,
    },
  },
]
