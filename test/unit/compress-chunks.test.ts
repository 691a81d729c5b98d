import { randomBytes } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { utf8Encode } from '../../src/bytes/index.js'
import { compressBackend } from '../../src/compress/node.js'

/** Inputs whose deflate output spans many 1 KiB chunks, and one that fits in a single chunk. */
const inputs: readonly (readonly [name: string, data: Uint8Array])[] = [
  ['a token-sized payload', new Uint8Array(randomBytes(160))],
  ['65536 random bytes', new Uint8Array(randomBytes(65_536))],
  ['repeated text', utf8Encode('007 token payload '.repeat(20_000))],
  ['zeros', new Uint8Array(300_000)],
]

// The node backend inflates with a 1 KiB chunkSize, and zlib's output must not depend on it.
describe('node zlib chunk size', () => {
  it.each(inputs)('inflates %s back', async (_name, data) => {
    const out = await compressBackend.inflate(deflateSync(data), data.length)
    expect(out.length).toBe(data.length)
    expect(Buffer.compare(out, data)).toBe(0)
  })
})
