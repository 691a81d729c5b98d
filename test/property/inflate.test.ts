import fc from 'fast-check'
import { constants, deflateRawSync, deflateSync, inflateRawSync, type ZlibOptions } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { base64Decode, hexDecode } from '../../src/bytes/index.js'
import { zlibInflate } from '../../src/compress/inflate.js'
import { MAX_ACCESS_TOKEN2_PAYLOAD_BYTES as CAP } from '../../src/access-token2/limits.js'
import { expectSameAsZlib, zlibWrap } from '../unit/zlib-streams.js'
import { loadVectors, type VectorCase } from '../vectors/load.js'

const STRATEGIES = [
  constants.Z_DEFAULT_STRATEGY,
  constants.Z_FILTERED,
  constants.Z_HUFFMAN_ONLY,
  constants.Z_RLE,
  constants.Z_FIXED,
]

/** Every "007" case of vectors/, with its token body and the payload it inflates to. */
const vectorBodies = ['access-token2', 'access-token2-extra'].flatMap((kind) =>
  loadVectors(kind).cases.map((vector: VectorCase) => {
    if (vector.payloadHex === undefined) throw new TypeError(`${vector.name} has no payloadHex`)
    return {
      name: vector.name,
      body: base64Decode(vector.expected.slice(3), 'token'),
      payload: hexDecode(vector.payloadHex, 'payloadHex'),
    }
  }),
)

/** zlib options across every level, strategy, window size and memory level. */
const zlibOptions: fc.Arbitrary<ZlibOptions> = fc.record({
  level: fc.integer({ min: 0, max: 9 }),
  strategy: fc.constantFrom(...STRATEGIES),
  windowBits: fc.integer({ min: 8, max: 15 }),
  memLevel: fc.integer({ min: 1, max: 9 }),
})

/** Payloads up to the cap: random bytes, text over a small alphabet, and runs of repeated chunks. */
function payload(maxLength: number): fc.Arbitrary<Uint8Array> {
  const sizes = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: maxLength }))
  const random = sizes.chain((size) => fc.uint8Array({ minLength: size, maxLength: size }))
  const smallAlphabet = fc
    .tuple(sizes, fc.integer({ min: 1, max: 6 }), fc.integer())
    .map(([size, letters, seed]) => new Uint8Array(size).map((_, i) => 97 + (Math.imul(i ^ seed, 2_654_435_761) >>> 29) % letters))
  const repeated = fc
    .tuple(fc.uint8Array({ minLength: 1, maxLength: 40 }), sizes)
    .map(([chunk, size]) => new Uint8Array(size).map((_, i) => chunk[i % chunk.length] ?? 0))
  return fc.oneof(random, smallAlphabet, repeated)
}

describe('inflate matches zlib', () => {
  it('inflates every vector body', () => {
    for (const { name, body, payload: expected } of vectorBodies) {
      const out = zlibInflate(body, CAP)
      expect(Buffer.compare(out, expected), name).toBe(0)
    }
  })

  it('inflates vector payloads in all modes', () => {
    // Every level, strategy and window size, with the memory level cycling through 1-9.
    let memLevel = 0
    for (const { name, payload: data } of vectorBodies) {
      for (let level = 0; level <= 9; level++) {
        for (const strategy of STRATEGIES) {
          for (let windowBits = 8; windowBits <= 15; windowBits++) {
            memLevel = (memLevel % 9) + 1
            const options = { level, strategy, windowBits, memLevel }
            const out = zlibInflate(new Uint8Array(deflateSync(data, options)), CAP)
            expect(Buffer.compare(out, data), `${name} ${JSON.stringify(options)}`).toBe(0)
          }
        }
      }
    }
  })

  it('inflates random payloads', () => {
    fc.assert(
      fc.property(payload(CAP), zlibOptions, (data, options) => {
        const out = zlibInflate(new Uint8Array(deflateSync(data, options)), CAP)
        expect(out.length).toBe(data.length)
        expect(Buffer.compare(out, data)).toBe(0)
      }),
      { numRuns: 300 },
    )
  })
})

/** A valid zlib stream of a small payload, to corrupt. */
const smallStream = fc
  .tuple(payload(4096), zlibOptions)
  .map(([data, options]) => new Uint8Array(deflateSync(data, options)))

describe('inflate corrupt streams', () => {
  it('flips bits like zlib', () => {
    const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 })
    fc.assert(
      fc.property(smallStream, flips, (stream, positions) => {
        const corrupt = stream.slice()
        for (const [index, bit] of positions) {
          const at = index % corrupt.length
          corrupt[at] = (corrupt[at] ?? 0) ^ (1 << bit)
        }
        expectSameAsZlib(corrupt, CAP)
      }),
      { numRuns: 1500 },
    )
  })

  it('truncates like zlib', () => {
    fc.assert(
      fc.property(smallStream, fc.nat(), (stream, cut) => {
        expectSameAsZlib(stream.subarray(0, cut % stream.length), CAP)
      }),
      { numRuns: 500 },
    )
  })

  it('rejects appended bytes', () => {
    fc.assert(
      fc.property(smallStream, fc.uint8Array({ minLength: 1, maxLength: 8 }), (stream, extra) => {
        const verdict = expectSameAsZlib(new Uint8Array([...stream, ...extra]), CAP)
        expect(verdict.accepted).toBe(false)
      }),
      { numRuns: 300 },
    )
  })

  it('overwrites bytes like zlib', () => {
    fc.assert(
      fc.property(smallStream, fc.nat(), fc.integer({ min: 0, max: 255 }), (stream, index, value) => {
        const corrupt = stream.slice()
        corrupt[index % corrupt.length] = value
        expectSameAsZlib(corrupt, CAP)
      }),
      { numRuns: 500 },
    )
  })

  it('decodes corrupt blocks like zlib', () => {
    // Corrupts raw deflate data, then gives it the checksum of what zlib inflates it to,
    // so that the Huffman decoding itself is compared rather than the checksum test.
    const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 }), fc.boolean()), {
      minLength: 1,
      maxLength: 3,
    })
    fc.assert(
      fc.property(payload(4096), zlibOptions, flips, (data, options, positions) => {
        const raw = new Uint8Array(deflateRawSync(data, options))
        for (const [index, bit, nearStart] of positions) {
          // Half of the flips land in the first 40 bytes, where dynamic block headers are.
          const at = index % (nearStart ? Math.min(raw.length, 40) : raw.length)
          raw[at] = (raw[at] ?? 0) ^ (1 << bit)
        }
        let stream: Uint8Array
        try {
          const result = inflateRawSync(raw, { info: true, maxOutputLength: CAP + 1 }) as unknown as {
            buffer: Buffer
            engine: { bytesWritten: number }
          }
          stream = zlibWrap(raw.subarray(0, result.engine.bytesWritten), result.buffer)
        } catch {
          stream = zlibWrap(raw, data)
        }
        expectSameAsZlib(stream, CAP)
      }),
      { numRuns: 2000 },
    )
  })
})
