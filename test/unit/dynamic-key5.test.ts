import { describe, expect, it } from 'vitest'
import { hexDecode } from '../../src/bytes/index.js'
import {
  InChannelPermission,
  generateInChannelPermissionKey,
  generateMediaChannelKey,
  generatePublicSharingKey,
  generateRecordingKey,
  parse,
  verify,
} from '../../src/dynamic-key5/index.js'
import type { ChannelKeyWithUidOptions, DynamicKey5Fields } from '../../src/dynamic-key5/index.js'
import { encodeKey } from '../../src/dynamic-key5/message.js'
import { AgoraKeysError } from '../../src/errors.js'

const appId = '3f9b0c2ad17e4a6b8c5d9e0f1a2b3c4d'
const appCertificate = '8e7d6c5b4a39281706f5e4d3c2b1a098'
const base = {
  appId,
  appCertificate,
  channelName: 'room-1',
  unixTs: 1_700_000_000,
  randomInt: 12345,
  uid: 42,
  expiredTs: 1_700_003_600,
} as const

type Generator = (options: ChannelKeyWithUidOptions) => Promise<string>

const generators: readonly (readonly [string, Generator])[] = [
  ['generateMediaChannelKey', generateMediaChannelKey],
  ['generateRecordingKey', generateRecordingKey],
  ['generatePublicSharingKey', generatePublicSharingKey],
  [
    'generateInChannelPermissionKey',
    (options) =>
      generateInChannelPermissionKey(
        // Pass a non-object through unchanged, so the options check receives it.
        typeof options === 'object'
          ? { ...options, permission: InChannelPermission.NoUpload }
          : options,
      ),
  ],
]

/** Awaits a call that must reject and returns its AgoraKeysError. */
async function rejection(call: () => Promise<unknown>): Promise<AgoraKeysError> {
  try {
    await call()
  } catch (error) {
    if (error instanceof AgoraKeysError) return error
    throw error
  }
  throw new Error('call resolved but was expected to reject')
}

/** Options with one field replaced. The `unknown` value lets a test pass a wrong type. */
function withField(field: string, value: unknown): ChannelKeyWithUidOptions {
  return { ...base, [field]: value }
}

const invalidInputs: readonly (readonly [string, string, unknown, string])[] = [
  ['appId too short', 'appId', 'abc', 'ERR_INVALID_APP_ID'],
  ['appId not hex', 'appId', 'z'.repeat(32), 'ERR_INVALID_APP_ID'],
  ['appCertificate missing', 'appCertificate', undefined, 'ERR_INVALID_APP_CERTIFICATE'],
  ['appCertificate too long', 'appCertificate', `${appCertificate}00`, 'ERR_INVALID_APP_CERTIFICATE'],
  ['channelName missing', 'channelName', undefined, 'ERR_INVALID_ARGUMENT'],
  ['channelName a number', 'channelName', 7, 'ERR_INVALID_ARGUMENT'],
  ['channelName over 65535 bytes', 'channelName', 'x'.repeat(65_536), 'ERR_VALUE_TOO_LONG'],
  ['uid above uint32', 'uid', 2 ** 32, 'ERR_INVALID_INTEGER'],
  ['uid below int32', 'uid', -(2 ** 31) - 1, 'ERR_INVALID_INTEGER'],
  ['uid a string', 'uid', '42', 'ERR_INVALID_INTEGER'],
  ['randomInt fractional', 'randomInt', 1.5, 'ERR_INVALID_INTEGER'],
  ['randomInt NaN', 'randomInt', Number.NaN, 'ERR_INVALID_INTEGER'],
  ['unixTs in milliseconds', 'unixTs', 1_700_000_000_000, 'ERR_TIMESTAMP_IN_MILLISECONDS'],
  ['unixTs negative', 'unixTs', -1, 'ERR_INVALID_INTEGER'],
  ['expiredTs in milliseconds', 'expiredTs', 1_700_000_000_000, 'ERR_TIMESTAMP_IN_MILLISECONDS'],
]

describe.each(generators)('%s input errors', (_name, generate) => {
  it('rejects a missing options object', async () => {
    const error = await rejection(() => generate(undefined as unknown as ChannelKeyWithUidOptions))
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('options')
  })

  it.each(invalidInputs)('rejects %s', async (_case, field, value, code) => {
    const error = await rejection(() => generate(withField(field, value)))
    expect(error.code).toBe(code)
    expect(error.field).toBe(field)
  })
})

describe('generated key defaults', () => {
  it.each(generators)('%s defaults uid and expiredTs to 0', async (_name, generate) => {
    const key = await generate({ appId, appCertificate, channelName: 'room-1', unixTs: 10 })
    const fields = parse(key)
    expect(fields.expiredTs).toBe(0)
    const result = await verify(key, { appCertificate, channelName: 'room-1', now: 10 })
    expect(result.reasons).toEqual([])
  })

  it('defaults unixTs to now', async () => {
    const before = Math.floor(Date.now() / 1000)
    const key = await generateMediaChannelKey({ appId, appCertificate, channelName: 'room-1' })
    const after = Math.floor(Date.now() / 1000)
    const { unixTs } = parse(key)
    expect(unixTs).toBeGreaterThanOrEqual(before)
    expect(unixTs).toBeLessThanOrEqual(after)
  })

  it('wraps a negative uid', async () => {
    const negative = await generateMediaChannelKey({ ...base, uid: -1 })
    const wrapped = await generateMediaChannelKey({ ...base, uid: 0xffffffff })
    expect(negative).toBe(wrapped)
  })

  it('wraps a negative randomInt', async () => {
    const negative = await generateRecordingKey({ ...base, randomInt: -2 })
    expect(parse(negative).randomInt).toBe(0xfffffffe)
  })

  it('accepts an upper-case appId', async () => {
    const upper = await generateMediaChannelKey({ ...base, appId: appId.toUpperCase() })
    const lower = await generateMediaChannelKey(base)
    expect(upper).toBe(lower)
  })
})

describe('generateInChannelPermissionKey permission', () => {
  const rejected: readonly (readonly [string, unknown])[] = [
    ['missing', undefined],
    ['the number 0', 0],
    ['the number 3', 3],
    ['"1"', '1'],
    ['"2"', '2'],
    ['"3 " with a space', '3 '],
    ['"NoUpload"', 'NoUpload'],
    ['empty', ''],
  ]

  it.each(rejected)('rejects %s', async (_case, permission) => {
    const options = { ...base, permission } as unknown as Parameters<
      typeof generateInChannelPermissionKey
    >[0]
    const error = await rejection(() => generateInChannelPermissionKey(options))
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('permission')
  })

  it.each([
    ['NoUpload', InChannelPermission.NoUpload],
    ['AudioVideoUpload', InChannelPermission.AudioVideoUpload],
  ] as const)('stores %s in extra', async (_name, permission) => {
    const key = await generateInChannelPermissionKey({ ...base, permission })
    expect(parse(key).extra).toEqual(new Map([[1, permission]]))
  })

  it('has the reference values', () => {
    expect(InChannelPermission.NoUpload).toBe('0')
    expect(InChannelPermission.AudioVideoUpload).toBe('3')
  })
})

describe('error messages omit certificate', () => {
  const forms = [appCertificate, appCertificate.toUpperCase()]

  function expectNoCertificate(error: AgoraKeysError): void {
    for (const form of forms) {
      expect(error.message).not.toContain(form)
      expect(String(error.field)).not.toContain(form)
    }
  }

  it.each(forms)('omits a malformed certificate %#', async (form) => {
    const error = await rejection(() =>
      generateMediaChannelKey({ ...base, appCertificate: `${form}zz` }),
    )
    expect(error.code).toBe('ERR_INVALID_APP_CERTIFICATE')
    expectNoCertificate(error)
  })

  it.each(forms)('omits a certificate as permission %#', async (form) => {
    const options = { ...base, permission: form } as unknown as Parameters<
      typeof generateInChannelPermissionKey
    >[0]
    const error = await rejection(() => generateInChannelPermissionKey(options))
    expect(error.field).toBe('permission')
    expectNoCertificate(error)
  })

  it.each(forms)('omits a certificate as appId %#', async (form) => {
    const error = await rejection(() => generateMediaChannelKey({ ...base, appId: `${form}0` }))
    expect(error.code).toBe('ERR_INVALID_APP_ID')
    expectNoCertificate(error)
  })

  it.each(forms)('omits it in verify errors %#', async (form) => {
    const error = await rejection(() =>
      verify('005', { appCertificate: `${form}0`, channelName: 'room-1' }),
    )
    expect(error.code).toBe('ERR_INVALID_APP_CERTIFICATE')
    expectNoCertificate(error)
  })

  it('omits it in verify reasons', async () => {
    const key = await generateMediaChannelKey(base)
    const result = await verify(key, {
      appCertificate: appCertificate.toUpperCase(),
      channelName: 'other',
      appId: '0'.repeat(32),
      now: 1,
    })
    expect(result.reasons.length).toBeGreaterThan(0)
    for (const reason of result.reasons) {
      for (const form of forms) expect(reason.message).not.toContain(form)
    }
  })
})

describe('dynamicKey5.verify', () => {
  const checks = { appCertificate, channelName: base.channelName, uid: base.uid, now: base.unixTs }

  it('accepts a fresh key', async () => {
    const key = await generateMediaChannelKey(base)
    const result = await verify(key, { ...checks, appId })
    expect(result.reasons).toEqual([])
    expect(result.valid).toBe(true)
    expect(result.fields?.serviceType).toBe(1)
  })

  it('accepts an upper-case certificate', async () => {
    const key = await generateMediaChannelKey(base)
    const result = await verify(key, { ...checks, appCertificate: appCertificate.toUpperCase() })
    expect(result.valid).toBe(true)
  })

  it('compares appId case-insensitively', async () => {
    const key = await generateMediaChannelKey(base)
    const result = await verify(key, { ...checks, appId: appId.toUpperCase() })
    expect(result.valid).toBe(true)
  })

  it('flags another certificate', async () => {
    const key = await generateMediaChannelKey(base)
    const result = await verify(key, { ...checks, appCertificate: '0'.repeat(32) })
    expect(result.reasons.map((reason) => reason.code)).toEqual(['signature'])
  })

  it('flags a wrong uid as signature', async () => {
    const key = await generateMediaChannelKey(base)
    const result = await verify(key, { ...checks, uid: 43 })
    expect(result.reasons.map((reason) => reason.code)).toEqual(['signature'])
    expect(result.fields).not.toHaveProperty('uid')
  })

  it('names the matched uid', async () => {
    const result = await verify(await generateMediaChannelKey(base), checks)
    expect(result.valid).toBe(true)
    expect(result.fields?.uid).toBe(42)
  })

  it.each(generators)('uid 0 %s admits any uid', async (_name, generate) => {
    const key = await generate({ ...base, uid: 0 })
    const result = await verify(key, { ...checks, uid: 12345 })
    expect(result.valid).toBe(true)
    expect(result.fields?.uid).toBe(0)
  })

  it('uid 0 key checks the channel', async () => {
    const key = await generateMediaChannelKey({ ...base, uid: 0 })
    const result = await verify(key, { ...checks, channelName: 'room-2', uid: 7 })
    expect(result.reasons.map((reason) => reason.code)).toEqual(['signature'])
    expect(result.fields).not.toHaveProperty('uid')
  })

  it('rejects uid 0 for a uid key', async () => {
    const key = await generateMediaChannelKey(base)
    const result = await verify(key, { ...checks, uid: 0 })
    expect(result.reasons.map((reason) => reason.code)).toEqual(['signature'])
  })

  it('flags another appId', async () => {
    const key = await generateMediaChannelKey(base)
    const result = await verify(key, { ...checks, appId: '0'.repeat(32) })
    expect(result.reasons.map((reason) => reason.code)).toEqual(['app-id'])
  })

  it('flags a passed join window', async () => {
    const key = await generateMediaChannelKey(base)
    const result = await verify(key, { ...checks, now: base.unixTs + 301 })
    expect(result.reasons.map((reason) => reason.code)).toEqual(['join-window'])
  })

  it('accepts the join window edge', async () => {
    const key = await generateMediaChannelKey(base)
    const result = await verify(key, { ...checks, now: base.unixTs + 300 })
    expect(result.valid).toBe(true)
  })

  it('flags a future unixTs', async () => {
    const key = await generateMediaChannelKey(base)
    const result = await verify(key, { ...checks, now: base.unixTs - 301 })
    expect(result.reasons.map((reason) => reason.code)).toEqual(['issued-in-future'])
  })

  it('flags a passed expiredTs', async () => {
    const key = await generateMediaChannelKey({ ...base, expiredTs: base.unixTs + 60 })
    const result = await verify(key, { ...checks, now: base.unixTs + 60 })
    expect(result.reasons.map((reason) => reason.code)).toEqual(['call-expired'])
  })

  it('lists every failed check', async () => {
    const key = await generateMediaChannelKey(base)
    const result = await verify(key, { ...checks, uid: 1, appId: '0'.repeat(32), now: 1 })
    expect(result.reasons.map((reason) => reason.code)).toEqual([
      'signature',
      'app-id',
      'issued-in-future',
    ])
  })

  /** Re-packs a key with some stored fields changed and its old signature kept. */
  function tamper(key: string, changes: Partial<Omit<DynamicKey5Fields, 'appId'>>): string {
    const fields = parse(key)
    return encodeKey({ ...fields, ...changes, appId: hexDecode(fields.appId, 'appId') })
  }

  it('flags a changed permission', async () => {
    const key = await generateInChannelPermissionKey({
      ...base,
      permission: InChannelPermission.NoUpload,
    })
    const tampered = tamper(key, { extra: new Map([[1, InChannelPermission.AudioVideoUpload]]) })
    const result = await verify(tampered, checks)
    expect(result.reasons.map((reason) => reason.code)).toEqual(['signature'])
  })

  it('flags a changed service type', async () => {
    const tampered = tamper(await generateRecordingKey(base), { serviceType: 1 })
    const result = await verify(tampered, checks)
    expect(result.reasons.map((reason) => reason.code)).toEqual(['signature'])
  })

  it('flags a changed expiredTs', async () => {
    const tampered = tamper(await generateMediaChannelKey(base), { expiredTs: 0 })
    const result = await verify(tampered, checks)
    expect(result.reasons.map((reason) => reason.code)).toEqual(['signature'])
  })

  it('keeps the signature when repacked', async () => {
    const key = await generateMediaChannelKey(base)
    expect(tamper(key, {})).toBe(key)
  })

  it('reports a malformed key', async () => {
    const result = await verify('005AAAA', checks)
    expect(result.valid).toBe(false)
    expect(result.fields).toBeUndefined()
    expect(result.reasons).toHaveLength(1)
    expect(result.reasons[0]?.code).toBe('malformed')
    expect(result.reasons[0]?.errorCode).toBe('ERR_KEY_TRUNCATED')
  })

  it('reports a non-string key', async () => {
    const result = await verify(undefined as unknown as string, checks)
    expect(result.valid).toBe(false)
    expect(result.reasons[0]?.errorCode).toBe('ERR_INVALID_ARGUMENT')
  })

  it.each([
    ['options missing', undefined, 'ERR_INVALID_ARGUMENT', 'options'],
    ['channelName missing', { appCertificate }, 'ERR_INVALID_ARGUMENT', 'channelName'],
    ['certificate invalid', { ...checks, appCertificate: 'x' }, 'ERR_INVALID_APP_CERTIFICATE', 'appCertificate'],
    ['appId invalid', { ...checks, appId: 'x' }, 'ERR_INVALID_APP_ID', 'appId'],
    ['uid above uint32', { ...checks, uid: 2 ** 32 }, 'ERR_INVALID_INTEGER', 'uid'],
    ['now in milliseconds', { ...checks, now: 1_700_000_000_000 }, 'ERR_TIMESTAMP_IN_MILLISECONDS', 'now'],
  ] as const)('throws for %s', async (_case, options, code, field) => {
    const key = await generateMediaChannelKey(base)
    const error = await rejection(() =>
      verify(key, options as unknown as Parameters<typeof verify>[1]),
    )
    expect(error.code).toBe(code)
    expect(error.field).toBe(field)
  })

  it('throws for bad options before parsing', async () => {
    const error = await rejection(() =>
      verify('not a key', undefined as unknown as Parameters<typeof verify>[1]),
    )
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
  })
})
