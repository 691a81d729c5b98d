import { randomBytes, randomInt } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  base64Decode,
  base64Encode,
  hexDecode,
  hexEncode,
  isHex,
  utf8Decode,
  utf8Encode,
} from '../../src/bytes/index.js'
import { thrownBy } from './errors-thrown.js'

/** Random inputs of every length 0-64, then a few longer ones. */
function randomInputs(): Uint8Array[] {
  const inputs: Uint8Array[] = []
  for (let length = 0; length <= 64; length++) inputs.push(new Uint8Array(randomBytes(length)))
  for (let i = 0; i < 20; i++) inputs.push(new Uint8Array(randomBytes(randomInt(65, 2000))))
  return inputs
}

describe('hex', () => {
  it('matches Buffer on random input', () => {
    for (const bytes of randomInputs()) {
      const expected = Buffer.from(bytes).toString('hex')
      expect(hexEncode(bytes)).toBe(expected)
      expect(hexDecode(expected, 'value')).toStrictEqual(bytes)
      expect(hexDecode(expected.toUpperCase(), 'value')).toStrictEqual(bytes)
    }
  })

  it('encodes lower case', () => {
    expect(hexEncode(new Uint8Array([0x00, 0xab, 0xff, 0x0f]))).toBe('00abff0f')
  })

  it('decodes to a plain Uint8Array', () => {
    expect(hexDecode('00Ff', 'value')).toStrictEqual(new Uint8Array([0x00, 0xff]))
  })

  it('decodes the empty string', () => {
    expect(hexDecode('', 'value')).toStrictEqual(new Uint8Array([]))
  })

  // Buffer.from('abzz', 'hex') returns <ab> and drops the rest, but the codec must reject it.
  it.each(['abzz', 'abc', 'a', ' ab', 'ab ', '0x12', 'ab\n', 'g0', '１２', 'ab-cd'])(
    'rejects %j',
    (text) => {
      expect(isHex(text)).toBe(false)
      const error = thrownBy(() => hexDecode(text, 'signature'))
      expect(error.code).toBe('ERR_KEY_BAD_ENCODING')
      expect(error.field).toBe('signature')
      expect(error.message).toContain('signature')
    },
  )

  it('accepts both cases in isHex', () => {
    expect(isHex('')).toBe(true)
    expect(isHex('0123456789abcdefABCDEF')).toBe(true)
  })
})

describe('base64', () => {
  it('matches Buffer on random input', () => {
    for (const bytes of randomInputs()) {
      const expected = Buffer.from(bytes).toString('base64')
      expect(base64Encode(bytes)).toBe(expected)
      expect(base64Decode(expected, 'token')).toStrictEqual(bytes)
    }
  })

  it('accepts missing padding', () => {
    for (const bytes of randomInputs()) {
      const unpadded = Buffer.from(bytes).toString('base64').replace(/=+$/, '')
      expect(base64Decode(unpadded, 'token')).toStrictEqual(bytes)
    }
  })

  it('encodes the RFC 4648 examples', () => {
    const examples = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ] as const
    for (const [text, encoded] of examples) {
      expect(base64Encode(utf8Encode(text))).toBe(encoded)
      expect(base64Decode(encoded, 'token')).toStrictEqual(utf8Encode(text))
    }
  })

  it('decodes to a plain Uint8Array', () => {
    expect(base64Decode('AAE=', 'token')).toStrictEqual(new Uint8Array([0, 1]))
  })

  it.each([
    ['URL-safe minus', 'ab-d'],
    ['URL-safe underscore', 'ab_d'],
    ['space', 'ab d'],
    ['newline', 'abc\nabcd'],
    ['non-ASCII', 'abcé'],
    ['asterisk', 'ab*d'],
  ])('rejects a %s', (_name, text) => {
    const error = thrownBy(() => base64Decode(text, 'token'))
    expect(error.code).toBe('ERR_KEY_BAD_ENCODING')
    expect(error.field).toBe('token')
    expect(error.message).toContain('outside the base64 alphabet')
  })

  it.each([
    ['QR==', 'one byte'],
    ['QUJ=', 'two bytes'],
    ['QR', 'one byte, unpadded'],
    ['QUJ', 'two bytes, unpadded'],
  ])('rejects stray bits in %s', (text) => {
    const error = thrownBy(() => base64Decode(text, 'token'))
    expect(error.code).toBe('ERR_KEY_BAD_ENCODING')
    expect(error.message).toContain('stray bits')
  })

  it.each(['A', 'AAAAA', 'A===', 'AAAAA==='])('rejects the length of %j', (text) => {
    const error = thrownBy(() => base64Decode(text, 'token'))
    expect(error.code).toBe('ERR_KEY_BAD_ENCODING')
    expect(error.field).toBe('token')
  })

  it.each(['=AAA', 'A=AA', 'AA=A', 'QQ=', 'AAAA====', 'QQ==QQ=='])(
    'rejects misplaced padding %j',
    (text) => {
      const error = thrownBy(() => base64Decode(text, 'token'))
      expect(error.code).toBe('ERR_KEY_BAD_ENCODING')
      expect(error.field).toBe('token')
    },
  )

  it('decodes the empty string', () => {
    expect(base64Decode('', 'token')).toStrictEqual(new Uint8Array([]))
  })
})

describe('utf8', () => {
  it('round-trips non-ASCII text', () => {
    const text = 'chännel-名字-😀'
    const bytes = utf8Encode(text)
    expect(bytes).toStrictEqual(new Uint8Array(Buffer.from(text, 'utf8')))
    expect(utf8Decode(bytes, 'channelName')).toBe(text)
  })

  it('keeps a leading BOM', () => {
    expect(utf8Decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 'name')).toBe('\uFEFFA')
  })

  it.each([
    ['lone continuation byte', [0x80]],
    ['truncated sequence', [0xe2, 0x82]],
    ['overlong encoding', [0xc0, 0xaf]],
    ['UTF-16 surrogate', [0xed, 0xa0, 0x80]],
  ])('rejects a %s', (_name, bytes) => {
    const error = thrownBy(() => utf8Decode(new Uint8Array(bytes), 'account'))
    expect(error.code).toBe('ERR_KEY_INVALID_FIELD')
    expect(error.field).toBe('account')
    expect(error.cause).toBeDefined()
  })
})
