import { inflateSync } from 'node:zlib'
import { expect } from 'vitest'
import { adler32 } from '../../src/compress/adler32.js'
import { zlibInflate } from '../../src/compress/inflate.js'
import { AgoraKeysError } from '../../src/errors.js'

/** Writes deflate bit fields: numbers least significant bit first, Huffman codes most significant bit first. */
export class BitWriter {
  private readonly bytes: number[] = []
  private bits = 0
  private bitCount = 0

  /** Appends the low `count` bits of `value`, lowest first. */
  writeBits(value: number, count: number): this {
    for (let i = 0; i < count; i++) this.pushBit((value >> i) & 1)
    return this
  }

  /** Appends a Huffman code of `length` bits, highest first (RFC 1951 §3.1.1). */
  writeCode(code: number, length: number): this {
    for (let i = length - 1; i >= 0; i--) this.pushBit((code >> i) & 1)
    return this
  }

  /** Appends whole bytes after padding to a byte boundary with zero bits. */
  writeBytes(bytes: readonly number[]): this {
    this.padToByte()
    this.bytes.push(...bytes)
    return this
  }

  /** Pads with zero bits to a byte boundary and returns the bytes written. */
  finish(): Uint8Array {
    this.padToByte()
    return new Uint8Array(this.bytes)
  }

  private padToByte(): void {
    while (this.bitCount !== 0) this.pushBit(0)
  }

  private pushBit(bit: number): void {
    this.bits |= bit << this.bitCount
    this.bitCount++
    if (this.bitCount === 8) {
      this.bytes.push(this.bits)
      this.bits = 0
      this.bitCount = 0
    }
  }
}

/** Assigns the canonical Huffman codes for the given code lengths (RFC 1951 §3.2.2). Length 0 means no code. */
export function canonicalCodes(lengths: readonly number[]): number[] {
  const counts = new Array<number>(16).fill(0)
  for (const length of lengths) if (length > 0) counts[length] = (counts[length] ?? 0) + 1
  const next = new Array<number>(16).fill(0)
  let code = 0
  for (let length = 1; length <= 15; length++) {
    code = (code + (counts[length - 1] ?? 0)) << 1
    next[length] = code
  }
  return lengths.map((length) => {
    if (length === 0) return 0
    const assigned = next[length] ?? 0
    next[length] = assigned + 1
    return assigned
  })
}

/** Wraps raw deflate data in a zlib stream: header 0x78 0x01, then the data, then the Adler-32 of `content`. */
export function zlibWrap(deflateData: Uint8Array, content: Uint8Array): Uint8Array {
  const checksum = adler32(content)
  const out = new Uint8Array(deflateData.length + 6)
  out.set([0x78, 0x01])
  out.set(deflateData, 2)
  out.set([checksum >>> 24, (checksum >>> 16) & 0xff, (checksum >>> 8) & 0xff, checksum & 0xff], out.length - 4)
  return out
}

/** What node:zlib makes of a stream: its output, or the reason to expect a rejection. */
export type ZlibVerdict =
  | { readonly accepted: true; readonly output: Uint8Array }
  | { readonly accepted: false; readonly reason: string }

/**
 * Inflates with node:zlib and applies this library's rules on top: output
 * over `maxOutputBytes` and bytes after the stream, which zlib ignores, are
 * rejected.
 */
export function zlibVerdict(stream: Uint8Array, maxOutputBytes: number): ZlibVerdict {
  let result: { buffer: Buffer; engine: { bytesWritten: number } }
  try {
    result = inflateSync(stream, { info: true, maxOutputLength: maxOutputBytes + 1 }) as unknown as typeof result
  } catch (error) {
    return { accepted: false, reason: `zlib: ${(error as Error).message}` }
  }
  if (result.buffer.length > maxOutputBytes) return { accepted: false, reason: 'over the cap' }
  const trailing = stream.length - result.engine.bytesWritten
  if (trailing > 0) return { accepted: false, reason: `${String(trailing)} trailing bytes` }
  return { accepted: true, output: new Uint8Array(result.buffer) }
}

/**
 * Asserts that zlibInflate returns what node:zlib returns, or that both
 * reject, zlibInflate with ERR_KEY_INFLATE_FAILED on field `body`.
 */
export function expectSameAsZlib(stream: Uint8Array, maxOutputBytes: number): ZlibVerdict {
  const verdict = zlibVerdict(stream, maxOutputBytes)
  const context = `stream ${Buffer.from(stream).toString('hex').slice(0, 400)}`
  let output: Uint8Array | undefined
  let error: unknown
  try {
    output = zlibInflate(stream, maxOutputBytes)
  } catch (caught) {
    error = caught
  }
  if (verdict.accepted) {
    expect(error, context).toBeUndefined()
    expect(output?.length, context).toBe(verdict.output.length)
    expect(Buffer.compare(output ?? new Uint8Array(0), verdict.output), context).toBe(0)
  } else {
    expect(error, `${context}, expected rejection: ${verdict.reason}`).toBeInstanceOf(AgoraKeysError)
    expect((error as AgoraKeysError).code, context).toBe('ERR_KEY_INFLATE_FAILED')
    expect((error as AgoraKeysError).field, context).toBe('body')
  }
  return verdict
}
