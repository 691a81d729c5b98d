/**
 * Differential test of the "007" builders against the official agora-token@2.0.6
 * package (a dev dependency only). Its AccessToken2 constructor draws issueTs from
 * the clock and salt from Math.random. While this file runs, its `build` method is
 * wrapped so that it first writes the fixed issueTs and salt of the current case into
 * the token object. The same wrapping reproduces every builder case of
 * vectors/access-token2.json (see test/tools/make-extra-vectors.js).
 *
 * Random inputs go through both builders, and the inflated payloads must be equal.
 * Two differences are excluded on purpose and covered by vectors instead:
 * - agora-token's room-user tokens leave out the room-user privilege and write role 0
 *   as -1. This file compares our room-user tokens with tokens assembled from
 *   agora-token's own service classes the way the python3 and C++ builders do.
 * - agora-token writes a negative uid as "-1". This library wraps it to uint32 like
 *   the C++ and Go builders, so uids here are drawn from 0 to 4294967295.
 */
import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { inflateSync } from 'node:zlib'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ApaasTokenBuilder,
  ChatTokenBuilder2,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  FpaTokenBuilder,
  RtcTokenBuilder2,
  RtmTokenBuilder2,
  SttTokenBuilder,
  type Rtm2Permissions,
} from '../../src/access-token2/index.js'

interface OfficialService {
  add_privilege(privilege: number, expire: number): void
}

interface OfficialAccessToken2 {
  issueTs: number
  salt: number
  add_service(service: OfficialService): void
  build: (this: OfficialAccessToken2) => string
}

interface OfficialAccessToken2Module {
  AccessToken2: (new (appId: string, appCertificate: string, issueTs: number, expire: number) => OfficialAccessToken2) & {
    prototype: OfficialAccessToken2
  }
  ServiceApaas: new (roomUuid: string, userUuid: string, role: number) => OfficialService & { __role: number }
  ServiceRtm: new (userId: string) => OfficialService
  ServiceChat: new (userId: string) => OfficialService
  Rtm2Permissions: new () => { details: Record<string, Record<string, string[]>> }
}

type Build = (...args: never[]) => string

interface OfficialPackage {
  RtcTokenBuilder: Record<
    | 'buildTokenWithUid'
    | 'buildTokenWithUserAccount'
    | 'buildTokenWithUidAndPrivilege'
    | 'BuildTokenWithUserAccountAndPrivilege'
    | 'buildTokenWithRtm'
    | 'buildTokenWithRtm2',
    Build
  >
  RtmTokenBuilder: Record<'buildToken' | 'buildTokenWithPermissions', Build>
  ChatTokenBuilder: Record<'buildUserToken' | 'buildAppToken', Build>
  FpaTokenBuilder: Record<'buildToken', Build>
  ApaasTokenBuilder: Record<'buildUserToken' | 'buildAppToken', Build>
  EducationTokenBuilder: Record<'buildUserToken' | 'buildAppToken', Build>
  ConvoAITokenBuilder: Record<'buildToken', Build>
  SttTokenBuilder: Record<'buildToken', Build>
}

const require = createRequire(import.meta.url)
const official = require('agora-token') as OfficialPackage
const officialToken2 = require('agora-token/src/AccessToken2') as OfficialAccessToken2Module

/** issueTs and salt of the case being built, written into each official token by the wrapped build. */
const fixed = { issueTs: 0, salt: 0 }
const originalBuild = officialToken2.AccessToken2.prototype.build

beforeAll(() => {
  officialToken2.AccessToken2.prototype.build = function buildWithFixedFields(this: OfficialAccessToken2) {
    this.issueTs = fixed.issueTs
    this.salt = fixed.salt
    return originalBuild.call(this)
  }
})

afterAll(() => {
  officialToken2.AccessToken2.prototype.build = originalBuild
})

const RUNS = 300
/** Stops drawing new cases after this long, so a slow machine cannot time the file out. */
const TIME_LIMIT_MS = 15_000

const U32_MAX = 0xffffffff
const hex32 = fc.stringMatching(/^[0-9a-fA-F]{32}$/)
const uint32 = fc.nat({ max: U32_MAX })
// Durations the builders accept: up to 100000000 seconds, and the uint32 maximum.
const duration = fc.oneof(fc.nat({ max: 100_000_000 }), fc.constant(U32_MAX), fc.constant(0))
// Only well-formed Unicode, because agora-token's md5 dependency throws on a lone surrogate
// (Buffer and TextEncoder both write it as U+FFFD), so room-user tokens could not be compared.
const text = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constant(''))
const role = fc.constantFrom(1 as const, 2 as const)
const base = fc.record({ appId: hex32, appCertificate: hex32, issueTs: uint32, salt: uint32 })
const rtcExpiries = fc.record({
  joinChannelPrivilegeExpire: duration,
  pubAudioPrivilegeExpire: duration,
  pubVideoPrivilegeExpire: duration,
  pubDataStreamPrivilegeExpire: duration,
})
const rtm2Inputs = fc.record({
  base,
  channelName: text,
  rtcAccount: text,
  rtcRole: role,
  rtcTokenExpire: duration,
  expiries: rtcExpiries,
  rtmUserId: text,
  rtmTokenExpire: duration,
})
const permissionKey = fc.nat({ max: 6 }).map(String)
const permissions = fc.dictionary(
  permissionKey,
  fc.dictionary(permissionKey, fc.array(text, { maxLength: 4 }), { maxKeys: 3 }),
  { maxKeys: 5 },
)

function payloadHex(token: string): string {
  expect(token.startsWith('007')).toBe(true)
  return inflateSync(Buffer.from(token.slice(3), 'base64')).toString('hex')
}

/** Builds with the official package under the fixed issueTs and salt of `input`. */
function officialBuild(input: { readonly issueTs: number; readonly salt: number }, build: () => string): string {
  fixed.issueTs = input.issueTs
  fixed.salt = input.salt
  return build()
}

async function expectSamePayload(
  input: { readonly issueTs: number; readonly salt: number },
  ours: Promise<string>,
  build: () => string,
): Promise<void> {
  const officialPayload = payloadHex(officialBuild(input, build))
  expect(payloadHex(await ours)).toBe(officialPayload)
}

async function check<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>): Promise<void> {
  await fc.assert(fc.asyncProperty(arbitrary, predicate), {
    numRuns: RUNS,
    plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS)],
  })
}

/** Assembles a room-user token from agora-token's service classes the way python3 and C++ do. */
function referenceRoomUserToken(input: {
  readonly appId: string
  readonly appCertificate: string
  readonly roomUuid: string
  readonly userUuid: string
  readonly role: number
  readonly expire: number
}): string {
  const token = new officialToken2.AccessToken2(input.appId, input.appCertificate, 0, input.expire)
  const apaas = new officialToken2.ServiceApaas(input.roomUuid, input.userUuid, input.role)
  // agora-token's constructor turns role 0 into -1, but python3 and C++ keep it.
  apaas.__role = input.role
  apaas.add_privilege(1, input.expire)
  token.add_service(apaas)
  const rtm = new officialToken2.ServiceRtm(input.userUuid)
  rtm.add_privilege(1, input.expire)
  token.add_service(rtm)
  const chat = new officialToken2.ServiceChat(createHash('md5').update(input.userUuid, 'utf8').digest('hex'))
  chat.add_privilege(1, input.expire)
  token.add_service(chat)
  return token.build()
}

/**
 * Copies permissions into agora-token's Rtm2Permissions. Its `details` field is set
 * directly, because its `add` method cannot express a resource type with no
 * permission types, which both libraries pack as a zero count.
 */
function officialPermissions(details: Rtm2Permissions): unknown {
  const result = new officialToken2.Rtm2Permissions()
  for (const [resourceType, byPermission] of Object.entries(details)) {
    const copy: Record<string, string[]> = {}
    for (const [permissionType, resources] of Object.entries(byPermission)) copy[permissionType] = [...resources]
    result.details[resourceType] = copy
  }
  return result
}

describe('agora-token differential', () => {
  it('RtcTokenBuilder2.buildTokenWithUid', async () => {
    const inputs = fc.record({ base, channelName: text, uid: uint32, role, tokenExpire: duration, privilegeExpire: duration })
    await check(inputs, async (i) => {
      await expectSamePayload(
        i.base,
        RtcTokenBuilder2.buildTokenWithUid({ ...i.base, ...i }),
        () =>
          official.RtcTokenBuilder.buildTokenWithUid(
            ...([i.base.appId, i.base.appCertificate, i.channelName, i.uid, i.role, i.tokenExpire, i.privilegeExpire] as never[]),
          ),
      )
    })
  })

  it('RtcTokenBuilder2.buildTokenWithUserAccount', async () => {
    const inputs = fc.record({ base, channelName: text, account: text, role, tokenExpire: duration, privilegeExpire: duration })
    await check(inputs, async (i) => {
      await expectSamePayload(
        i.base,
        RtcTokenBuilder2.buildTokenWithUserAccount({ ...i.base, ...i }),
        () =>
          official.RtcTokenBuilder.buildTokenWithUserAccount(
            ...([i.base.appId, i.base.appCertificate, i.channelName, i.account, i.role, i.tokenExpire, i.privilegeExpire] as never[]),
          ),
      )
    })
  })

  it('RtcTokenBuilder2.buildTokenWithUidAndPrivilege', async () => {
    const inputs = fc.record({ base, channelName: text, uid: uint32, tokenExpire: duration, expiries: rtcExpiries })
    await check(inputs, async (i) => {
      const e = i.expiries
      await expectSamePayload(
        i.base,
        RtcTokenBuilder2.buildTokenWithUidAndPrivilege({ ...i.base, ...e, channelName: i.channelName, uid: i.uid, tokenExpire: i.tokenExpire }),
        () =>
          official.RtcTokenBuilder.buildTokenWithUidAndPrivilege(
            ...([
              i.base.appId, i.base.appCertificate, i.channelName, i.uid, i.tokenExpire,
              e.joinChannelPrivilegeExpire, e.pubAudioPrivilegeExpire, e.pubVideoPrivilegeExpire, e.pubDataStreamPrivilegeExpire,
            ] as never[]),
          ),
      )
    })
  })

  it('RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege', async () => {
    const inputs = fc.record({ base, channelName: text, account: text, tokenExpire: duration, expiries: rtcExpiries })
    await check(inputs, async (i) => {
      const e = i.expiries
      await expectSamePayload(
        i.base,
        RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege({
          ...i.base, ...e, channelName: i.channelName, account: i.account, tokenExpire: i.tokenExpire,
        }),
        () =>
          official.RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(
            ...([
              i.base.appId, i.base.appCertificate, i.channelName, i.account, i.tokenExpire,
              e.joinChannelPrivilegeExpire, e.pubAudioPrivilegeExpire, e.pubVideoPrivilegeExpire, e.pubDataStreamPrivilegeExpire,
            ] as never[]),
          ),
      )
    })
  })

  it('RtcTokenBuilder2.buildTokenWithRtm', async () => {
    const inputs = fc.record({ base, channelName: text, account: text, role, tokenExpire: duration, privilegeExpire: duration })
    await check(inputs, async (i) => {
      await expectSamePayload(
        i.base,
        RtcTokenBuilder2.buildTokenWithRtm({ ...i.base, ...i }),
        () =>
          official.RtcTokenBuilder.buildTokenWithRtm(
            ...([i.base.appId, i.base.appCertificate, i.channelName, i.account, i.role, i.tokenExpire, i.privilegeExpire] as never[]),
          ),
      )
    })
  })

  const rtm2Cases = [
    ['RtcTokenBuilder2.buildTokenWithRtm2', RtcTokenBuilder2.buildTokenWithRtm2, official.RtcTokenBuilder.buildTokenWithRtm2],
    ['ConvoAITokenBuilder.buildToken', ConvoAITokenBuilder.buildToken, official.ConvoAITokenBuilder.buildToken],
    ['SttTokenBuilder.buildToken', SttTokenBuilder.buildToken, official.SttTokenBuilder.buildToken],
  ] as const

  it.each(rtm2Cases)('%s', async (_name, ours, theirs) => {
    await check(rtm2Inputs, async (i) => {
      const e = i.expiries
      await expectSamePayload(
        i.base,
        ours({
          ...i.base, ...e, channelName: i.channelName, rtcAccount: i.rtcAccount, rtcRole: i.rtcRole,
          rtcTokenExpire: i.rtcTokenExpire, rtmUserId: i.rtmUserId, rtmTokenExpire: i.rtmTokenExpire,
        }),
        () =>
          theirs(
            ...([
              i.base.appId, i.base.appCertificate, i.channelName, i.rtcAccount, i.rtcRole, i.rtcTokenExpire,
              e.joinChannelPrivilegeExpire, e.pubAudioPrivilegeExpire, e.pubVideoPrivilegeExpire, e.pubDataStreamPrivilegeExpire,
              i.rtmUserId, i.rtmTokenExpire,
            ] as never[]),
          ),
      )
    })
  })

  it('RtmTokenBuilder2.buildToken', async () => {
    await check(fc.record({ base, userId: text, expire: duration }), async (i) => {
      await expectSamePayload(
        i.base,
        RtmTokenBuilder2.buildToken({ ...i.base, userId: i.userId, expire: i.expire }),
        () => official.RtmTokenBuilder.buildToken(...([i.base.appId, i.base.appCertificate, i.userId, i.expire] as never[])),
      )
    })
  })

  it('RtmTokenBuilder2.buildTokenWithPermissions', async () => {
    await check(fc.record({ base, userId: text, permissions, expire: duration }), async (i) => {
      await expectSamePayload(
        i.base,
        RtmTokenBuilder2.buildTokenWithPermissions({ ...i.base, userId: i.userId, permissions: i.permissions, expire: i.expire }),
        () =>
          official.RtmTokenBuilder.buildTokenWithPermissions(
            ...([i.base.appId, i.base.appCertificate, i.userId, officialPermissions(i.permissions), i.expire] as never[]),
          ),
      )
    })
  })

  it('ChatTokenBuilder2 user and app', async () => {
    await check(fc.record({ base, userId: text, expire: duration }), async (i) => {
      await expectSamePayload(
        i.base,
        ChatTokenBuilder2.buildUserToken({ ...i.base, userId: i.userId, expire: i.expire }),
        () => official.ChatTokenBuilder.buildUserToken(...([i.base.appId, i.base.appCertificate, i.userId, i.expire] as never[])),
      )
      await expectSamePayload(
        i.base,
        ChatTokenBuilder2.buildAppToken({ ...i.base, expire: i.expire }),
        () => official.ChatTokenBuilder.buildAppToken(...([i.base.appId, i.base.appCertificate, i.expire] as never[])),
      )
    })
  })

  it('FpaTokenBuilder.buildToken', async () => {
    await check(base, async (b) => {
      await expectSamePayload(b, FpaTokenBuilder.buildToken(b), () =>
        official.FpaTokenBuilder.buildToken(...([b.appId, b.appCertificate] as never[])),
      )
    })
  })

  const apaasCases = [
    ['ApaasTokenBuilder', ApaasTokenBuilder, official.ApaasTokenBuilder],
    ['EducationTokenBuilder', EducationTokenBuilder, official.EducationTokenBuilder],
  ] as const

  it.each(apaasCases)('%s user and app', async (_name, ours, theirs) => {
    await check(fc.record({ base, userUuid: text, expire: duration }), async (i) => {
      await expectSamePayload(
        i.base,
        ours.buildUserToken({ ...i.base, userUuid: i.userUuid, expire: i.expire }),
        () => theirs.buildUserToken(...([i.base.appId, i.base.appCertificate, i.userUuid, i.expire] as never[])),
      )
      await expectSamePayload(
        i.base,
        ours.buildAppToken({ ...i.base, expire: i.expire }),
        () => theirs.buildAppToken(...([i.base.appId, i.base.appCertificate, i.expire] as never[])),
      )
    })
  })

  it.each(apaasCases)('%s room user', async (_name, ours) => {
    const inputs = fc.record({
      base,
      roomUuid: text,
      userUuid: text,
      role: fc.integer({ min: -0x8000, max: 0x7fff }),
      expire: duration,
    })
    await check(inputs, async (i) => {
      const fields = { ...i.base, roomUuid: i.roomUuid, userUuid: i.userUuid, role: i.role, expire: i.expire }
      await expectSamePayload(i.base, ours.buildRoomUserToken(fields), () => referenceRoomUserToken(fields))
    })
  })
})
