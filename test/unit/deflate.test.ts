import { randomBytes } from 'node:crypto'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { utf8Encode } from '../../src/bytes/index.js'
import { deflate } from '../../src/compress/index.js'

function roundTrips(data: Uint8Array): boolean {
  const back = inflateSync(deflate(data))
  return back.length === data.length && Buffer.compare(back, data) === 0
}

/** Returns one byte repeated, which deflates to matches of 258 bytes at distance 1. */
function repeated(length: number): Uint8Array {
  return new Uint8Array(length).fill(0x61)
}

describe('deflate', () => {
  it('writes an empty input', () => {
    // Python 3.11 zlib.compress(b'') returns these bytes: header, an empty fixed block, Adler-32 1.
    expect([...deflate(new Uint8Array(0))]).toEqual([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])
  })

  it('round-trips short inputs', () => {
    for (let length = 0; length <= 600; length++) {
      const data = new Uint8Array(randomBytes(length)).map((byte) => byte % 3)
      expect(roundTrips(data), `length ${String(length)}`).toBe(true)
    }
  })

  it('round-trips block and window edges', () => {
    // 16383 symbols end a block; 65274 and up slide zlib's window; 65535 is the largest stored block.
    for (const length of [16_382, 16_383, 16_384, 32_768, 65_274, 65_275, 65_535, 65_536, 70_000]) {
      for (const data of [new Uint8Array(randomBytes(length)), repeated(length), new Uint8Array(length)]) {
        expect(roundTrips(data), `length ${String(length)}`).toBe(true)
      }
    }
  })

  it('stores incompressible input', () => {
    const data = new Uint8Array(randomBytes(20_000))
    const compressed = deflate(data)
    // 16383 symbols fill the first block, so there are two stored blocks of 5 header bytes each.
    expect(compressed.length).toBe(2 + 20_000 + 2 * 5 + 4)
    expect(roundTrips(data)).toBe(true)
  })

  it('compresses a run', () => {
    // One literal, then 39 matches of up to 258 bytes at 13 bits each in fixed codes.
    const data = repeated(10_000)
    expect(deflate(data).length).toBeLessThan(80)
    expect(roundTrips(data)).toBe(true)
  })

  it('compresses text', () => {
    const data = utf8Encode('007 token payload '.repeat(100))
    expect(deflate(data).length).toBeLessThan(data.length / 10)
    expect(roundTrips(data)).toBe(true)
  })
})
