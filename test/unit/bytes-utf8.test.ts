import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ByteReader, ByteWriter, utf8Encode } from '../../src/bytes/index.js'
import { SHORT_TEXT_LENGTH, utf8EncodeInto, utf8Length } from '../../src/bytes/encoding.js'

const reference = new TextEncoder()

/**
 * One UTF-16 code unit from each range the encoder treats differently: ASCII,
 * 2-byte, 3-byte, high and low surrogates (alone or paired), and the edges.
 */
const codeUnit = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }),
  fc.integer({ min: 0x80, max: 0x7ff }),
  fc.integer({ min: 0x800, max: 0xffff }),
  fc.integer({ min: 0xd800, max: 0xdbff }),
  fc.integer({ min: 0xdc00, max: 0xdfff }),
  fc.constantFrom(0, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd, 0xffff),
)

/** Any sequence of UTF-16 code units, well-formed or not, on both sides of SHORT_TEXT_LENGTH. */
const anyText = fc.oneof(
  fc.array(codeUnit, { maxLength: SHORT_TEXT_LENGTH + 8 }),
  fc.array(codeUnit, { minLength: SHORT_TEXT_LENGTH - 2, maxLength: 3 * SHORT_TEXT_LENGTH }),
).map((units) => String.fromCharCode(...units))

/** Edge cases spelled out, so a failure names one of them. */
const edgeCases: readonly (readonly [name: string, text: string])[] = [
  ['empty', ''],
  ['ASCII', 'room-1'],
  ['2-byte', 'é'],
  ['3-byte', '€'],
  ['surrogate pair', '😀'],
  ['lone high surrogate', '\uD83D'],
  ['lone low surrogate', '\uDE00'],
  ['reversed pair', '\uDE00\uD83D'],
  ['high surrogate at end', 'a\uD83D'],
  ['two high surrogates then low', '\uD83D\uD83D\uDE00'],
  ['U+FFFF', '\uFFFF'],
  ['NUL', '\0'],
  ['long ASCII', 'a'.repeat(SHORT_TEXT_LENGTH + 1)],
  ['long mixed', '名😀\uD800x'.repeat(SHORT_TEXT_LENGTH)],
]

describe('utf8Encode', () => {
  it.each(edgeCases)('matches TextEncoder: %s', (_name, text) => {
    expect(utf8Encode(text)).toStrictEqual(reference.encode(text))
  })

  it('matches TextEncoder on any UTF-16', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(utf8Encode(text)).toStrictEqual(reference.encode(text))
      }),
      { numRuns: 5000 },
    )
  })

  it('returns a plain Uint8Array', () => {
    for (const text of ['a', 'a'.repeat(SHORT_TEXT_LENGTH + 1)]) {
      expect(Object.getPrototypeOf(utf8Encode(text))).toBe(Uint8Array.prototype)
    }
  })
})

describe('utf8Length', () => {
  it.each(edgeCases)('matches TextEncoder: %s', (_name, text) => {
    expect(utf8Length(text)).toBe(reference.encode(text).length)
  })

  it('matches TextEncoder on any UTF-16', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(utf8Length(text)).toBe(reference.encode(text).length)
      }),
      { numRuns: 5000 },
    )
  })
})

describe('utf8EncodeInto', () => {
  it('writes at the offset only', () => {
    fc.assert(
      fc.property(anyText, fc.nat({ max: 8 }), (text, offset) => {
        const expected = reference.encode(text)
        const target = new Uint8Array(offset + expected.length + 3).fill(0xaa)
        const end = utf8EncodeInto(text, target, offset)
        expect(end).toBe(offset + expected.length)
        expect(target.subarray(offset, end)).toStrictEqual(expected)
        expect([...target.subarray(0, offset)].every((byte) => byte === 0xaa)).toBe(true)
        expect([...target.subarray(end)]).toStrictEqual([0xaa, 0xaa, 0xaa])
      }),
      { numRuns: 2000 },
    )
  })
})

describe('ByteWriter putString', () => {
  it('matches the length-prefixed TextEncoder bytes', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 4 }), (texts) => {
        const writer = new ByteWriter(1)
        const expected = new ByteWriter(1)
        for (const text of texts) {
          writer.putString(text, 'text')
          expected.putBytes(reference.encode(text), 'text')
        }
        expect(writer.toBytes()).toStrictEqual(expected.toBytes())
      }),
      { numRuns: 2000 },
    )
  })

  it('reads back well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const reader = new ByteReader(new ByteWriter().putString(text, 'text').toBytes())
        expect(reader.getString('text')).toBe(text)
        expect(reader.remaining).toBe(0)
      }),
      { numRuns: 2000 },
    )
  })
})
