/**
 * Differential test against the official agora-access-token@2.0.4 package
 * (a dev dependency only). Its AccessToken draws one salt per process and
 * reads ts from the clock. The AccessToken cases therefore construct its class
 * and set `salt` and `ts` on the instance. The builder cases read the salt and
 * ts back from the official token with its own `fromString`.
 */
import { createRequire } from 'node:module'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildAccessToken,
  parseAccessToken,
  RtcTokenBuilder,
  RtmTokenBuilder,
  type RtcRole,
} from '../../src/access-token/index.js'

interface OfficialAccessToken {
  salt: number
  ts: number
  messages: Record<string, number>
  addPriviledge(privilege: number, expireTimestamp: number): void
  build(): string
  fromString(token: string): boolean
}

interface OfficialPackage {
  RtcTokenBuilder: {
    buildTokenWithUid(...args: [string, string, string, number, number, number]): string
    buildTokenWithAccount(...args: [string, string, string, string, number, number]): string
  }
  RtmTokenBuilder: {
    buildToken(...args: [string, string, string, number, number]): string
  }
}

const require = createRequire(import.meta.url)
const official = require('agora-access-token') as OfficialPackage
const { AccessToken: OfficialToken } = require('agora-access-token/src/AccessToken') as {
  AccessToken: new (...args: [string, string, string, number | string]) => OfficialAccessToken
}

const hex32 = fc.stringMatching(/^[0-9a-fA-F]{32}$/)
const uint32 = fc.nat({ max: 0xffffffff })
// Privilege expiries this library accepts: 0 (never) or an absolute timestamp.
const expire = fc.oneof(fc.constant(0), fc.integer({ min: 100_000_000, max: 0xffffffff }))
// Well-formed Unicode only: for a lone surrogate, the official package's CRC (crc-32 1.2.0)
// and its signed bytes (Buffer, which writes U+FFFD) disagree, so no library could match it.
const text = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }))
const uidOrAccount = fc.oneof(
  uint32.map((uid) => ({ uid })),
  fc.constant({ uid: 0 }),
  text.map((account) => ({ account })),
  fc.constant({ account: '0' }),
)
// The official writer packs into a fixed 1024-byte buffer, so at most 160 privileges fit.
const privileges = fc.dictionary(fc.nat({ max: 0xffff }).map(String), expire, { maxKeys: 160 })
const rtcRole = fc.constantFrom<RtcRole>(0, 1, 2, 101)

function officialTs(token: string): { salt: number; ts: number } {
  const parsed = new OfficialToken('', '', '', '')
  expect(parsed.fromString(token)).toBe(true)
  return { salt: parsed.salt, ts: parsed.ts }
}

describe('agora-access-token differential', () => {
  it('matches AccessToken with fixed salt and ts', async () => {
    await fc.assert(
      fc.asyncProperty(
        hex32, hex32, text, uidOrAccount, privileges, uint32, uint32,
        async (appId, appCertificate, channelName, user, privilegeMap, salt, ts) => {
          const uid = 'uid' in user ? user.uid : user.account
          const reference = new OfficialToken(appId, appCertificate, channelName, uid)
          reference.salt = salt
          reference.ts = ts
          for (const [id, value] of Object.entries(privilegeMap)) {
            reference.addPriviledge(Number(id), value)
          }
          const ours = await buildAccessToken({
            appId, appCertificate, channelName, ...user, privileges: privilegeMap, salt, ts,
          })
          expect(ours).toBe(reference.build())
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('matches buildTokenWithUid', async () => {
    await fc.assert(
      fc.asyncProperty(hex32, hex32, text, uint32, rtcRole, expire, async (...args) => {
        const [appId, appCertificate, channelName, uid, role, privilegeExpiredTs] = args
        const reference = official.RtcTokenBuilder.buildTokenWithUid(...args)
        const ours = await RtcTokenBuilder.buildTokenWithUid({
          appId, appCertificate, channelName, uid, role, privilegeExpiredTs, ...officialTs(reference),
        })
        expect(ours).toBe(reference)
      }),
      { numRuns: 1000 },
    )
  })

  it('matches buildTokenWithAccount', async () => {
    await fc.assert(
      fc.asyncProperty(hex32, hex32, text, text, rtcRole, expire, async (...args) => {
        const [appId, appCertificate, channelName, account, role, privilegeExpiredTs] = args
        const reference = official.RtcTokenBuilder.buildTokenWithAccount(...args)
        const ours = await RtcTokenBuilder.buildTokenWithAccount({
          appId, appCertificate, channelName, account, role, privilegeExpiredTs, ...officialTs(reference),
        })
        expect(ours).toBe(reference)
      }),
      { numRuns: 1000 },
    )
  })

  it('matches RtmTokenBuilder.buildToken', async () => {
    await fc.assert(
      fc.asyncProperty(hex32, hex32, text, expire, async (...args) => {
        const [appId, appCertificate, userAccount, privilegeExpiredTs] = args
        const reference = official.RtmTokenBuilder.buildToken(
          appId, appCertificate, userAccount, 1, privilegeExpiredTs,
        )
        const ours = await RtmTokenBuilder.buildToken({
          appId, appCertificate, userAccount, privilegeExpiredTs, ...officialTs(reference),
        })
        expect(ours).toBe(reference)
      }),
      { numRuns: 1000 },
    )
  })

  it('outlasts the official 1024-byte buffer', async () => {
    const many = Object.fromEntries(Array.from({ length: 200 }, (_, id) => [id, 0]))
    const appId = '970CA35de60c44645bbae8a215061b33'
    const appCertificate = '5CFd2fd1755d40ecb72977518be15d3b'
    const reference = new OfficialToken(appId, appCertificate, 'room', 1)
    for (const id of Object.keys(many)) reference.addPriviledge(Number(id), 0)
    expect(() => reference.build()).toThrow(RangeError)
    const ours = await buildAccessToken({
      appId, appCertificate, channelName: 'room', uid: 1, privileges: many,
    })
    expect(parseAccessToken(ours).privileges).toHaveLength(200)
  })
})
