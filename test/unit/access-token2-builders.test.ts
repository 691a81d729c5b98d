import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  ApaasTokenBuilder,
  ChatTokenBuilder2,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  FPA_TOKEN_EXPIRE,
  FpaTokenBuilder,
  RtcRole,
  RtcTokenBuilder2,
  RtmTokenBuilder2,
  SttTokenBuilder,
  parseAccessToken2,
  verifyAccessToken2,
  type AccessToken2Fields,
  type AccessToken2Service,
} from '../../src/access-token2/index.js'
import * as root from '../../src/index.js'
import { AgoraKeysError } from '../../src/errors.js'

// Agora's documented sample credentials, as used by the references' own tests.
const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERTIFICATE = '5CFd2fd1755d40ecb72977518be15d3b'
const FIXED = { appId: APP_ID, appCertificate: APP_CERTIFICATE, issueTs: 1_700_000_000, salt: 7 }

const rtm2Fields = {
  ...FIXED,
  channelName: 'room-1',
  rtcAccount: '42',
  rtcRole: RtcRole.PUBLISHER,
  rtcTokenExpire: 3600,
  joinChannelPrivilegeExpire: 3600,
  pubAudioPrivilegeExpire: 1800,
  pubVideoPrivilegeExpire: 900,
  pubDataStreamPrivilegeExpire: 600,
  rtmUserId: 'alice',
  rtmTokenExpire: 1200,
}

async function rejection(promise: Promise<unknown>): Promise<AgoraKeysError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(AgoraKeysError)
  return error as AgoraKeysError
}

async function expectCode(promise: Promise<unknown>, code: string, field?: string): Promise<AgoraKeysError> {
  const error = await rejection(promise)
  expect(error.code).toBe(code)
  if (field !== undefined) expect(error.field).toBe(field)
  return error
}

function serviceOfType(fields: AccessToken2Fields, type: number): AccessToken2Service {
  const service = fields.services.find((candidate) => candidate.type === type)
  if (service === undefined) throw new Error(`token has no service of type ${String(type)}`)
  return service
}

function rtcUid(fields: AccessToken2Fields): string {
  const service = serviceOfType(fields, 1)
  if (service.type !== 1) throw new Error('not an RTC service')
  return service.uid
}

describe('uid builders', () => {
  it.each(['0', '1234', '3f2b8c1e-7d4a-4e9b-a1c2-5d6e7f8a9b0c'])('reject string uid %j', async (uid) => {
    const error = await expectCode(
      RtcTokenBuilder2.buildTokenWithUid({ ...FIXED, channelName: 'c', uid: uid as never, role: 1, tokenExpire: 60 }),
      'ERR_UID_NOT_INTEGER',
      'uid',
    )
    expect(error.message).toContain('RtcTokenBuilder2.buildTokenWithUserAccount')
  })

  it('privilege variant names its account builder', async () => {
    const error = await expectCode(
      RtcTokenBuilder2.buildTokenWithUidAndPrivilege({
        ...FIXED,
        channelName: 'c',
        uid: '42' as never,
        tokenExpire: 60,
        joinChannelPrivilegeExpire: 60,
        pubAudioPrivilegeExpire: 60,
        pubVideoPrivilegeExpire: 60,
        pubDataStreamPrivilegeExpire: 60,
      }),
      'ERR_UID_NOT_INTEGER',
      'uid',
    )
    expect(error.message).toContain('RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege')
  })

  it('writes uid 0 as empty', async () => {
    const token = await RtcTokenBuilder2.buildTokenWithUid({ ...FIXED, channelName: 'c', uid: 0, role: 1, tokenExpire: 60 })
    expect(rtcUid(await parseAccessToken2(token))).toBe('')
  })

  it('writes uid in decimal', async () => {
    const token = await RtcTokenBuilder2.buildTokenWithUid({ ...FIXED, channelName: 'c', uid: 4294967295, role: 1, tokenExpire: 60 })
    expect(rtcUid(await parseAccessToken2(token))).toBe('4294967295')
  })

  it('wraps negative uid to uint32', async () => {
    const token = await RtcTokenBuilder2.buildTokenWithUid({ ...FIXED, channelName: 'c', uid: -1, role: 1, tokenExpire: 60 })
    expect(rtcUid(await parseAccessToken2(token))).toBe('4294967295')
  })

  it.each([4294967296, 1.5, -2147483649, Number.NaN])('rejects uid %d', async (uid) => {
    await expectCode(
      RtcTokenBuilder2.buildTokenWithUid({ ...FIXED, channelName: 'c', uid, role: 1, tokenExpire: 60 }),
      'ERR_INVALID_INTEGER',
      'uid',
    )
  })

  it('verifies against the same uid', async () => {
    const token = await RtcTokenBuilder2.buildTokenWithUid({
      appId: APP_ID,
      appCertificate: APP_CERTIFICATE,
      channelName: 'room-1',
      uid: 42,
      role: RtcRole.PUBLISHER,
      tokenExpire: 600,
      privilegeExpire: 600,
    })
    const result = await verifyAccessToken2(token, { appCertificate: APP_CERTIFICATE, channelName: 'room-1', uid: 42 })
    expect(result.valid).toBe(true)
  })
})

describe('account builders', () => {
  it('keeps account "0" as text', async () => {
    const token = await RtcTokenBuilder2.buildTokenWithUserAccount({
      ...FIXED,
      channelName: 'c',
      account: '0',
      role: 1,
      tokenExpire: 60,
    })
    expect(rtcUid(await parseAccessToken2(token))).toBe('0')
  })

  it('rejects a numeric account', async () => {
    await expectCode(
      RtcTokenBuilder2.buildTokenWithUserAccount({ ...FIXED, channelName: 'c', account: 42 as never, role: 1, tokenExpire: 60 }),
      'ERR_INVALID_ARGUMENT',
      'account',
    )
  })
})

describe('expire durations', () => {
  const timestamp = 1_700_000_000

  it('rejects a timestamp tokenExpire', async () => {
    const error = await expectCode(
      RtcTokenBuilder2.buildTokenWithUid({ ...FIXED, channelName: 'c', uid: 1, role: 1, tokenExpire: timestamp }),
      'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP',
      'tokenExpire',
    )
    expect(error.message).toContain('timestamp')
  })

  it('rejects a timestamp privilegeExpire', async () => {
    await expectCode(
      RtcTokenBuilder2.buildTokenWithUid({
        ...FIXED,
        channelName: 'c',
        uid: 1,
        role: 1,
        tokenExpire: 60,
        privilegeExpire: timestamp,
      }),
      'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP',
      'privilegeExpire',
    )
  })

  it('checks every builder expire field', async () => {
    await expectCode(
      RtcTokenBuilder2.buildTokenWithRtm2({ ...rtm2Fields, rtmTokenExpire: timestamp }),
      'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP',
      'rtmTokenExpire',
    )
    await expectCode(
      ConvoAITokenBuilder.buildToken({ ...rtm2Fields, pubVideoPrivilegeExpire: timestamp }),
      'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP',
      'pubVideoPrivilegeExpire',
    )
    await expectCode(
      RtmTokenBuilder2.buildToken({ ...FIXED, userId: 'u', expire: timestamp }),
      'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP',
      'expire',
    )
    await expectCode(
      ChatTokenBuilder2.buildAppToken({ ...FIXED, expire: timestamp }),
      'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP',
      'expire',
    )
    await expectCode(
      ApaasTokenBuilder.buildAppToken({ ...FIXED, expire: timestamp }),
      'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP',
      'expire',
    )
  })

  it('accepts the duration limit', async () => {
    const limit = 100_000_000
    const token = await RtmTokenBuilder2.buildToken({ ...FIXED, userId: 'u', expire: limit })
    expect((await parseAccessToken2(token)).expire).toBe(limit)
    await expectCode(
      RtmTokenBuilder2.buildToken({ ...FIXED, userId: 'u', expire: limit + 1 }),
      'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP',
      'expire',
    )
  })

  it('accepts the uint32 maximum', async () => {
    const token = await RtmTokenBuilder2.buildToken({ ...FIXED, userId: 'u', expire: 4294967295 })
    expect((await parseAccessToken2(token)).expire).toBe(4294967295)
  })

  it('writes privileges above tokenExpire as given', async () => {
    const token = await RtcTokenBuilder2.buildTokenWithUid({
      ...FIXED,
      channelName: 'c',
      uid: 1,
      role: RtcRole.SUBSCRIBER,
      tokenExpire: 60,
      privilegeExpire: 7200,
    })
    const fields = await parseAccessToken2(token)
    expect(fields.expire).toBe(60)
    expect(serviceOfType(fields, 1).privileges).toEqual({ 1: 7200 })
  })

  it('defaults privilegeExpire to 0', async () => {
    const token = await RtcTokenBuilder2.buildTokenWithUid({ ...FIXED, channelName: 'c', uid: 1, role: 1, tokenExpire: 60 })
    expect(serviceOfType(await parseAccessToken2(token), 1).privileges).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0 })
  })
})

describe('rtc roles', () => {
  it('has the reference values', () => {
    expect(RtcRole.PUBLISHER).toBe(1)
    expect(RtcRole.SUBSCRIBER).toBe(2)
  })

  it('publisher gets all four privileges', async () => {
    const token = await RtcTokenBuilder2.buildTokenWithUid({
      ...FIXED,
      channelName: 'c',
      uid: 1,
      role: RtcRole.PUBLISHER,
      tokenExpire: 60,
      privilegeExpire: 30,
    })
    expect(serviceOfType(await parseAccessToken2(token), 1).privileges).toEqual({ 1: 30, 2: 30, 3: 30, 4: 30 })
  })

  it('subscriber gets join only', async () => {
    const token = await RtcTokenBuilder2.buildTokenWithUserAccount({
      ...FIXED,
      channelName: 'c',
      account: 'a',
      role: RtcRole.SUBSCRIBER,
      tokenExpire: 60,
      privilegeExpire: 30,
    })
    expect(serviceOfType(await parseAccessToken2(token), 1).privileges).toEqual({ 1: 30 })
  })

  it.each([0, 101, 3, '1'])('rejects role %j', async (role) => {
    const error = await expectCode(
      RtcTokenBuilder2.buildTokenWithUid({ ...FIXED, channelName: 'c', uid: 1, role: role as never, tokenExpire: 60 }),
      'ERR_INVALID_ARGUMENT',
      'role',
    )
    expect(error.message).toContain('RtcRole.PUBLISHER')
  })

  it('rejects rtcRole in rtm2 builders', async () => {
    await expectCode(RtcTokenBuilder2.buildTokenWithRtm2({ ...rtm2Fields, rtcRole: 0 as never }), 'ERR_INVALID_ARGUMENT', 'rtcRole')
    await expectCode(SttTokenBuilder.buildToken({ ...rtm2Fields, rtcRole: 101 as never }), 'ERR_INVALID_ARGUMENT', 'rtcRole')
  })

  it('privilege builders grant all four', async () => {
    const token = await RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege({
      ...FIXED,
      channelName: 'c',
      account: 'a',
      tokenExpire: 60,
      joinChannelPrivilegeExpire: 40,
      pubAudioPrivilegeExpire: 30,
      pubVideoPrivilegeExpire: 20,
      pubDataStreamPrivilegeExpire: 0,
    })
    expect(serviceOfType(await parseAccessToken2(token), 1).privileges).toEqual({ 1: 40, 2: 30, 3: 20, 4: 0 })
  })
})

describe('rtc with rtm builders', () => {
  it('buildTokenWithRtm logs in for tokenExpire', async () => {
    const token = await RtcTokenBuilder2.buildTokenWithRtm({
      ...FIXED,
      channelName: 'c',
      account: 'alice',
      role: RtcRole.SUBSCRIBER,
      tokenExpire: 900,
      privilegeExpire: 300,
    })
    const fields = await parseAccessToken2(token)
    expect(fields.services.map((service) => service.type)).toEqual([1, 2])
    expect(serviceOfType(fields, 1).privileges).toEqual({ 1: 300 })
    expect(serviceOfType(fields, 2)).toEqual({ type: 2, userId: 'alice', privileges: { 1: 900 } })
  })

  it('buildTokenWithRtm2 uses rtmUserId', async () => {
    const fields = await parseAccessToken2(await RtcTokenBuilder2.buildTokenWithRtm2(rtm2Fields))
    expect(fields.expire).toBe(3600)
    expect(rtcUid(fields)).toBe('42')
    expect(serviceOfType(fields, 1).privileges).toEqual({ 1: 3600, 2: 1800, 3: 900, 4: 600 })
    expect(serviceOfType(fields, 2)).toEqual({ type: 2, userId: 'alice', privileges: { 1: 1200 } })
  })

  it('ConvoAI adds service 9', async () => {
    const fields = await parseAccessToken2(await ConvoAITokenBuilder.buildToken(rtm2Fields))
    expect(fields.services.map((service) => service.type)).toEqual([1, 2, 9])
    expect(serviceOfType(fields, 9)).toEqual({ type: 9, privileges: {} })
  })

  it('STT adds service 10', async () => {
    const fields = await parseAccessToken2(await SttTokenBuilder.buildToken({ ...rtm2Fields, rtcRole: RtcRole.SUBSCRIBER }))
    expect(fields.services.map((service) => service.type)).toEqual([1, 2, 10])
    expect(serviceOfType(fields, 1).privileges).toEqual({ 1: 3600 })
    expect(serviceOfType(fields, 10)).toEqual({ type: 10, privileges: {} })
  })
})

describe('rtm, chat and fpa builders', () => {
  it('rtm token logs in for expire', async () => {
    const fields = await parseAccessToken2(await RtmTokenBuilder2.buildToken({ ...FIXED, userId: 'bob', expire: 600 }))
    expect(fields.expire).toBe(600)
    expect(fields.services).toEqual([{ type: 2, userId: 'bob', privileges: { 1: 600 } }])
  })

  it('rtm2 token carries permissions', async () => {
    const permissions = { 0: { 1: ['chat'], 0: ['news', 'chat'] }, 4: { 0: [] } }
    const token = await RtmTokenBuilder2.buildTokenWithPermissions({ ...FIXED, userId: 'bob', permissions, expire: 600 })
    const fields = await parseAccessToken2(token)
    expect(fields.services).toEqual([{ type: 8, userId: 'bob', permissions, privileges: { 1: 600 } }])
  })

  it('rejects malformed permissions', async () => {
    await expectCode(
      RtmTokenBuilder2.buildTokenWithPermissions({ ...FIXED, userId: 'b', permissions: { 0: { 0: 'chat' } } as never, expire: 60 }),
      'ERR_INVALID_ARGUMENT',
    )
  })

  it('chat user and app tokens', async () => {
    const user = await parseAccessToken2(await ChatTokenBuilder2.buildUserToken({ ...FIXED, userId: 'carol', expire: 60 }))
    expect(user.services).toEqual([{ type: 5, userId: 'carol', privileges: { 1: 60 } }])
    const app = await parseAccessToken2(await ChatTokenBuilder2.buildAppToken({ ...FIXED, expire: 60 }))
    expect(app.services).toEqual([{ type: 5, userId: '', privileges: { 2: 60 } }])
  })

  it('fpa token is fixed at 24 hours', async () => {
    const fields = await parseAccessToken2(await FpaTokenBuilder.buildToken(FIXED))
    expect(FPA_TOKEN_EXPIRE).toBe(86400)
    expect(fields.expire).toBe(FPA_TOKEN_EXPIRE)
    expect(fields.services).toEqual([{ type: 4, privileges: { 1: 0 } }])
  })
})

describe('apaas builders', () => {
  it('room-user token has three services', async () => {
    const userUuid = '学生-07'
    const token = await ApaasTokenBuilder.buildRoomUserToken({ ...FIXED, roomUuid: 'room', userUuid, role: 0, expire: 600 })
    const fields = await parseAccessToken2(token)
    const chatUserId = createHash('md5').update(userUuid, 'utf8').digest('hex')
    expect(fields.services).toEqual([
      { type: 2, userId: userUuid, privileges: { 1: 600 } },
      { type: 5, userId: chatUserId, privileges: { 1: 600 } },
      { type: 7, roomUuid: 'room', userUuid, role: 0, privileges: { 1: 600 } },
    ])
  })

  it('user and app tokens use role -1', async () => {
    const user = await parseAccessToken2(await ApaasTokenBuilder.buildUserToken({ ...FIXED, userUuid: 'u', expire: 60 }))
    expect(user.services).toEqual([{ type: 7, roomUuid: '', userUuid: 'u', role: -1, privileges: { 2: 60 } }])
    const app = await parseAccessToken2(await ApaasTokenBuilder.buildAppToken({ ...FIXED, expire: 60 }))
    expect(app.services).toEqual([{ type: 7, roomUuid: '', userUuid: '', role: -1, privileges: { 3: 60 } }])
  })

  it.each([32768, -32769, 1.5, '1'])('rejects role %j', async (role) => {
    await expectCode(
      ApaasTokenBuilder.buildRoomUserToken({ ...FIXED, roomUuid: 'r', userUuid: 'u', role: role as never, expire: 60 }),
      'ERR_INVALID_INTEGER',
      'role',
    )
  })

  it('education matches apaas', async () => {
    const options = { ...FIXED, roomUuid: 'r', userUuid: 'u', role: 2, expire: 60 }
    expect(await EducationTokenBuilder.buildRoomUserToken(options)).toBe(await ApaasTokenBuilder.buildRoomUserToken(options))
    expect(await EducationTokenBuilder.buildUserToken(options)).toBe(await ApaasTokenBuilder.buildUserToken(options))
    expect(await EducationTokenBuilder.buildAppToken(options)).toBe(await ApaasTokenBuilder.buildAppToken(options))
  })

  it('education names itself in errors', async () => {
    const error = await expectCode(EducationTokenBuilder.buildAppToken(null as never), 'ERR_INVALID_ARGUMENT', 'options')
    expect(error.message).toContain('EducationTokenBuilder.buildAppToken')
  })
})

describe('builder defaults and options', () => {
  it('issueTs defaults to now', async () => {
    const before = Math.floor(Date.now() / 1000)
    const token = await ChatTokenBuilder2.buildAppToken({ appId: APP_ID, appCertificate: APP_CERTIFICATE, expire: 60 })
    const after = Math.floor(Date.now() / 1000)
    const { issueTs } = await parseAccessToken2(token)
    expect(issueTs).toBeGreaterThanOrEqual(before)
    expect(issueTs).toBeLessThanOrEqual(after)
  })

  it('salt defaults to the reference range', async () => {
    const salts = new Set<number>()
    for (let i = 0; i < 20; i++) {
      const token = await FpaTokenBuilder.buildToken({ appId: APP_ID, appCertificate: APP_CERTIFICATE })
      const { salt } = await parseAccessToken2(token)
      expect(salt).toBeGreaterThanOrEqual(1)
      expect(salt).toBeLessThanOrEqual(99_999_999)
      salts.add(salt)
    }
    // 20 draws from 99999999 values all being equal has probability about 1e-152.
    expect(salts.size).toBeGreaterThan(1)
  })

  it('uses the given issueTs and salt', async () => {
    const fields = await parseAccessToken2(await FpaTokenBuilder.buildToken(FIXED))
    expect(fields.issueTs).toBe(FIXED.issueTs)
    expect(fields.salt).toBe(FIXED.salt)
  })

  it('rejects a non-object', async () => {
    const error = await expectCode(RtcTokenBuilder2.buildTokenWithUid('x' as never), 'ERR_INVALID_ARGUMENT', 'options')
    expect(error.message).toContain('RtcTokenBuilder2.buildTokenWithUid')
  })

  it('rejects bad credentials', async () => {
    await expectCode(FpaTokenBuilder.buildToken({ ...FIXED, appId: 'nope' }), 'ERR_INVALID_APP_ID', 'appId')
    await expectCode(
      FpaTokenBuilder.buildToken({ ...FIXED, appCertificate: 'nope' }),
      'ERR_INVALID_APP_CERTIFICATE',
      'appCertificate',
    )
  })

  it('rejects issueTs in milliseconds', async () => {
    await expectCode(FpaTokenBuilder.buildToken({ ...FIXED, issueTs: Date.now() }), 'ERR_TIMESTAMP_IN_MILLISECONDS', 'issueTs')
  })

  it('rejects a missing channelName', async () => {
    await expectCode(
      RtcTokenBuilder2.buildTokenWithUid({ ...FIXED, uid: 1, role: 1, tokenExpire: 60 } as never),
      'ERR_INVALID_ARGUMENT',
      'channelName',
    )
  })

  it('builder objects are frozen', () => {
    for (const builder of [
      RtcTokenBuilder2,
      RtmTokenBuilder2,
      ChatTokenBuilder2,
      FpaTokenBuilder,
      ApaasTokenBuilder,
      EducationTokenBuilder,
      ConvoAITokenBuilder,
      SttTokenBuilder,
    ]) {
      expect(Object.isFrozen(builder)).toBe(true)
    }
  })

  it('root exports the builders', () => {
    expect(root.RtcTokenBuilder2).toBe(RtcTokenBuilder2)
    expect(root.RtmTokenBuilder2).toBe(RtmTokenBuilder2)
    expect(root.ChatTokenBuilder2).toBe(ChatTokenBuilder2)
    expect(root.FpaTokenBuilder).toBe(FpaTokenBuilder)
    expect(root.ApaasTokenBuilder).toBe(ApaasTokenBuilder)
    expect(root.EducationTokenBuilder).toBe(EducationTokenBuilder)
    expect(root.ConvoAITokenBuilder).toBe(ConvoAITokenBuilder)
    expect(root.SttTokenBuilder).toBe(SttTokenBuilder)
    expect(root.RtcRole2).toBe(RtcRole)
  })
})
