import { randomBytes, randomInt } from 'node:crypto'
import { deflateRawSync, deflateSync, gzipSync, inflateSync } from 'node:zlib'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { utf8Encode } from '../../src/bytes/index.js'
import { adler32 } from '../../src/compress/adler32.js'
import { deflate, inflate } from '../../src/compress/index.js'
import { compressBackend as nodeBackend } from '../../src/compress/node.js'
import { compressBackend as aliasedCompressBackend } from '#compress-backend'
import type { CompressBackend } from '../../src/compress/types.js'
import { compressBackend as webBackend } from '../../src/compress/web.js'
import { rejectionOf } from '../unit/errors-thrown.js'

/** The public inflate, over the `#compress-backend` alias of the current vitest project. */
const aliasedBackend: CompressBackend = { name: aliasedCompressBackend.name, inflate }

const backends: readonly (readonly [string, CompressBackend])[] = [
  ['node', nodeBackend],
  ['web', webBackend],
  ['aliased', aliasedBackend],
]

/**
 * Asserts equal bytes in a plain Uint8Array. toStrictEqual compares large
 * arrays element by element and takes seconds on 200 KB.
 */
function expectBytes(actual: Uint8Array, expected: Uint8Array, context = ''): void {
  expect(Object.getPrototypeOf(actual), context).toBe(Uint8Array.prototype)
  expect(actual.length, context).toBe(expected.length)
  expect(Buffer.compare(actual, expected), context).toBe(0)
}

/** Inputs that exercise stored, fixed and dynamic deflate blocks and multi-chunk streams. */
function sampleInputs(): Uint8Array[] {
  const text = utf8Encode('007 token payload '.repeat(5000))
  const inputs = [new Uint8Array(0), new Uint8Array([0]), text, new Uint8Array(200_000)]
  for (let i = 0; i < 30; i++) inputs.push(new Uint8Array(randomBytes(randomInt(1, 5000))))
  inputs.push(new Uint8Array(randomBytes(150_000)))
  return inputs
}

/** 50 MiB of zeros deflates to about 50 KB: a small token body with a huge output. */
const BOMB_OUTPUT_BYTES = 50 * 1024 * 1024
const bomb = new Uint8Array(deflateSync(new Uint8Array(BOMB_OUTPUT_BYTES), { level: 9 }))

describe('deflate and backend inflate', () => {
  const inputs = sampleInputs()

  it.each(backends)('%s inflates deflate output', async (_name, backend) => {
    for (const data of inputs) {
      expectBytes(await backend.inflate(deflate(data), data.length), data)
    }
  })

  it('deflate writes zlib', () => {
    for (const data of inputs.slice(0, 5)) {
      const compressed = deflate(data)
      expect(Object.getPrototypeOf(compressed)).toBe(Uint8Array.prototype)
      // RFC 1950 header: CM 8 (deflate) in the low nibble and a check value making it divisible by 31.
      expect((compressed[0] ?? 0) & 0x0f).toBe(8)
      expect((((compressed[0] ?? 0) << 8) | (compressed[1] ?? 0)) % 31).toBe(0)
      expectBytes(new Uint8Array(inflateSync(compressed)), data)
    }
  })
})

describe.each(backends)('%s inflate', (_name, backend) => {
  it('returns a plain Uint8Array', async () => {
    const out = await backend.inflate(new Uint8Array(deflateSync(utf8Encode('abc'))), 3)
    expect(out).toStrictEqual(utf8Encode('abc'))
  })

  it('accepts output exactly at the cap', async () => {
    for (const size of [0, 1000, 100_000]) {
      const data = new Uint8Array(randomBytes(size))
      const compressed = new Uint8Array(deflateSync(data))
      expectBytes(await backend.inflate(compressed, size), data, `size ${String(size)}`)
    }
  })

  it('rejects one byte over the cap', async () => {
    for (const size of [1, 1000, 100_000]) {
      const compressed = new Uint8Array(deflateSync(new Uint8Array(randomBytes(size))))
      const error = await rejectionOf(() => backend.inflate(compressed, size - 1))
      expect(error.code, `size ${String(size)}`).toBe('ERR_KEY_INFLATE_FAILED')
      expect(error.field).toBe('body')
      expect(error.message).toContain(`more than ${String(size - 1)} bytes`)
    }
  })

  it('rejects a deflate bomb', async () => {
    const error = await rejectionOf(() => backend.inflate(bomb, 1 << 20))
    expect(error.code).toBe('ERR_KEY_INFLATE_FAILED')
    expect(error.message).toContain('more than 1048576 bytes')
  })

  const invalid: readonly (readonly [string, Uint8Array])[] = [
    ['empty input', new Uint8Array(0)],
    ['random bytes', new Uint8Array(randomBytes(64))],
    ['raw deflate', new Uint8Array(deflateRawSync(utf8Encode('payload')))],
    ['gzip', new Uint8Array(gzipSync(utf8Encode('payload')))],
    ['a truncated stream', new Uint8Array(deflateSync(utf8Encode('payload'.repeat(9)))).slice(0, -5)],
    ['a missing checksum byte', new Uint8Array(deflateSync(utf8Encode('payload'))).slice(0, -1)],
    ['a corrupted checksum', corruptLastByte(new Uint8Array(deflateSync(utf8Encode('payload'))))],
    ['trailing bytes', concat(new Uint8Array(deflateSync(utf8Encode('payload'))), new Uint8Array([1, 2, 3]))],
    ['two streams', concat(new Uint8Array(deflateSync(utf8Encode('a'))), new Uint8Array(deflateSync(utf8Encode('b'))))],
  ]

  it.each(invalid)('rejects %s', async (_case, data) => {
    const error = await rejectionOf(() => backend.inflate(data, 1 << 20))
    expect(error.code).toBe('ERR_KEY_INFLATE_FAILED')
    expect(error.field).toBe('body')
  })
})

function corruptLastByte(data: Uint8Array): Uint8Array {
  const copy = data.slice()
  copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 1
  return copy
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

describe('inflate bomb limits', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('node backend stops inside zlib', async () => {
    // ERR_BUFFER_TOO_LARGE comes from zlib's maxOutputLength, before the full output exists.
    const error = await rejectionOf(() => nodeBackend.inflate(bomb, 1 << 20))
    expect((error.cause as { code?: unknown }).code).toBe('ERR_BUFFER_TOO_LARGE')
  })

  it('web backend needs no DecompressionStream', async () => {
    // The Edge Runtime has no DecompressionStream. The unit tests of inflate.ts check
    // that the output buffer never grows past the cap.
    vi.stubGlobal('DecompressionStream', undefined)
    const error = await rejectionOf(() => webBackend.inflate(bomb, 1 << 20))
    expect(error.code).toBe('ERR_KEY_INFLATE_FAILED')
    expect(error.message).toBe('token body inflates to more than 1048576 bytes')
  })
})

describe('adler32', () => {
  it('matches a known checksum', () => {
    // Python 3.11 zlib.adler32(b'Wikipedia') returns the same value.
    expect(adler32(utf8Encode('Wikipedia'))).toBe(0x11e60398)
  })

  it('is 1 for empty input', () => {
    expect(adler32(new Uint8Array(0))).toBe(1)
  })

  it('matches zlib trailers', () => {
    for (const size of [1, 100, 5551, 5552, 5553, 65_536, 300_000]) {
      const data = new Uint8Array(randomBytes(size)).fill(0xff, 0, size >> 1)
      const compressed = deflateSync(data)
      const trailer = compressed.readUInt32BE(compressed.length - 4)
      expect(adler32(data), `size ${String(size)}`).toBe(trailer)
    }
  })
})

describe('trailing checksum copy', () => {
  // Bytes after the stream that end with the stream's own Adler-32. A check of
  // only the last 4 bytes would accept them.
  it.each(backends)('%s backend rejects it', async (_name, backend) => {
    const stream = new Uint8Array(deflateSync(utf8Encode('payload')))
    const forged = concat(stream, concat(new Uint8Array([1, 2, 3]), stream.slice(-4)))
    const error = await rejectionOf(() => backend.inflate(forged, 1 << 20))
    expect(error.code).toBe('ERR_KEY_INFLATE_FAILED')
    expect(error.field).toBe('body')
  })
})
