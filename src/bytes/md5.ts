/**
 * MD5 (RFC 1321) in plain TypeScript, because WebCrypto's `digest` offers no MD5.
 *
 * The APaaS and Education room-user tokens need it, because they name the Chat
 * user by the lower-case hex MD5 of the user UUID. MD5 is broken as a
 * cryptographic hash and is used here only because the token format fixes it.
 * @module
 */

/** Per-step additive constants T[i] = floor(abs(sin(i + 1)) * 2^32), from RFC 1321 section 3.4. */
const T = /* @__PURE__ */ Uint32Array.of(
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
  0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
  0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
  0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
  0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
  0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
  0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
  0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
)

/** Left-rotation amounts, four per round, repeated for the 16 steps of that round. */
const SHIFTS = /* @__PURE__ */ Uint8Array.of(7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21)

/**
 * Computes the MD5 digest of `data`.
 *
 * @param data - The message bytes. Strings must be encoded first (the tokens use UTF-8).
 * @returns The 16-byte digest.
 * @example
 * hexEncode(md5(utf8Encode('abc'))) // '900150983cd24fb0d6963f7d28e17f72'
 */
export function md5(data: Uint8Array): Uint8Array {
  // Padding: one 0x80 byte, zeros up to 56 mod 64, then the bit length as a 64-bit little-endian integer.
  const paddedLength = (((data.length + 8) >>> 6) + 1) * 64
  const padded = new Uint8Array(paddedLength)
  padded.set(data)
  padded[data.length] = 0x80
  const view = new DataView(padded.buffer)
  const bitLength = data.length * 8
  view.setUint32(paddedLength - 8, bitLength >>> 0, true)
  view.setUint32(paddedLength - 4, Math.floor(bitLength / 0x100000000), true)

  let a0 = 0x67452301
  let b0 = 0xefcdab89
  let c0 = 0x98badcfe
  let d0 = 0x10325476
  const words = new Uint32Array(16)

  for (let block = 0; block < paddedLength; block += 64) {
    for (let i = 0; i < 16; i++) words[i] = view.getUint32(block + i * 4, true)
    let a = a0
    let b = b0
    let c = c0
    let d = d0
    for (let step = 0; step < 64; step++) {
      const round = step >>> 4
      let mixed: number
      let wordIndex: number
      if (round === 0) {
        mixed = (b & c) | (~b & d)
        wordIndex = step
      } else if (round === 1) {
        mixed = (d & b) | (~d & c)
        wordIndex = (5 * step + 1) & 15
      } else if (round === 2) {
        mixed = b ^ c ^ d
        wordIndex = (3 * step + 5) & 15
      } else {
        mixed = c ^ (b | ~d)
        wordIndex = (7 * step) & 15
      }
      const sum = (a + mixed + (T[step] ?? 0) + (words[wordIndex] ?? 0)) | 0
      const shift = SHIFTS[(round << 2) | (step & 3)] ?? 0
      a = d
      d = c
      c = b
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0
    }
    a0 = (a0 + a) | 0
    b0 = (b0 + b) | 0
    c0 = (c0 + c) | 0
    d0 = (d0 + d) | 0
  }

  const digest = new Uint8Array(16)
  const digestView = new DataView(digest.buffer)
  digestView.setUint32(0, a0 >>> 0, true)
  digestView.setUint32(4, b0 >>> 0, true)
  digestView.setUint32(8, c0 >>> 0, true)
  digestView.setUint32(12, d0 >>> 0, true)
  return digest
}
