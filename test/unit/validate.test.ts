import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { resolveChannelKeyInputs } from '../../src/channel-key/inputs.js'
import { resolveVerifyOptions } from '../../src/channel-key/verify-checks.js'
import { thrownBy } from './errors-thrown.js'
import {
  UINT32_MAX,
  checkAppCertificate,
  checkAppId,
  checkInt16,
  checkOptions,
  checkString,
  checkTimestamp,
  checkUint32,
  checkWrappingUint32,
  nowSeconds,
} from '../../src/validate.js'

const APP_ID = '970ca35de60c44645bbae8a215061b33'

/** Values that are not usable as any option, whatever its type. */
const nonValues: readonly unknown[] = [undefined, null, true, {}, [], () => 0, Symbol('s'), 1n]

describe('checkAppId', () => {
  it('accepts 32 hex characters', () => {
    expect(checkAppId(APP_ID)).toBe(APP_ID)
    expect(checkAppId(APP_ID.toUpperCase())).toBe(APP_ID.toUpperCase())
  })

  it.each([
    ['31 characters', APP_ID.slice(1)],
    ['33 characters', `${APP_ID}0`],
    ['a non-hex character', `${APP_ID.slice(1)}g`],
    ['surrounding spaces', ` ${APP_ID} `],
    ['an empty string', ''],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
  ])('rejects %s', (_name, value) => {
    const error = thrownBy(() => checkAppId(value))
    expect(error.code).toBe('ERR_INVALID_APP_ID')
    expect(error.field).toBe('appId')
    expect(error.message).toContain('32 hexadecimal characters')
  })

  it('uses the given field name', () => {
    expect(thrownBy(() => checkAppId('x', 'expectedAppId')).field).toBe('expectedAppId')
  })
})

describe('checkAppCertificate', () => {
  const certificate = '5cfd2fd1755d40ecb72977518be15d3b'

  it('accepts 32 hex characters', () => {
    expect(checkAppCertificate(certificate)).toBe(certificate)
    expect(checkAppCertificate(certificate.toUpperCase())).toBe(certificate.toUpperCase())
  })

  it.each([
    ['31 characters', certificate.slice(1)],
    ['33 characters', `${certificate}a`],
    ['a non-hex character', `${certificate.slice(1)}z`],
    ['an empty string', ''],
    ['a number', 1234],
    ['bytes', new Uint8Array(16)],
    ['undefined', undefined],
  ])('rejects %s', (_name, value) => {
    const error = thrownBy(() => checkAppCertificate(value))
    expect(error.code).toBe('ERR_INVALID_APP_CERTIFICATE')
    expect(error.field).toBe('appCertificate')
    expect(error.message).toContain('32 hexadecimal characters')
  })
})

describe('checkString', () => {
  it('accepts any string', () => {
    expect(checkString('', 'channelName')).toBe('')
    expect(checkString('名字 😀', 'channelName')).toBe('名字 😀')
  })

  it.each([...nonValues, 0, 7])('rejects %s', (value) => {
    const error = thrownBy(() => checkString(value, 'channelName'))
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('channelName')
    expect(error.message).toContain('channelName must be a string')
  })
})

describe('checkUint32', () => {
  it.each([0, 1, 2 ** 31, UINT32_MAX])('accepts %s', (value) => {
    expect(checkUint32(value, 'salt')).toBe(value)
  })

  it.each([-1, UINT32_MAX + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1', ...nonValues])(
    'rejects %s',
    (value) => {
      const error = thrownBy(() => checkUint32(value, 'salt'))
      expect(error.code).toBe('ERR_INVALID_INTEGER')
      expect(error.field).toBe('salt')
      expect(error.message).toContain('4294967295')
    },
  )
})

describe('checkInt16', () => {
  it.each([-32_768, -1, 0, 32_767])('accepts %s', (value) => {
    expect(checkInt16(value, 'role')).toBe(value)
  })

  it.each([-32_769, 32_768, 0.5, Number.NaN, '1', ...nonValues])('rejects %s', (value) => {
    const error = thrownBy(() => checkInt16(value, 'role'))
    expect(error.code).toBe('ERR_INVALID_INTEGER')
    expect(error.field).toBe('role')
    expect(error.message).toContain('-32768 to 32767')
  })
})

describe('checkWrappingUint32', () => {
  it.each([
    [0, 0],
    [1, 1],
    [-1, 4_294_967_295],
    [-2, 4_294_967_294],
    [-(2 ** 31), 2 ** 31],
    [2 ** 31 - 1, 2 ** 31 - 1],
    [UINT32_MAX, UINT32_MAX],
  ])('maps %s to %s', (value, expected) => {
    expect(checkWrappingUint32(value, 'uid')).toBe(expected)
  })

  it.each([-(2 ** 31) - 1, UINT32_MAX + 1, -1.5, 0.5, Number.NaN, '-1', ...nonValues])(
    'rejects %s',
    (value) => {
      const error = thrownBy(() => checkWrappingUint32(value, 'uid'))
      expect(error.code).toBe('ERR_INVALID_INTEGER')
      expect(error.field).toBe('uid')
      expect(error.message).toContain('negatives wrap')
    },
  )
})

describe('checkTimestamp', () => {
  it.each([0, 1_446_455_471, UINT32_MAX])('accepts %s', (value) => {
    expect(checkTimestamp(value, 'unixTs')).toBe(value)
  })

  it.each([1_446_455_471_000, UINT32_MAX + 1, Number.MAX_SAFE_INTEGER])(
    'flags %s as milliseconds',
    (value) => {
      const error = thrownBy(() => checkTimestamp(value, 'unixTs'))
      expect(error.code).toBe('ERR_TIMESTAMP_IN_MILLISECONDS')
      expect(error.field).toBe('unixTs')
      expect(error.message).toContain('Math.floor(Date.now() / 1000)')
    },
  )

  it.each([-1, 1.5, 1_446_455_471_000.5, Number.POSITIVE_INFINITY, Number.NaN, '1446455471'])(
    'rejects %s',
    (value) => {
      const error = thrownBy(() => checkTimestamp(value, 'expiredTs'))
      expect(error.code).toBe('ERR_INVALID_INTEGER')
      expect(error.field).toBe('expiredTs')
    },
  )
})

describe('checkOptions', () => {
  it('accepts plain objects', () => {
    const options = { appId: APP_ID }
    expect(checkOptions(options, 'dynamicKey.generate')).toBe(options)
    const bare: unknown = Object.create(null)
    expect(checkOptions(bare, 'dynamicKey.generate')).toBe(bare)
  })

  it.each([undefined, null, [], 'appId', 42, true])('rejects %s', (value) => {
    const error = thrownBy(() => checkOptions(value, 'dynamicKey.generate'))
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('options')
    expect(error.message).toContain('dynamicKey.generate takes one options object')
  })
})

describe('nowSeconds', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('floors the clock to seconds', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2025-01-01T00:00:00.999Z'))
    expect(nowSeconds()).toBe(1_735_689_600)
  })
})

/**
 * Collects every string an error exposes: message, stack, own properties and
 * the chain of causes, so a leak anywhere in it is found.
 */
function exposedText(error: unknown, depth = 0): string {
  if (!(error instanceof Error) || depth > 5) return String(error)
  const parts = [error.name, error.message, error.stack ?? '', String(error)]
  for (const key of Object.getOwnPropertyNames(error)) {
    const value: unknown = (error as unknown as Record<string, unknown>)[key]
    // JSON.stringify returns undefined for functions and undefined, despite its declared type.
    const json = JSON.stringify(value) as string | undefined
    parts.push(key === 'cause' ? exposedText(value, depth + 1) : (json ?? ''))
  }
  return parts.join('\n')
}

/** Lists every 8-character window of the secret, in both cases. */
function secretFragments(secret: string): string[] {
  const fragments: string[] = []
  for (let i = 0; i + 8 <= secret.length; i++) {
    fragments.push(secret.slice(i, i + 8).toLowerCase(), secret.slice(i, i + 8).toUpperCase())
  }
  return fragments
}

describe('App Certificate secrecy', () => {
  // Fresh per run, so no test can pass by happening to avoid one fixed value.
  const certificate = randomBytes(16).toString('hex')
  const nearMisses = [
    certificate.slice(1),
    `${certificate}0`,
    `${certificate.slice(0, 31)}z`,
    ` ${certificate}`,
    certificate.toUpperCase().slice(2),
  ]
  const good = { appId: APP_ID, appCertificate: certificate, channelName: 'room' }

  /** One call per failure path, each with the certificate (or a near miss) in its input. */
  const failures: readonly (readonly [string, () => unknown])[] = [
    ...nearMisses.map(
      (value, i) => [`near-miss certificate ${String(i)}`, () => checkAppCertificate(value)] as const,
    ),
    ['certificate as App ID', () => checkAppId(`${certificate}0`)],
    ['certificate as uid', () => checkUint32(certificate, 'uid')],
    ['certificate as wrapping uid', () => checkWrappingUint32(certificate, 'uid')],
    ['certificate as timestamp', () => checkTimestamp(certificate, 'unixTs')],
    ['certificate as options', () => checkOptions(certificate, 'generate')],
    ['bad App ID', () => resolveChannelKeyInputs({ ...good, appId: 'x' }, 'generate')],
    ['missing channel', () => resolveChannelKeyInputs({ ...good, channelName: 1 }, 'generate')],
    ['bad unixTs', () => resolveChannelKeyInputs({ ...good, unixTs: -1 }, 'generate')],
    ['ms unixTs', () => resolveChannelKeyInputs({ ...good, unixTs: Date.now() }, 'generate')],
    ['bad randomInt', () => resolveChannelKeyInputs({ ...good, randomInt: 0.5 }, 'generate')],
    ['bad uid', () => resolveChannelKeyInputs({ ...good, uid: '42' }, 'generate')],
    ['bad expiredTs', () => resolveChannelKeyInputs({ ...good, expiredTs: -5 }, 'generate')],
    ...nearMisses.map(
      (value, i) =>
        [
          `near-miss generate certificate ${String(i)}`,
          () => resolveChannelKeyInputs({ ...good, appCertificate: value }, 'generate'),
        ] as const,
    ),
    ['verify bad now', () => resolveVerifyOptions({ ...good, now: 1.5 }, 'verify')],
    ['verify bad uid', () => resolveVerifyOptions({ ...good, uid: certificate }, 'verify')],
    ['verify bad App ID', () => resolveVerifyOptions({ ...good, appId: `${certificate}0` }, 'verify')],
    [
      'verify near-miss certificate',
      () => resolveVerifyOptions({ ...good, appCertificate: nearMisses[2] }, 'verify'),
    ],
  ]

  it.each(failures)('hides it: %s', (_name, fail) => {
    const text = exposedText(thrownBy(fail))
    for (const fragment of secretFragments(certificate)) {
      expect(text).not.toContain(fragment)
    }
  })

  it('passes a valid certificate through', () => {
    expect(resolveChannelKeyInputs(good, 'generate').appCertificate).toBe(certificate)
  })
})
