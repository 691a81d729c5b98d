import { describe, expect, it } from 'vitest'
import {
  buildAccessToken2,
  verifyAccessToken2,
  type AccessToken2Options,
  type AccessToken2VerifyOptions,
  type VerifyReasonCode,
} from '../../src/access-token2/index.js'
import {
  APP_CERTIFICATE,
  APP_ID,
  ISSUE_TS,
  OTHER_CERTIFICATE,
  rejectionOf,
  rtcOptions,
} from './access-token2-fixtures.js'

/** Builds a token from `build` options and returns the codes verify reports. */
async function codesFor(
  build: Partial<AccessToken2Options>,
  verify: Partial<AccessToken2VerifyOptions> = {},
): Promise<VerifyReasonCode[]> {
  const token = await buildAccessToken2(rtcOptions(build))
  const result = await verifyAccessToken2(token, { appCertificate: APP_CERTIFICATE, now: ISSUE_TS, ...verify })
  expect(result.valid).toBe(result.reasons.length === 0)
  return result.reasons.map((reason) => reason.code)
}

const rtm = { type: 2, privileges: { 1: 600 }, userId: 'u' } as const

describe('verifyAccessToken2 checks', () => {
  it('accepts a fresh token', async () => {
    const token = await buildAccessToken2(rtcOptions())
    const result = await verifyAccessToken2(token, { appCertificate: APP_CERTIFICATE, appId: APP_ID, now: ISSUE_TS })
    expect(result.valid).toBe(true)
    expect(result.reasons).toEqual([])
    expect(result.fields?.appId).toBe(APP_ID)
  })

  it('reports another certificate', async () => {
    expect(await codesFor({}, { appCertificate: OTHER_CERTIFICATE })).toEqual(['signature'])
  })

  it('signs the certificate as text', async () => {
    // The certificate is signed as text, so its case matters.
    expect(await codesFor({}, { appCertificate: APP_CERTIFICATE.toUpperCase() })).toEqual(['signature'])
  })

  it('reports another App ID', async () => {
    expect(await codesFor({}, { appId: '0'.repeat(32) })).toEqual(['app-id'])
  })

  it('ignores App ID case', async () => {
    expect(await codesFor({}, { appId: APP_ID.toLowerCase() })).toEqual([])
  })

  it('reports an expired token', async () => {
    expect(await codesFor({ expire: 600, services: [{ ...rtm, privileges: {} }] }, { now: ISSUE_TS + 600 })).toEqual([
      'token-expired',
    ])
  })

  it('accepts the last valid second', async () => {
    expect(await codesFor({ expire: 600, services: [{ ...rtm, privileges: {} }] }, { now: ISSUE_TS + 599 })).toEqual([])
  })

  it('reads expire zero as unlimited', async () => {
    expect(await codesFor({ expire: 0, services: [{ ...rtm, privileges: { 1: 0 } }] }, { now: ISSUE_TS + 10 ** 8 })).toEqual([])
  })

  it('reports an expired privilege', async () => {
    const services = [{ ...rtm, privileges: { 1: 60 } }]
    const token = await buildAccessToken2(rtcOptions({ expire: 3600, services }))
    const result = await verifyAccessToken2(token, { appCertificate: APP_CERTIFICATE, now: ISSUE_TS + 61 })
    expect(result.reasons.map((reason) => reason.code)).toEqual(['privilege-expired'])
    expect(result.reasons[0]?.message).toContain('privilege 1 of service type 2')
  })

  it('reports each expired privilege', async () => {
    const services = [{ type: 1, privileges: { 1: 60, 2: 30, 3: 3600 }, channelName: 'c', uid: '' }, rtm] as const
    expect(await codesFor({ services }, { now: ISSUE_TS + 700 })).toEqual([
      'privilege-expired',
      'privilege-expired',
      'privilege-expired',
    ])
  })

  it('limits privileges to serviceType', async () => {
    const services = [{ type: 1, privileges: { 1: 60 }, channelName: 'c', uid: '' }, { ...rtm, privileges: { 1: 3600 } }] as const
    expect(await codesFor({ services }, { now: ISSUE_TS + 700, serviceType: 2 })).toEqual([])
    expect(await codesFor({ services }, { now: ISSUE_TS + 700, serviceType: 1 })).toEqual(['privilege-expired'])
  })

  it('reports a missing service type', async () => {
    expect(await codesFor({}, { serviceType: 8 })).toEqual(['service-missing'])
  })

  it('reports a future issueTs', async () => {
    expect(await codesFor({}, { now: ISSUE_TS - 301 })).toEqual(['issued-in-future'])
    expect(await codesFor({}, { now: ISSUE_TS - 300 })).toEqual([])
  })

  it('lists every failed check', async () => {
    const codes = await codesFor(
      { expire: 600 },
      { appCertificate: OTHER_CERTIFICATE, appId: '0'.repeat(32), now: ISSUE_TS + 4000, channelName: 'x' },
    )
    expect(codes).toEqual(['signature', 'app-id', 'token-expired', 'privilege-expired', 'channel-name'])
  })
})

describe('verifyAccessToken2 RTC checks', () => {
  const twoChannels = [
    { type: 1, privileges: { 1: 600 }, channelName: 'a', uid: '7' },
    { type: 1, privileges: { 1: 600 }, channelName: 'b', uid: '' },
  ] as const

  it.each([
    ['matching channel and uid', { channelName: 'a', uid: 7 }, []],
    ['uid given as text', { channelName: 'a', uid: '7' }, []],
    ['another channel', { channelName: 'c' }, ['channel-name']],
    ['another uid', { channelName: 'a', uid: 8 }, ['uid']],
    ['uid 0 against uid 7', { channelName: 'a', uid: 0 }, ['uid']],
    ['wildcard uid', { channelName: 'b', uid: 12345 }, []],
    ['uid 0 on wildcard', { channelName: 'b', uid: 0 }, []],
    ['uid only', { uid: 99 }, []],
    ['account against uid', { channelName: 'a', uid: 'alice' }, ['uid']],
  ] as const)('checks %s', async (_name, verify, expected) => {
    expect(await codesFor({ services: twoChannels }, verify)).toEqual(expected)
  })

  it('wraps a negative uid', async () => {
    const services = [{ type: 1, privileges: {}, channelName: 'a', uid: '4294967295' }] as const
    expect(await codesFor({ services }, { channelName: 'a', uid: -1 })).toEqual([])
  })

  it('matches lone surrogates as signed', async () => {
    // The builder writes a lone surrogate as U+FFFD, as TextEncoder does, so
    // verify must compare the options in that form too.
    const services = [{ type: 1, privileges: {}, channelName: 'a\ud800', uid: 'x\udc00' }] as const
    expect(await codesFor({ services }, { channelName: 'a\ud800', uid: 'x\udc00' })).toEqual([])
    expect(await codesFor({ services }, { channelName: 'a\ufffd', uid: 'x\ufffd' })).toEqual([])
  })

  it('needs an RTC service', async () => {
    expect(await codesFor({ services: [rtm] }, { channelName: 'a' })).toEqual(['service-missing'])
  })

  it('names the stored channel', async () => {
    const token = await buildAccessToken2(rtcOptions())
    const result = await verifyAccessToken2(token, { appCertificate: APP_CERTIFICATE, now: ISSUE_TS, channelName: 'x' })
    expect(result.reasons[0]?.message).toContain('"room-1"')
  })
})

describe('verifyAccessToken2 bad input', () => {
  it('reports a malformed token', async () => {
    const result = await verifyAccessToken2('007!!', { appCertificate: APP_CERTIFICATE })
    expect(result.valid).toBe(false)
    expect(result.reasons).toHaveLength(1)
    expect(result.reasons[0]?.code).toBe('malformed')
    expect(result.reasons[0]?.errorCode).toBe('ERR_KEY_BAD_ENCODING')
    expect(result.fields).toBeUndefined()
  })

  it('reports a non-string token', async () => {
    const result = await verifyAccessToken2(42 as unknown as string, { appCertificate: APP_CERTIFICATE })
    expect(result.reasons[0]?.errorCode).toBe('ERR_INVALID_ARGUMENT')
  })

  it.each([
    ['options missing', undefined, 'ERR_INVALID_ARGUMENT', 'options'],
    ['certificate missing', {}, 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate'],
    ['appId invalid', { appCertificate: APP_CERTIFICATE, appId: 'x' }, 'ERR_INVALID_APP_ID', 'appId'],
    ['now in milliseconds', { appCertificate: APP_CERTIFICATE, now: Date.UTC(2024, 0) }, 'ERR_TIMESTAMP_IN_MILLISECONDS', 'now'],
    ['channelName a number', { appCertificate: APP_CERTIFICATE, channelName: 1 }, 'ERR_INVALID_ARGUMENT', 'channelName'],
    ['uid an object', { appCertificate: APP_CERTIFICATE, uid: {} }, 'ERR_INVALID_ARGUMENT', 'uid'],
    ['uid fractional', { appCertificate: APP_CERTIFICATE, uid: 1.5 }, 'ERR_INVALID_INTEGER', 'uid'],
    ['serviceType negative', { appCertificate: APP_CERTIFICATE, serviceType: -1 }, 'ERR_INVALID_INTEGER', 'serviceType'],
  ])('throws for %s', async (_name, options, code, field) => {
    const token = await buildAccessToken2(rtcOptions())
    const error = await rejectionOf(verifyAccessToken2(token, options as AccessToken2VerifyOptions))
    expect(error.code).toBe(code)
    expect(error.field).toBe(field)
  })

  it('keeps certificate out of reasons', async () => {
    const token = await buildAccessToken2(rtcOptions({ expire: 60 }))
    const result = await verifyAccessToken2(token, {
      appCertificate: OTHER_CERTIFICATE,
      now: ISSUE_TS + 100,
      channelName: 'x',
    })
    const text = JSON.stringify(result).toLowerCase()
    expect(text).not.toContain(OTHER_CERTIFICATE)
    expect(text).not.toContain(APP_CERTIFICATE.toLowerCase())
  })
})
