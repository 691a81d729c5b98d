import { describe, expect, it } from 'vitest'
import {
  buildAccessToken,
  RtcRole,
  RtcTokenBuilder,
  RtmTokenBuilder,
  verifyAccessToken,
  type AccessTokenVerifyOptions,
} from '../../src/access-token/index.js'
import { crc32, utf8Encode } from '../../src/bytes/index.js'
import { AgoraKeysError } from '../../src/errors.js'

const appId = '970CA35de60c44645bbae8a215061b33'
const appCertificate = '5CFd2fd1755d40ecb72977518be15d3b'
const otherCertificate = 'aCFd2fd1755d40ecb72977518be15d3b'
const now = 1_700_000_000
const later = now + 3600

const tokenOptions = {
  appId,
  appCertificate,
  channelName: 'room',
  role: RtcRole.PUBLISHER,
  privilegeExpiredTs: later,
  salt: 9,
  ts: now + 86400,
}
const token = await RtcTokenBuilder.buildTokenWithUid({ ...tokenOptions, uid: 42 })

const expected: AccessTokenVerifyOptions = { appCertificate, channelName: 'room', uid: 42, now }

async function codes(options: Partial<AccessTokenVerifyOptions>, checked = token): Promise<string[]> {
  const result = await verifyAccessToken(checked, { ...expected, ...options })
  expect(result.valid).toBe(result.reasons.length === 0)
  return result.reasons.map((reason) => reason.code)
}

describe('verifyAccessToken', () => {
  it('accepts a matching token', async () => {
    const result = await verifyAccessToken(token, { ...expected, appId })
    expect(result.valid).toBe(true)
    expect(result.reasons).toEqual([])
    expect(result.fields?.appId).toBe(appId)
  })

  it('flags another certificate', async () => {
    expect(await codes({ appCertificate: otherCertificate })).toEqual(['signature'])
  })

  it('flags another channel', async () => {
    expect(await codes({ channelName: 'room2' })).toEqual(['signature', 'channel-name'])
  })

  it('flags another uid', async () => {
    expect(await codes({ uid: 43 })).toEqual(['signature', 'uid'])
  })

  it('flags uid 0 for a uid token', async () => {
    expect(await codes({ uid: 0 })).toEqual(['signature', 'uid'])
  })

  it('accepts uid 0 tokens for any uid', async () => {
    const anyUser = await RtcTokenBuilder.buildTokenWithUid({ ...tokenOptions, uid: 0 })
    expect(await codes({ uid: 43 }, anyUser)).toEqual([])
    expect(await codes({ uid: 0 }, anyUser)).toEqual([])
    expect(await codes({ uid: undefined }, anyUser)).toEqual([])
    expect(await codes({ uid: undefined, account: 'alice' }, anyUser)).toEqual([])
  })

  it('checks uid 0 tokens otherwise', async () => {
    const anyUser = await RtcTokenBuilder.buildTokenWithUid({ ...tokenOptions, uid: 0 })
    expect(await codes({ uid: 43, channelName: 'room2' }, anyUser)).toEqual(['signature', 'channel-name'])
    expect(await codes({ uid: 43, appCertificate: otherCertificate }, anyUser)).toEqual(['signature'])
  })

  it('verifies a CRC-0 account for itself', async () => {
    // 48 characters chosen so that their CRC-32 is 0, the CRC of uid 0's empty string.
    const account = 'pqqqqpqqqqppqqqqpqqppqqpqppqqqqppppppppppppppppp'
    expect(crc32(utf8Encode(account))).toBe(0)
    const accountToken = await RtcTokenBuilder.buildTokenWithAccount({ ...tokenOptions, account })
    expect(await codes({ uid: undefined, account }, accountToken)).toEqual([])
    expect(await codes({ uid: 43 }, accountToken)).toEqual(['signature'])
  })

  it('accepts the account "42" for uid 42', async () => {
    expect(await codes({ uid: undefined, account: '42' })).toEqual([])
  })

  it('flags an account token joined by uid', async () => {
    const accountToken = await RtcTokenBuilder.buildTokenWithAccount({
      appId,
      appCertificate,
      channelName: 'room',
      account: 'alice',
      role: RtcRole.SUBSCRIBER,
      ts: now + 60,
    })
    expect(await codes({ uid: 42 }, accountToken)).toEqual(['signature', 'uid'])
    expect(await codes({ uid: undefined, account: 'alice' }, accountToken)).toEqual([])
  })

  it('flags another App ID', async () => {
    expect(await codes({ appId: '00000000000000000000000000000000' })).toEqual(['app-id'])
  })

  it('compares App IDs case-insensitively', async () => {
    expect(await codes({ appId: appId.toLowerCase() })).toEqual([])
  })

  it('flags a passed ts', async () => {
    const result = await verifyAccessToken(token, { ...expected, now: now + 86400 })
    expect(result.reasons.map((reason) => reason.code)).toEqual([
      'token-expired',
      'privilege-expired',
      'privilege-expired',
      'privilege-expired',
      'privilege-expired',
    ])
    expect(result.reasons[0]?.message).toContain('expired 0 s ago')
  })

  it('flags each expired privilege', async () => {
    const mixed = await buildAccessToken({
      appId,
      appCertificate,
      channelName: 'room',
      uid: 42,
      privileges: { 1: 0, 2: later, 3: now, 4: now - 1 },
      ts: now + 86400,
    })
    const result = await verifyAccessToken(mixed, expected)
    expect(result.reasons.map((reason) => reason.code)).toEqual(['privilege-expired', 'privilege-expired'])
    expect(result.reasons[0]?.message).toContain('publishVideoStream')
    expect(result.reasons[1]?.message).toContain('publishDataStream')
  })

  it('never expires a 0 privilege', async () => {
    const forever = await buildAccessToken({
      appId,
      appCertificate,
      channelName: 'room',
      uid: 42,
      privileges: { 1: 0 },
      ts: 4294967295,
    })
    expect(await codes({ now: 4294967294 }, forever)).toEqual([])
  })

  it('verifies an RTM token', async () => {
    const rtm = await RtmTokenBuilder.buildToken({ appId, appCertificate, userAccount: 'alice', ts: later })
    expect(await codes({ channelName: 'alice', uid: undefined }, rtm)).toEqual([])
    expect(await codes({ channelName: 'bob', uid: undefined }, rtm)).toEqual(['signature', 'channel-name'])
  })

  it('reports a malformed token', async () => {
    const result = await verifyAccessToken(token.slice(0, -4), expected)
    expect(result.valid).toBe(false)
    expect(result.fields).toBeUndefined()
    expect(result.reasons).toHaveLength(1)
    expect(result.reasons[0]?.code).toBe('malformed')
    expect(result.reasons[0]?.errorCode).toBe('ERR_KEY_TRUNCATED')
  })

  it('reports a non-string token', async () => {
    const result = await verifyAccessToken(undefined as unknown as string, expected)
    expect(result.reasons[0]?.code).toBe('malformed')
    expect(result.reasons[0]?.errorCode).toBe('ERR_INVALID_ARGUMENT')
  })

  it.each([
    ['appCertificate', { appCertificate: 'short' }, 'ERR_INVALID_APP_CERTIFICATE'],
    ['channelName', { channelName: 5 }, 'ERR_INVALID_ARGUMENT'],
    ['uid', { uid: '42' }, 'ERR_UID_NOT_INTEGER'],
    ['account', { account: 'a' }, 'ERR_INVALID_ARGUMENT'],
    ['appId', { appId: 'x' }, 'ERR_INVALID_APP_ID'],
    ['now', { now: Date.now() }, 'ERR_TIMESTAMP_IN_MILLISECONDS'],
  ] as const)('throws for a bad %s', async (field, options, code) => {
    const call = verifyAccessToken(token, { ...expected, ...(options as Partial<AccessTokenVerifyOptions>) })
    await expect(call).rejects.toBeInstanceOf(AgoraKeysError)
    await expect(call).rejects.toMatchObject({ code, field })
  })
})
