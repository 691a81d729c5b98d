import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hexEncode, utf8Encode } from '../../src/bytes/index.js'
import { md5 } from '../../src/bytes/md5.js'

/** The test suite of RFC 1321, appendix A.5: message and digest. */
const rfc1321Suite: readonly (readonly [string, string])[] = [
  ['', 'd41d8cd98f00b204e9800998ecf8427e'],
  ['a', '0cc175b9c0f1b6a831c399e269772661'],
  ['abc', '900150983cd24fb0d6963f7d28e17f72'],
  ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
  ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
  [
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
    'd174ab98d277d9f5a5611c2c9f419d9f',
  ],
  [
    '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
    '57edf4a22be3c955ac49da2e2107b67a',
  ],
]

function nodeMd5Hex(data: Uint8Array): string {
  return createHash('md5').update(data).digest('hex')
}

describe('md5', () => {
  it.each(rfc1321Suite)('RFC 1321 suite "%s"', (message, digest) => {
    expect(hexEncode(md5(utf8Encode(message)))).toBe(digest)
  })

  it('matches node:crypto for lengths 0-200', () => {
    for (let length = 0; length <= 200; length++) {
      const data = new Uint8Array(randomBytes(length))
      expect(hexEncode(md5(data)), `length ${String(length)}`).toBe(nodeMd5Hex(data))
    }
  })

  it('matches node:crypto on multi-block input', () => {
    for (const length of [1000, 4096, 65_537]) {
      const data = new Uint8Array(randomBytes(length))
      expect(hexEncode(md5(data)), `length ${String(length)}`).toBe(nodeMd5Hex(data))
    }
  })

  it('hashes UTF-8 user ids', () => {
    for (const text of ['用户-42', 'émoji 🎉', '\u0000nul']) {
      const bytes = utf8Encode(text)
      expect(hexEncode(md5(bytes))).toBe(nodeMd5Hex(bytes))
    }
  })

  it('leaves its input unchanged', () => {
    const data = Uint8Array.of(1, 2, 3)
    md5(data)
    expect([...data]).toEqual([1, 2, 3])
  })

  it('returns a fresh 16-byte digest', () => {
    const first = md5(new Uint8Array(0))
    const second = md5(new Uint8Array(0))
    expect(first.length).toBe(16)
    expect(first).not.toBe(second)
  })
})
