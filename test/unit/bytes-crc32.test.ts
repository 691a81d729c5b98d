import { crc32 as zlibCrc32 } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { crc32, utf8Encode } from '../../src/bytes/index.js'

describe('crc32', () => {
  it('matches the standard check value', () => {
    // The catalogued check value of CRC-32/ISO-HDLC for the ASCII string "123456789".
    expect(crc32(utf8Encode('123456789'))).toBe(0xcbf43926)
  })

  it('returns 0 for empty input', () => {
    expect(crc32(new Uint8Array(0))).toBe(0)
  })

  it('returns unsigned values', () => {
    // 0xff bytes give a CRC with the top bit set, which a signed result would turn negative.
    const value = crc32(new Uint8Array([0xff, 0xff, 0xff, 0xff]))
    expect(value).toBe(0xffffffff)
    expect(crc32(utf8Encode('a'))).toBe(0xe8b7be43)
  })

  it('agrees with node:zlib', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(crc32(bytes)).toBe(zlibCrc32(bytes))
      }),
      { numRuns: 2000 },
    )
  })

  it('hashes UTF-8 text like zlib', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        expect(crc32(utf8Encode(text))).toBe(zlibCrc32(text))
      }),
      { numRuns: 1000 },
    )
  })
})
