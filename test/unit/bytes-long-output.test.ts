import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { base64Decode, base64Encode, hexDecode, hexEncode } from '../../src/bytes/index.js'

// Output over 8192 characters is built with several String.fromCharCode calls.
describe('long encoder output', () => {
  it.each([4095, 4096, 4097, 6144, 50_000])('hex-encodes %i bytes', (length) => {
    const bytes = new Uint8Array(randomBytes(length))
    const text = hexEncode(bytes)
    expect(text).toBe(Buffer.from(bytes).toString('hex'))
    expect(hexDecode(text, 'value')).toStrictEqual(bytes)
  })

  it.each([6143, 6144, 6145, 70_000, 200_000])('base64-encodes %i bytes', (length) => {
    const bytes = new Uint8Array(randomBytes(length))
    const text = base64Encode(bytes)
    expect(text).toBe(Buffer.from(bytes).toString('base64'))
    expect(base64Decode(text, 'token')).toStrictEqual(bytes)
  })
})
