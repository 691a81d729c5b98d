import { describe, expect, it } from 'vitest'
import {
  MAX_ACCESS_TOKEN2_PAYLOAD_BYTES,
  buildAccessToken2,
  buildAccessToken2Payload,
  parseAccessToken2,
  type AccessToken2Options,
  type RtcService,
} from '../../src/access-token2/index.js'
import { SALT_MAX, SALT_MIN } from '../../src/access-token2/inputs.js'
import * as root from '../../src/index.js'
import { nowSeconds } from '../../src/validate.js'
import { APP_CERTIFICATE, ISSUE_TS, everyService, rejectionOf, rtcOptions } from './access-token2-fixtures.js'

const rtc: RtcService = { type: 1, privileges: { 1: 600 }, channelName: 'room-1', uid: '42' }

/** Options with one field replaced by a value of any type, for rejection rows. */
function withField(field: string, value: unknown): unknown {
  return { ...rtcOptions(), [field]: value }
}

function withService(service: Record<string, unknown>): unknown {
  return { ...rtcOptions(), services: [service] }
}

const rejections: readonly (readonly [string, unknown, string, string])[] = [
  ['options not an object', 'token', 'ERR_INVALID_ARGUMENT', 'options'],
  ['appId too short', withField('appId', 'abc'), 'ERR_INVALID_APP_ID', 'appId'],
  ['certificate not hex', withField('appCertificate', 'z'.repeat(32)), 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate'],
  ['expire missing', withField('expire', undefined), 'ERR_INVALID_INTEGER', 'expire'],
  ['expire negative', withField('expire', -1), 'ERR_INVALID_INTEGER', 'expire'],
  ['expire fractional', withField('expire', 1.5), 'ERR_INVALID_INTEGER', 'expire'],
  ['expire a timestamp', withField('expire', 1_700_003_600), 'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP', 'expire'],
  ['expire just over limit', withField('expire', 100_000_001), 'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP', 'expire'],
  ['issueTs in milliseconds', withField('issueTs', 1_700_000_000_000), 'ERR_TIMESTAMP_IN_MILLISECONDS', 'issueTs'],
  ['issueTs a string', withField('issueTs', '1700000000'), 'ERR_INVALID_INTEGER', 'issueTs'],
  ['salt negative', withField('salt', -1), 'ERR_INVALID_INTEGER', 'salt'],
  ['salt above uint32', withField('salt', 2 ** 32), 'ERR_INVALID_INTEGER', 'salt'],
  ['services missing', withField('services', undefined), 'ERR_INVALID_ARGUMENT', 'services'],
  ['services empty', withField('services', []), 'ERR_INVALID_ARGUMENT', 'services'],
  ['service not an object', withField('services', [null]), 'ERR_INVALID_ARGUMENT', 'services[0]'],
  ['service type unknown', withService({ ...rtc, type: 11 }), 'ERR_INVALID_ARGUMENT', 'services[0].type'],
  ['service type zero', withService({ ...rtc, type: 0 }), 'ERR_INVALID_ARGUMENT', 'services[0].type'],
  ['service type a string', withService({ ...rtc, type: '1' }), 'ERR_INVALID_ARGUMENT', 'services[0].type'],
  ['channelName missing', withService({ ...rtc, channelName: undefined }), 'ERR_INVALID_ARGUMENT', 'services[0].channelName'],
  ['uid a number', withService({ ...rtc, uid: 42 }), 'ERR_INVALID_ARGUMENT', 'services[0].uid'],
  ['userId missing', withService({ type: 2, privileges: {} }), 'ERR_INVALID_ARGUMENT', 'services[0].userId'],
  ['account missing', withService({ type: 3, privileges: {}, channelName: '' }), 'ERR_INVALID_ARGUMENT', 'services[0].account'],
  ['privileges missing', withService({ ...rtc, privileges: undefined }), 'ERR_INVALID_ARGUMENT', 'services[0].privileges'],
  ['privileges an array', withService({ ...rtc, privileges: [600] }), 'ERR_INVALID_ARGUMENT', 'services[0].privileges'],
  ['privileges a Map', withService({ ...rtc, privileges: new Map([[1, 600]]) }), 'ERR_INVALID_ARGUMENT', 'services[0].privileges'],
  ['permissions a Map', withService({ type: 8, privileges: {}, userId: '', permissions: new Map([[0, { 0: ['ch'] }]]) }), 'ERR_INVALID_ARGUMENT', 'services[0].permissions'],
  ['permission types a Set', withService({ type: 8, privileges: {}, userId: '', permissions: { 0: new Set(['ch']) } }), 'ERR_INVALID_ARGUMENT', 'services[0].permissions[0]'],
  ['privilege id not numeric', withService({ ...rtc, privileges: { join: 600 } }), 'ERR_INVALID_INTEGER', 'services[0].privileges'],
  ['privilege id above uint16', withService({ ...rtc, privileges: { 65536: 600 } }), 'ERR_INVALID_INTEGER', 'services[0].privileges'],
  ['privilege id with sign', withService({ ...rtc, privileges: { '-1': 600 } }), 'ERR_INVALID_INTEGER', 'services[0].privileges'],
  ['privilege a timestamp', withService({ ...rtc, privileges: { 1: 1_700_003_600 } }), 'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP', 'services[0].privileges[1]'],
  ['privilege negative', withService({ ...rtc, privileges: { 1: -5 } }), 'ERR_INVALID_INTEGER', 'services[0].privileges[1]'],
  ['role above int16', withService({ type: 7, privileges: {}, roomUuid: '', userUuid: '', role: 32768 }), 'ERR_INVALID_INTEGER', 'services[0].role'],
  ['role missing', withService({ type: 7, privileges: {}, roomUuid: '', userUuid: '' }), 'ERR_INVALID_INTEGER', 'services[0].role'],
  ['permissions missing', withService({ type: 8, privileges: {}, userId: '' }), 'ERR_INVALID_ARGUMENT', 'services[0].permissions'],
  ['permission names not array', withService({ type: 8, privileges: {}, userId: '', permissions: { 0: { 0: 'ch' } } }), 'ERR_INVALID_ARGUMENT', 'services[0].permissions[0][0]'],
  ['permission name a number', withService({ type: 8, privileges: {}, userId: '', permissions: { 0: { 0: [1] } } }), 'ERR_INVALID_ARGUMENT', 'services[0].permissions[0][0][0]'],
  ['resource type above uint16', withService({ type: 8, privileges: {}, userId: '', permissions: { 70000: {} } }), 'ERR_INVALID_INTEGER', 'services[0].permissions'],
  ['channelName over 65535 bytes', withService({ ...rtc, channelName: 'x'.repeat(65_536) }), 'ERR_VALUE_TOO_LONG', 'services[0].channelName'],
  ['payload over the cap', withField('services', [{ ...rtc, channelName: 'x'.repeat(40_000) }, { ...rtc, channelName: 'y'.repeat(40_000) }]), 'ERR_VALUE_TOO_LONG', 'services'],
]

describe('buildAccessToken2 input errors', () => {
  it.each(rejections)('rejects %s', async (_name, options, code, field) => {
    const error = await rejectionOf(buildAccessToken2(options as AccessToken2Options))
    expect(error.code).toBe(code)
    expect(error.field).toBe(field)
  })

  it.each(rejections)('keeps certificate out: %s', async (_name, options) => {
    const error = await rejectionOf(buildAccessToken2Payload(options as AccessToken2Options))
    expect(error.message.toLowerCase()).not.toContain(APP_CERTIFICATE.toLowerCase())
    expect(JSON.stringify(error).toLowerCase()).not.toContain(APP_CERTIFICATE.toLowerCase())
  })

  it('explains a timestamp expire', async () => {
    const error = await rejectionOf(buildAccessToken2(rtcOptions({ expire: 1_700_003_600 })))
    expect(error.message).toContain('1700003600')
    expect(error.message).toContain('duration in seconds')
  })
})

describe('buildAccessToken2 accepted inputs', () => {
  it('accepts the duration limit', async () => {
    const fields = await parseAccessToken2(await buildAccessToken2(rtcOptions({ expire: 100_000_000 })))
    expect(fields.expire).toBe(100_000_000)
  })

  it('accepts the uint32 maximum', async () => {
    const services = [{ ...rtc, privileges: { 1: 4_294_967_295 } }]
    const fields = await parseAccessToken2(await buildAccessToken2(rtcOptions({ expire: 4_294_967_295, services })))
    expect(fields.expire).toBe(4_294_967_295)
    expect(fields.services[0]?.privileges[1]).toBe(4_294_967_295)
  })

  it('writes issueTs and salt zero', async () => {
    const fields = await parseAccessToken2(await buildAccessToken2(rtcOptions({ issueTs: 0, salt: 0 })))
    expect(fields.issueTs).toBe(0)
    expect(fields.salt).toBe(0)
  })

  it('defaults issueTs to now', async () => {
    const before = nowSeconds()
    const fields = await parseAccessToken2(await buildAccessToken2({ ...rtcOptions(), issueTs: undefined }))
    const after = nowSeconds()
    expect(fields.issueTs).toBeGreaterThanOrEqual(before)
    expect(fields.issueTs).toBeLessThanOrEqual(after)
  })

  it('draws salt in reference range', async () => {
    const salts = new Set<number>()
    for (let i = 0; i < 20; i++) {
      const fields = await parseAccessToken2(await buildAccessToken2({ ...rtcOptions(), salt: undefined }))
      expect(fields.salt).toBeGreaterThanOrEqual(SALT_MIN)
      expect(fields.salt).toBeLessThanOrEqual(SALT_MAX)
      salts.add(fields.salt)
    }
    // 20 draws from 99,999,999 values: all equal has probability below 1e-150.
    expect(salts.size).toBeGreaterThan(1)
  })

  it('keeps privileges above expire', async () => {
    const services = [{ ...rtc, privileges: { 1: 86_400, 2: 7200 } }]
    const fields = await parseAccessToken2(await buildAccessToken2(rtcOptions({ expire: 600, services })))
    expect(fields.services[0]?.privileges).toEqual({ 1: 86_400, 2: 7200 })
  })

  it('drops fields of other types', async () => {
    const services = [{ type: 2, privileges: { 1: 600 }, userId: 'u', channelName: 'ignored' }]
    const fields = await parseAccessToken2(
      await buildAccessToken2(rtcOptions({ services } as unknown as Partial<AccessToken2Options>)),
    )
    expect(fields.services).toEqual([{ type: 2, privileges: { 1: 600 }, userId: 'u' }])
  })

  it('sorts services stably by type', async () => {
    const services = [
      { type: 2, privileges: {}, userId: 'b' },
      { ...rtc, channelName: 'first' },
      { type: 2, privileges: {}, userId: 'a' },
      { ...rtc, channelName: 'second' },
    ] as const
    const fields = await parseAccessToken2(await buildAccessToken2(rtcOptions({ services })))
    expect(fields.services.map((service) => service.type)).toEqual([1, 1, 2, 2])
    expect(fields.services[0]).toMatchObject({ channelName: 'first' })
    expect(fields.services[1]).toMatchObject({ channelName: 'second' })
    expect(fields.services[2]).toMatchObject({ userId: 'b' })
    expect(fields.services[3]).toMatchObject({ userId: 'a' })
  })

  it('round-trips every service type', async () => {
    const fields = await parseAccessToken2(await buildAccessToken2(rtcOptions({ services: everyService })))
    expect(fields.serviceCount).toBe(10)
    expect(fields.services.map((service) => service.type)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(fields.services).toEqual([...everyService].reverse())
  })

  it('packs a payload at the cap', async () => {
    // 96 bytes of fixed fields plus the channel name make exactly the cap.
    const channelName = 'c'.repeat(MAX_ACCESS_TOKEN2_PAYLOAD_BYTES - 96)
    const options = rtcOptions({ services: [{ ...rtc, channelName, uid: '' }] })
    const payload = await buildAccessToken2Payload(options)
    expect(payload.length).toBe(MAX_ACCESS_TOKEN2_PAYLOAD_BYTES)
    const fields = await parseAccessToken2(await buildAccessToken2(options))
    expect(fields.services[0]).toMatchObject({ channelName })
  })

  it('rejects one byte over cap', async () => {
    const channelName = 'c'.repeat(MAX_ACCESS_TOKEN2_PAYLOAD_BYTES - 95)
    const error = await rejectionOf(buildAccessToken2(rtcOptions({ services: [{ ...rtc, channelName, uid: '' }] })))
    expect(error.code).toBe('ERR_VALUE_TOO_LONG')
    expect(error.field).toBe('services')
  })

  it('signs the same payload twice', async () => {
    const first = await buildAccessToken2Payload(rtcOptions())
    const second = await buildAccessToken2Payload(rtcOptions())
    expect(second).toEqual(first)
  })

  it('starts with the version', async () => {
    expect((await buildAccessToken2(rtcOptions({ issueTs: ISSUE_TS }))).slice(0, 3)).toBe('007')
  })
})

describe('access-token2 root exports', () => {
  it('exports the core names', () => {
    expect(root.buildAccessToken2).toBe(buildAccessToken2)
    expect(root.parseAccessToken2).toBe(parseAccessToken2)
    expect(typeof root.verifyAccessToken2).toBe('function')
    expect(typeof root.buildAccessToken2Payload).toBe('function')
    expect(root.ServiceType.rtm2).toBe(8)
    expect(root.RtcPrivilege.publishDataStream).toBe(4)
  })

  it('numbers services like references', () => {
    expect(root.ServiceType).toEqual({
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
    })
    expect(root.Rtm2ResourceType).toEqual({
      messageChannels: 0,
      streamChannels: 1,
      groupChannels: 2,
      serverGroups: 3,
      users: 4,
    })
    expect(root.Rtm2PermissionType).toEqual({ read: 0, write: 1 })
    expect(root.ApaasPrivilege).toEqual({ roomUser: 1, user: 2, app: 3 })
  })
})
