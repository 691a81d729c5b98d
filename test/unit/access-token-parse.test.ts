import { describe, expect, it } from 'vitest'
import {
  AccessTokenPrivilege,
  buildAccessToken,
  MAX_ACCESS_TOKEN_LENGTH,
  MAX_ACCESS_TOKEN_PRIVILEGES,
  matchAccessTokenCrcs,
  parseAccessToken,
  verifyAccessToken,
  type AccessTokenOptions,
} from '../../src/access-token/index.js'
import { base64Encode, ByteWriter } from '../../src/bytes/index.js'
import { AgoraKeysError } from '../../src/errors.js'

const appId = '970CA35de60c44645bbae8a215061b33'
const appCertificate = '5CFd2fd1755d40ecb72977518be15d3b'
const expire = 1_900_000_000

/** Parses and returns the AgoraKeysError it throws. */
function parseError(token: unknown): AgoraKeysError {
  try {
    parseAccessToken(token as string)
  } catch (error) {
    if (error instanceof AgoraKeysError) return error
    throw error
  }
  throw new Error('expected an AgoraKeysError, but the token parsed')
}

interface Parts {
  signature?: Uint8Array
  message?: Uint8Array
  contentTail?: Uint8Array
}

function message(privileges: [number, number][], tail = new Uint8Array(0)): Uint8Array {
  const writer = new ByteWriter().putUint32(1, 'salt').putUint32(2, 'ts')
  writer.putUint16(privileges.length, 'count')
  for (const [id, value] of privileges) writer.putUint16(id, 'id').putUint32(value, 'value')
  return writer.putRaw(tail).toBytes()
}

/** Packs a "006" token from raw parts, so tests can write what no builder would. */
function rawToken(parts: Parts = {}): string {
  const content = new ByteWriter()
    .putBytes(parts.signature ?? new Uint8Array(32), 'signature')
    .putUint32(0, 'crcChannelName')
    .putUint32(0, 'crcUid')
    .putBytes(parts.message ?? message([[1, expire]]), 'message')
    .putRaw(parts.contentTail ?? new Uint8Array(0))
    .toBytes()
  return '006' + appId + base64Encode(content)
}

describe('parseAccessToken fields', () => {
  it('names known privileges', async () => {
    const token = await buildAccessToken({
      appId,
      appCertificate,
      channelName: 'room',
      uid: 42,
      salt: 5,
      ts: 6,
      privileges: { [AccessTokenPrivilege.joinChannel]: expire, 77: 0, [AccessTokenPrivilege.rtmLogin]: 0 },
    })
    const fields = parseAccessToken(token)
    expect(fields.privileges).toEqual([
      { id: 1, name: 'joinChannel', expireTimestamp: expire },
      { id: 77, name: undefined, expireTimestamp: 0 },
      { id: 1000, name: 'rtmLogin', expireTimestamp: 0 },
    ])
    expect(fields.salt).toBe(5)
    expect(fields.ts).toBe(6)
    expect(fields.appId).toBe(appId)
  })

  it('keeps stored privilege order', () => {
    const fields = parseAccessToken(rawToken({ message: message([[4, 0], [1, expire]]) }))
    expect(fields.privileges.map((entry) => entry.id)).toEqual([4, 1])
  })

  it('takes a Map of privileges', async () => {
    const fromMap = await buildAccessToken({
      appId, appCertificate, channelName: 'r', salt: 1, ts: 2, privileges: new Map([[2, expire], [1, 0]]),
    })
    const fromObject = await buildAccessToken({
      appId, appCertificate, channelName: 'r', salt: 1, ts: 2, privileges: { 1: 0, 2: expire },
    })
    expect(fromMap).toBe(fromObject)
  })
})

describe('parseAccessToken rejections', () => {
  it.each([
    ['not a string', 42, 'ERR_INVALID_ARGUMENT', 'token'],
    ['too long', '006' + 'A'.repeat(MAX_ACCESS_TOKEN_LENGTH), 'ERR_KEY_TOO_LONG', 'token'],
    ['007 token', '007eJxTYLi6OJWDZ73NPbF27Ycb', 'ERR_KEY_UNKNOWN_VERSION', 'version'],
    ['empty string', '', 'ERR_KEY_UNKNOWN_VERSION', 'version'],
    ['short header', '006970CA35de', 'ERR_KEY_TRUNCATED', 'appId'],
    ['non-hex App ID', '006' + 'g'.repeat(32) + 'AAAA', 'ERR_KEY_INVALID_FIELD', 'appId'],
    ['bad base64', '006' + appId + 'AA AA', 'ERR_KEY_BAD_ENCODING', 'token content'],
    ['URL-safe base64', '006' + appId + 'AA-_', 'ERR_KEY_BAD_ENCODING', 'token content'],
    ['empty content', '006' + appId, 'ERR_KEY_TRUNCATED', 'signature length'],
  ] as const)('rejects %s', (_name, token, code, field) => {
    const error = parseError(token)
    expect(error.code).toBe(code)
    expect(error.field).toBe(field)
  })

  it('rejects a short signature', () => {
    const error = parseError(rawToken({ signature: new Uint8Array(20) }))
    expect(error.code).toBe('ERR_KEY_INVALID_FIELD')
    expect(error.field).toBe('signature')
  })

  it('rejects content trailing bytes', () => {
    const error = parseError(rawToken({ contentTail: new Uint8Array([0]) }))
    expect(error.code).toBe('ERR_KEY_TRAILING_BYTES')
    expect(error.field).toBe('token content')
  })

  it('rejects message trailing bytes', () => {
    const error = parseError(rawToken({ message: message([[1, 0]], new Uint8Array([9])) }))
    expect(error.code).toBe('ERR_KEY_TRAILING_BYTES')
    expect(error.field).toBe('message')
  })

  it('rejects duplicate privilege ids', () => {
    const error = parseError(rawToken({ message: message([[1, 0], [1, expire]]) }))
    expect(error.code).toBe('ERR_KEY_INVALID_FIELD')
    expect(error.field).toBe('privileges')
  })

  it('rejects an oversized privilege count', () => {
    const bytes = new ByteWriter().putUint32(1, 'salt').putUint32(2, 'ts').putUint16(65535, 'count').toBytes()
    const error = parseError(rawToken({ message: bytes }))
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.field).toBe('privileges')
  })

  it('rejects a truncated message', () => {
    const error = parseError(rawToken({ message: new Uint8Array([1, 0, 0, 0, 2, 0]) }))
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.field).toBe('ts')
  })
})

describe('matchAccessTokenCrcs', () => {
  it('reports each CRC separately', async () => {
    const token = await buildAccessToken({ appId, appCertificate, channelName: 'room', uid: 42, privileges: {} })
    const fields = parseAccessToken(token)
    expect(matchAccessTokenCrcs(fields, { channelName: 'room', uid: 42 })).toEqual({ channelName: true, uid: true })
    expect(matchAccessTokenCrcs(fields, { channelName: 'room', account: '42' })).toEqual({ channelName: true, uid: true })
    expect(matchAccessTokenCrcs(fields, { channelName: 'room', uid: 43 })).toEqual({ channelName: true, uid: false })
    expect(matchAccessTokenCrcs(fields, { channelName: 'other', uid: 42 })).toEqual({ channelName: false, uid: true })
    expect(matchAccessTokenCrcs(fields, { channelName: 'room' })).toEqual({ channelName: true, uid: false })
  })

  it('rejects uid and account together', () => {
    try {
      matchAccessTokenCrcs({ crcChannelName: 0, crcUid: 0 }, { channelName: 'a', uid: 1, account: '1' })
      expect.unreachable('matchAccessTokenCrcs accepted both uid and account')
    } catch (error) {
      expect(error).toBeInstanceOf(AgoraKeysError)
      expect((error as AgoraKeysError).code).toBe('ERR_INVALID_ARGUMENT')
      expect((error as AgoraKeysError).field).toBe('account')
    }
  })
})

describe('long inputs and many privileges', () => {
  const base: Omit<AccessTokenOptions, 'privileges'> = {
    appId,
    appCertificate,
    channelName: 'room',
    uid: 7,
    salt: 3,
    ts: 1_800_000_000,
  }

  it('signs a 100000-character channel name', async () => {
    const channelName = 'ch€'.repeat(100_000 / 3)
    const token = await buildAccessToken({ ...base, channelName, privileges: { 1: expire } })
    const result = await verifyAccessToken(token, { appCertificate, channelName, uid: 7, now: 1_700_000_000 })
    expect(result.reasons).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('signs a long account', async () => {
    const account = 'user-'.repeat(20_000)
    const token = await buildAccessToken({ ...base, uid: undefined, account, privileges: { 1: expire } })
    const result = await verifyAccessToken(token, { appCertificate, channelName: 'room', account, now: 1_700_000_000 })
    expect(result.valid).toBe(true)
  })

  it('packs the maximum privilege count', async () => {
    const privileges = new Map<number, number>()
    for (let id = 0; id < MAX_ACCESS_TOKEN_PRIVILEGES; id++) privileges.set(id, expire + id)
    const token = await buildAccessToken({ ...base, privileges })
    expect(token.length).toBe(MAX_ACCESS_TOKEN_LENGTH)
    const fields = parseAccessToken(token)
    expect(fields.privileges.length).toBe(MAX_ACCESS_TOKEN_PRIVILEGES)
    expect(fields.privileges.at(-1)).toEqual({
      id: MAX_ACCESS_TOKEN_PRIVILEGES - 1,
      name: undefined,
      expireTimestamp: expire + MAX_ACCESS_TOKEN_PRIVILEGES - 1,
    })
    const result = await verifyAccessToken(token, { appCertificate, channelName: 'room', uid: 7, now: 1_700_000_000 })
    expect(result.valid).toBe(true)
  })

  it('rejects one privilege too many', async () => {
    const privileges = new Map<number, number>()
    for (let id = 0; id <= MAX_ACCESS_TOKEN_PRIVILEGES; id++) privileges.set(id, 0)
    await expect(buildAccessToken({ ...base, privileges })).rejects.toMatchObject({
      code: 'ERR_VALUE_TOO_LONG',
      field: 'privileges',
    })
  })

  it.each([
    ['negative id', { '-1': 0 }, 'ERR_INVALID_INTEGER', 'privileges'],
    ['id above uint16', { 65536: 0 }, 'ERR_INVALID_INTEGER', 'privileges'],
    ['zero-padded id', { '01': 1_800_000_000 }, 'ERR_INVALID_INTEGER', 'privileges'],
    ['repeated id', new Map<unknown, number>([[1, 1_800_000_000], ['1', 1_800_000_000]]), 'ERR_INVALID_ARGUMENT', 'privileges'],
    ['duration expiry', { 1: 3600 }, 'ERR_EXPIRE_LOOKS_LIKE_DURATION', 'privileges[1]'],
    ['non-number expiry', { 1: '0' }, 'ERR_INVALID_INTEGER', 'privileges[1]'],
  ] as const)('rejects a %s', async (_name, privileges, code, field) => {
    await expect(
      buildAccessToken({ ...base, privileges: privileges as unknown as Record<number, number> }),
    ).rejects.toMatchObject({ code, field })
  })

  it('rejects missing privileges', async () => {
    await expect(
      buildAccessToken({ ...base } as unknown as AccessTokenOptions),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'privileges' })
  })
})
