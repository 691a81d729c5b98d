import fc from 'fast-check'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { deflate } from '../../src/compress/index.js'
import { compressBackend as nodeBackend } from '../../src/compress/node.js'
import { compressBackend as webBackend } from '../../src/compress/web.js'

/** The largest "007" payload the builder writes and the parser accepts: 64 KiB. */
const MAX_PAYLOAD_BYTES = 65_536

/** zlib blocks end after this many symbols, and each block may be stored. */
const BLOCK_SYMBOLS = 16_383

/**
 * Returns the size of the input as stored blocks: 2 header bytes, at most 5 bytes per
 * block (header bits, padding, LEN and NLEN) and the 4-byte checksum. The
 * encoder never writes more.
 */
function storedSize(length: number): number {
  return 2 + length + 5 * (Math.floor(length / BLOCK_SYMBOLS) + 1) + 4
}

/** Random bytes, and bytes from a small alphabet with repeats, which compress. */
const payload = fc.oneof(
  fc.uint8Array({ maxLength: MAX_PAYLOAD_BYTES }),
  fc
    .array(fc.uint8Array({ minLength: 1, maxLength: 300 }).map((chunk) => chunk.map((byte) => byte % 4)), {
      maxLength: 400,
    })
    .map((chunks) => {
      const all = new Uint8Array(Math.min(MAX_PAYLOAD_BYTES, chunks.reduce((sum, c) => sum + c.length, 0)))
      let offset = 0
      for (const chunk of chunks) {
        if (offset >= all.length) break
        all.set(chunk.subarray(0, all.length - offset), offset)
        offset += chunk.length
      }
      return all
    }),
  fc.array(fc.constantFrom(...'rtc room 007 token uid'.split(' ')), { maxLength: 3000 }).map(
    (words) => new TextEncoder().encode(words.join(' ')).subarray(0, MAX_PAYLOAD_BYTES),
  ),
)

function sameBytes(actual: Uint8Array, expected: Uint8Array): boolean {
  return actual.length === expected.length && Buffer.compare(actual, expected) === 0
}

describe('deflate property', () => {
  it('node:zlib inflates it back', () => {
    fc.assert(
      fc.property(payload, (data) => {
        const compressed = deflate(data)
        expect(sameBytes(new Uint8Array(inflateSync(compressed)), data)).toBe(true)
        expect(compressed.length).toBeLessThanOrEqual(storedSize(data.length))
      }),
      { numRuns: 150 },
    )
  })

  it('both backends inflate it back', async () => {
    await fc.assert(
      fc.asyncProperty(payload, async (data) => {
        const compressed = deflate(data)
        expect(sameBytes(await nodeBackend.inflate(compressed, data.length), data)).toBe(true)
        expect(sameBytes(await webBackend.inflate(compressed, data.length), data)).toBe(true)
      }),
      { numRuns: 80 },
    )
  })
})
