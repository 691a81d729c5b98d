import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_HEX_CHANNEL_KEY_LENGTH } from '../../src/channel-key/hex-key.js'
import * as dynamicKey from '../../src/dynamic-key/index.js'
import * as dynamicKey2 from '../../src/dynamic-key2/index.js'
import * as dynamicKey3 from '../../src/dynamic-key3/index.js'
import * as dynamicKey4 from '../../src/dynamic-key4/index.js'
import { AgoraKeysError } from '../../src/errors.js'

const options = {
  appId: '970ca35de60c44645bbae8a215061b33',
  appCertificate: '5cfd2fd1755d40ecb72977518be15d3b',
  channelName: 'room-1',
  unixTs: 1_700_000_000,
  randomInt: 0x0abcdef1,
  uid: 42,
  expiredTs: 1_700_003_600,
}

/** One hex version: a valid key and where its fields sit (start, length). */
interface Version {
  readonly name: string
  readonly prefix: string
  readonly key: string
  readonly parse: (key: string) => unknown
  readonly fields: readonly (readonly [string, number, number])[]
}

function fieldsAfter(prefixLength: number, tail: readonly string[]): Version['fields'] {
  const fields: [string, number, number][] = [
    ['signature', prefixLength, 40],
    ['appId', prefixLength + 40, 32],
    ['unixTs', prefixLength + 72, 10],
    ['randomInt', prefixLength + 82, 8],
  ]
  tail.forEach((name, i) => fields.push([name, prefixLength + 90 + 10 * i, 10]))
  return fields
}

const versions: readonly Version[] = [
  {
    name: 'dynamicKey',
    prefix: '',
    key: await dynamicKey.generate(options),
    parse: dynamicKey.parse,
    fields: fieldsAfter(0, []),
  },
  {
    name: 'dynamicKey2',
    prefix: '',
    key: await dynamicKey2.generate(options),
    parse: dynamicKey2.parse,
    fields: fieldsAfter(0, ['uid', 'expiredTs']),
  },
  {
    name: 'dynamicKey3',
    prefix: '003',
    key: await dynamicKey3.generate(options),
    parse: dynamicKey3.parse,
    fields: fieldsAfter(3, ['uid', 'expiredTs']),
  },
  {
    name: 'dynamicKey4',
    prefix: '004',
    key: await dynamicKey4.generateMediaChannelKey(options),
    parse: dynamicKey4.parse,
    fields: fieldsAfter(3, ['expiredTs']),
  },
]

function replaceAt(key: string, start: number, text: string): string {
  return key.slice(0, start) + text + key.slice(start + text.length)
}

function parseError(parse: (key: string) => unknown, key: unknown): AgoraKeysError {
  try {
    parse(key as string)
  } catch (error) {
    expect(error).toBeInstanceOf(AgoraKeysError)
    return error as AgoraKeysError
  }
  throw new Error('parse accepted the key')
}

/** [case, key, code, field] */
type Row = readonly [string, unknown, string, string]

function rejectionRows(version: Version): Row[] {
  const { key } = version
  const field = (name: string): readonly [string, number, number] => {
    const found = version.fields.find(([fieldName]) => fieldName === name)
    if (found === undefined) throw new Error(`no field ${name}`)
    return found
  }
  const [, unixTsStart] = field('unixTs')
  const [, randomIntStart] = field('randomInt')
  const [, signatureStart] = field('signature')
  const [, appIdStart] = field('appId')
  const rows: Row[] = [
    ['number', 42, 'ERR_INVALID_ARGUMENT', 'key'],
    ['undefined', undefined, 'ERR_INVALID_ARGUMENT', 'key'],
    ['object', { key }, 'ERR_INVALID_ARGUMENT', 'key'],
    ['huge string', key.repeat(1 + MAX_HEX_CHANNEL_KEY_LENGTH / key.length), 'ERR_KEY_TOO_LONG', 'key'],
    ['non-hex huge string', '\u0000'.repeat(1_000_000), 'ERR_KEY_TOO_LONG', 'key'],
    ['empty string', '', 'ERR_KEY_UNKNOWN_VERSION', 'key'],
    ['one char short', key.slice(0, -1), 'ERR_KEY_UNKNOWN_VERSION', 'key'],
    ['one char long', `${key}0`, 'ERR_KEY_UNKNOWN_VERSION', 'key'],
    ['trailing newline', `${key}\n`, 'ERR_KEY_UNKNOWN_VERSION', 'key'],
    ['006 token prefix', `006${key}`, 'ERR_KEY_UNKNOWN_VERSION', 'key'],
    ['non-hex signature', replaceAt(key, signatureStart, 'g'), 'ERR_KEY_BAD_ENCODING', 'signature'],
    ['non-hex appId', replaceAt(key, appIdStart + 31, 'x'), 'ERR_KEY_BAD_ENCODING', 'appId'],
    ['hex in unixTs', replaceAt(key, unixTsStart, 'a'), 'ERR_KEY_BAD_ENCODING', 'unixTs'],
    ['sign in unixTs', replaceAt(key, unixTsStart, '+'), 'ERR_KEY_BAD_ENCODING', 'unixTs'],
    ['space in randomInt', replaceAt(key, randomIntStart, ' '), 'ERR_KEY_BAD_ENCODING', 'randomInt'],
    ['unicode digit', replaceAt(key, unixTsStart, '\u0661'), 'ERR_KEY_BAD_ENCODING', 'unixTs'],
    ['emoji in signature', replaceAt(key, signatureStart, '\u{1F600}'), 'ERR_KEY_BAD_ENCODING', 'signature'],
    ['unixTs above uint32', replaceAt(key, unixTsStart, '4294967296'), 'ERR_KEY_INVALID_FIELD', 'unixTs'],
    ['unixTs all nines', replaceAt(key, unixTsStart, '9999999999'), 'ERR_KEY_INVALID_FIELD', 'unixTs'],
    [
      'encoding before range',
      replaceAt(replaceAt(key, unixTsStart, '9999999999'), randomIntStart, 'z'),
      'ERR_KEY_BAD_ENCODING',
      'randomInt',
    ],
  ]
  for (const [name, start, length] of version.fields) {
    // Dropping the field's last character shifts every later field, so the length is wrong.
    const truncated = key.slice(0, start + length - 1) + key.slice(start + length)
    rows.push([`${name} truncated`, truncated, 'ERR_KEY_UNKNOWN_VERSION', 'key'])
  }
  for (const [name, start, length] of version.fields) {
    if (length !== 10) continue
    rows.push([`${name} non-digit`, replaceAt(key, start + 9, 'f'), 'ERR_KEY_BAD_ENCODING', name])
    rows.push([`${name} above uint32`, replaceAt(key, start, '5000000000'), 'ERR_KEY_INVALID_FIELD', name])
  }
  return rows
}

describe.each(versions)('$name parse', (version) => {
  it.each(rejectionRows(version))('rejects %s', (_case, key, code, field) => {
    const error = parseError(version.parse, key)
    expect(error.code).toBe(code)
    expect(error.field).toBe(field)
  })

  it('accepts the maximum uint32', () => {
    const [, start] = version.fields[2] ?? ['', 0, 0]
    const parsed = version.parse(replaceAt(version.key, start, '4294967295'))
    expect(parsed).toHaveProperty('unixTs', 4_294_967_295)
  })

  it('accepts upper-case hex', () => {
    const upper = version.key.toUpperCase()
    const parsed = version.parse(upper)
    expect(parsed).toHaveProperty('signature', upper.slice(version.fields[0]?.[1], (version.fields[0]?.[1] ?? 0) + 40))
    expect(parsed).toHaveProperty('randomInt', options.randomInt)
  })

  it('message omits the signature', () => {
    const [, start] = version.fields[0] ?? ['', 0, 0]
    const signature = version.key.slice(start, start + 40)
    const error = parseError(version.parse, replaceAt(version.key, start + 39, 'g'))
    expect(error.message).not.toContain(signature.slice(0, 39))
  })

  it('is total over strings', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdefABCDEFg \u0661\u00e9'.split(''))
    const nearKeys = fc
      .array(alphabet, { minLength: version.key.length, maxLength: version.key.length })
      .map((chars) => version.key.slice(0, 3) + chars.join('').slice(3))
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), nearKeys), (text) => {
        try {
          version.parse(text)
        } catch (error) {
          expect(error).toBeInstanceOf(AgoraKeysError)
        }
      }),
      { numRuns: 2000 },
    )
  })
})

// DynamicKey and DynamicKey2 have no prefix: their rows above cover a prepended one.
describe.each(versions.filter((version) => version.prefix !== ''))('$name prefix', (version) => {
  it.each(['002', '005', '006', '007', 'abc'])('rejects %s', (prefix) => {
    const error = parseError(version.parse, prefix + version.key.slice(3))
    expect(error.code).toBe('ERR_KEY_UNKNOWN_VERSION')
    expect(error.field).toBe('key')
  })
})

describe('cross-version keys', () => {
  it.each(versions)('$name rejects the others', (version) => {
    for (const other of versions) {
      if (other === version) continue
      const error = parseError(version.parse, other.key)
      expect(error.code).toBe('ERR_KEY_UNKNOWN_VERSION')
    }
  })
})
