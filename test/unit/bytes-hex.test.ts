import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hexDecode, hexEncode, isHex } from '../../src/bytes/index.js'
import { AgoraKeysError } from '../../src/errors.js'

/** Encodes with Number.prototype.toString, independent of the lookup table. */
function referenceEncode(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Decodes pairs with Number.parseInt after the regular-expression check of isHex. */
function referenceDecode(text: string): Uint8Array | undefined {
  if (!isHex(text)) return undefined
  const out = new Uint8Array(text.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16)
  return out
}

/** Calls hexDecode and returns the bytes, or undefined after checking the error it threw. */
function decodeOrUndefined(text: string): Uint8Array | undefined {
  try {
    return hexDecode(text, 'value')
  } catch (error) {
    expect(error).toBeInstanceOf(AgoraKeysError)
    expect((error as AgoraKeysError).code).toBe('ERR_KEY_BAD_ENCODING')
    expect((error as AgoraKeysError).field).toBe('value')
    return undefined
  }
}

/** Strings mostly of hex digits, with now and then a character next to one in char-code order. */
const hexLike = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...Array.from('0123456789abcdefABCDEF')) },
      { weight: 1, arbitrary: fc.constantFrom('/', ':', '@', 'G', '`', 'g', ' ', '\0', 'é', '０', '\uD800') },
    ),
    { maxLength: 70 },
  )
  .map((characters) => characters.join(''))

describe('hexEncode table', () => {
  it('matches toString(16) for every byte', () => {
    const every = Uint8Array.from({ length: 256 }, (_, byte) => byte)
    expect(hexEncode(every)).toBe(referenceEncode(every))
  })

  it('matches toString(16) on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(hexEncode(bytes)).toBe(referenceEncode(bytes))
      }),
    )
  })
})

describe('hexDecode table', () => {
  it('decodes every byte in both cases', () => {
    for (let byte = 0; byte < 256; byte++) {
      const text = byte.toString(16).padStart(2, '0')
      expect(hexDecode(text, 'value')).toStrictEqual(new Uint8Array([byte]))
      expect(hexDecode(text.toUpperCase(), 'value')).toStrictEqual(new Uint8Array([byte]))
    }
  })

  it('rejects every non-hex character', () => {
    for (let code = 0; code < 0x10000; code++) {
      const character = String.fromCharCode(code)
      if (/^[0-9a-fA-F]$/.test(character)) continue
      expect(decodeOrUndefined(`0${character}`), `code ${String(code)}`).toBeUndefined()
      expect(decodeOrUndefined(`${character}0`), `code ${String(code)}`).toBeUndefined()
    }
  })

  it('agrees with parseInt and isHex', () => {
    fc.assert(
      fc.property(hexLike, (text) => {
        expect(decodeOrUndefined(text)).toStrictEqual(referenceDecode(text))
      }),
      { numRuns: 5000 },
    )
  })
})
