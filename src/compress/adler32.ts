/** The Adler-32 modulus: the largest prime below 2^16 (RFC 1950 §8.2). */
const ADLER_MODULUS = 65_521

/** zlib's NMAX: the most bytes that can be summed before `b` could pass 2^32 and must be reduced. */
const BLOCK_BYTES = 5552

/** Computes the Adler-32 checksum that ends every zlib stream (RFC 1950). */
export function adler32(data: Uint8Array): number {
  let a = 1
  let b = 0
  for (let start = 0; start < data.length; start += BLOCK_BYTES) {
    const end = Math.min(start + BLOCK_BYTES, data.length)
    for (let i = start; i < end; i++) {
      a += data[i] ?? 0
      b += a
    }
    a %= ADLER_MODULUS
    b %= ADLER_MODULUS
  }
  return ((b << 16) | a) >>> 0
}
