import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  AccessTokenPrivilege,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  MIN_PRIVILEGE_EXPIRE_TIMESTAMP,
  parseAccessToken,
  RtcRole,
  rtcRolePrivileges,
  RtcTokenBuilder,
  RtmRole,
  RtmTokenBuilder,
  type RtcTokenWithUidOptions,
} from '../../src/access-token/index.js'
import { crc32, utf8Encode } from '../../src/bytes/index.js'
import { AgoraKeysError } from '../../src/errors.js'

const appId = '970CA35de60c44645bbae8a215061b33'
const appCertificate = '5CFd2fd1755d40ecb72977518be15d3b'
const expire = 1_900_000_000
const fixed = { appId, appCertificate, salt: 7, ts: 1_800_000_000 }

/** Runs `call` and returns the AgoraKeysError it throws. */
async function rejection(call: () => Promise<unknown>): Promise<AgoraKeysError> {
  try {
    await call()
  } catch (error) {
    if (error instanceof AgoraKeysError) return error
    throw error
  }
  throw new Error('expected an AgoraKeysError, but the call succeeded')
}

function withUid(overrides: Record<string, unknown>): Promise<string> {
  const options = { ...fixed, channelName: 'room', uid: 42, role: RtcRole.PUBLISHER, ...overrides }
  return RtcTokenBuilder.buildTokenWithUid(options)
}

describe('buildTokenWithUid uid rule', () => {
  it.each(['0', '9854785632', '3f2b8c1e-2f4d-4b8a-9a61-0c2f3e4d5a6b'])(
    'rejects the string uid %s',
    async (uid) => {
      const error = await rejection(() => withUid({ uid }))
      expect(error.code).toBe('ERR_UID_NOT_INTEGER')
      expect(error.field).toBe('uid')
      expect(error.message).toContain('buildTokenWithAccount')
    },
  )

  it('suggests the integer for digits', async () => {
    const error = await rejection(() => withUid({ uid: '12345' }))
    expect(error.message).toContain('uid: 12345')
  })

  it('rejects a fractional uid', async () => {
    const error = await rejection(() => withUid({ uid: 1.5 }))
    expect(error.code).toBe('ERR_INVALID_INTEGER')
    expect(error.field).toBe('uid')
  })

  it('rejects a missing uid', async () => {
    const error = await rejection(() => withUid({ uid: undefined }))
    expect(error.code).toBe('ERR_INVALID_INTEGER')
    expect(error.field).toBe('uid')
  })

  it('signs uid 0 as the empty account', async () => {
    const byUid = await withUid({ uid: 0 })
    const byAccount = await RtcTokenBuilder.buildTokenWithAccount({
      ...fixed,
      channelName: 'room',
      account: '',
      role: RtcRole.PUBLISHER,
    })
    expect(byUid).toBe(byAccount)
    expect(parseAccessToken(byUid).crcUid).toBe(0)
  })

  it('signs account "0" unlike uid 0', async () => {
    const byUid = await withUid({ uid: 0 })
    const byAccount = await RtcTokenBuilder.buildTokenWithAccount({
      ...fixed,
      channelName: 'room',
      account: '0',
      role: RtcRole.PUBLISHER,
    })
    expect(byAccount).not.toBe(byUid)
    expect(parseAccessToken(byAccount).crcUid).toBe(crc32(utf8Encode('0')))
  })

  it('wraps a negative uid', async () => {
    expect(await withUid({ uid: -1 })).toBe(await withUid({ uid: 4294967295 }))
  })

  it('signs a uid as its digits', async () => {
    const byUid = await withUid({ uid: 2882341273 })
    const byAccount = await RtcTokenBuilder.buildTokenWithAccount({
      ...fixed,
      channelName: 'room',
      account: '2882341273',
      role: RtcRole.PUBLISHER,
    })
    expect(byUid).toBe(byAccount)
  })
})

describe('privilege expiry checks', () => {
  it.each([1, 3600, 86400, MIN_PRIVILEGE_EXPIRE_TIMESTAMP - 1])('rejects duration %i', async (value) => {
    const error = await rejection(() => withUid({ privilegeExpiredTs: value }))
    expect(error.code).toBe('ERR_EXPIRE_LOOKS_LIKE_DURATION')
    expect(error.field).toBe('privilegeExpiredTs')
    expect(error.message).toContain(`Math.floor(Date.now() / 1000) + ${String(value)}`)
  })

  it('accepts the smallest timestamp', async () => {
    const token = await withUid({ privilegeExpiredTs: MIN_PRIVILEGE_EXPIRE_TIMESTAMP })
    const expiries = parseAccessToken(token).privileges.map((entry) => entry.expireTimestamp)
    expect(new Set(expiries)).toEqual(new Set([MIN_PRIVILEGE_EXPIRE_TIMESTAMP]))
  })

  it('accepts 0 as never', async () => {
    const token = await withUid({ privilegeExpiredTs: 0 })
    const expiries = parseAccessToken(token).privileges.map((entry) => entry.expireTimestamp)
    expect(new Set(expiries)).toEqual(new Set([0]))
  })

  it('defaults privilegeExpiredTs to 0', async () => {
    expect(await withUid({ privilegeExpiredTs: undefined })).toBe(await withUid({ privilegeExpiredTs: 0 }))
  })

  it('rejects milliseconds', async () => {
    const error = await rejection(() => withUid({ privilegeExpiredTs: 1_900_000_000_000 }))
    expect(error.code).toBe('ERR_TIMESTAMP_IN_MILLISECONDS')
    expect(error.field).toBe('privilegeExpiredTs')
  })

  it('checks RTM expiry too', async () => {
    const error = await rejection(() =>
      RtmTokenBuilder.buildToken({ ...fixed, userAccount: 'alice', privilegeExpiredTs: 600 }),
    )
    expect(error.code).toBe('ERR_EXPIRE_LOOKS_LIKE_DURATION')
    expect(error.field).toBe('privilegeExpiredTs')
  })
})

describe('RtcRole privilege sets', () => {
  const publisher = [1, 2, 3, 4]
  it.each([
    ['ATTENDEE', RtcRole.ATTENDEE, publisher],
    ['PUBLISHER', RtcRole.PUBLISHER, publisher],
    ['SUBSCRIBER', RtcRole.SUBSCRIBER, [1]],
    ['ADMIN', RtcRole.ADMIN, publisher],
  ] as const)('builds %s', async (_name, role, ids) => {
    expect(rtcRolePrivileges[role]).toEqual(ids)
    const token = await withUid({ role, privilegeExpiredTs: expire })
    const privileges = parseAccessToken(token).privileges
    expect(privileges.map((entry) => entry.id)).toEqual(ids)
    expect(privileges.every((entry) => entry.expireTimestamp === expire)).toBe(true)
  })

  it.each([3, -1, '1', undefined])('rejects role %s', async (role) => {
    const error = await rejection(() => withUid({ role }))
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('role')
  })
})

describe('RtmTokenBuilder.buildToken', () => {
  it('signs the account as channel', async () => {
    const token = await RtmTokenBuilder.buildToken({
      ...fixed,
      userAccount: 'alice',
      role: RtmRole.Rtm_User,
      privilegeExpiredTs: expire,
    })
    const fields = parseAccessToken(token)
    expect(fields.crcChannelName).toBe(crc32(utf8Encode('alice')))
    expect(fields.crcUid).toBe(0)
    expect(fields.privileges).toEqual([
      { id: AccessTokenPrivilege.rtmLogin, name: 'rtmLogin', expireTimestamp: expire },
    ])
  })

  it('defaults the role', async () => {
    const withRole = await RtmTokenBuilder.buildToken({ ...fixed, userAccount: 'a', role: RtmRole.Rtm_User })
    const withoutRole = await RtmTokenBuilder.buildToken({ ...fixed, userAccount: 'a' })
    expect(withoutRole).toBe(withRole)
  })

  it('rejects another role', async () => {
    const error = await rejection(() =>
      RtmTokenBuilder.buildToken({ ...fixed, userAccount: 'a', role: 2 as RtmRole }),
    )
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('role')
  })

  it('rejects a numeric account', async () => {
    const error = await rejection(() =>
      RtmTokenBuilder.buildToken({ ...fixed, userAccount: 42 as unknown as string }),
    )
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('userAccount')
  })
})

describe('builder defaults', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sets ts to now plus 24 hours', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(1_700_000_000_500))
    const token = await withUid({ ts: undefined })
    expect(parseAccessToken(token).ts).toBe(1_700_000_000 + DEFAULT_TOKEN_LIFETIME_SECONDS)
  })

  it('draws a fresh salt per token', async () => {
    const salts = new Set<number>()
    for (let i = 0; i < 20; i++) {
      const salt = parseAccessToken(await withUid({ salt: undefined })).salt
      expect(salt).toBeGreaterThanOrEqual(1)
      expect(salt).toBeLessThanOrEqual(99_999_999)
      salts.add(salt)
    }
    // 20 draws from 99999999 values all being equal has probability about 1e-152.
    expect(salts.size).toBeGreaterThan(1)
  })

  it('keeps an explicit salt and ts', async () => {
    const fields = parseAccessToken(await withUid({ salt: 4294967295, ts: 0 }))
    expect(fields.salt).toBe(4294967295)
    expect(fields.ts).toBe(0)
  })
})

describe('builder option checks', () => {
  it.each([
    ['appId', { appId: 'abc' }, 'ERR_INVALID_APP_ID'],
    ['appCertificate', { appCertificate: 42 }, 'ERR_INVALID_APP_CERTIFICATE'],
    ['channelName', { channelName: undefined }, 'ERR_INVALID_ARGUMENT'],
    ['salt', { salt: -1 }, 'ERR_INVALID_INTEGER'],
    ['ts', { ts: 1.5 }, 'ERR_INVALID_INTEGER'],
    ['ts', { ts: Date.now() }, 'ERR_TIMESTAMP_IN_MILLISECONDS'],
  ] as const)('rejects a bad %s', async (field, overrides, code) => {
    const error = await rejection(() => withUid(overrides))
    expect(error.code).toBe(code)
    expect(error.field).toBe(field)
  })

  it('never puts the certificate in messages', async () => {
    const error = await rejection(() => withUid({ appCertificate: 'zz' + appCertificate.slice(2) }))
    expect(error.message).not.toContain(appCertificate.slice(2))
  })

  it('rejects a non-object', async () => {
    const error = await rejection(() =>
      RtcTokenBuilder.buildTokenWithUid('token' as unknown as RtcTokenWithUidOptions),
    )
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('options')
  })
})
