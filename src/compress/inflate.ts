/**
 * A strict zlib inflater (RFC 1950 around RFC 1951 deflate data), written
 * from the RFCs, so that every runtime can read AccessToken2 ("007") bodies
 * without node:zlib or DecompressionStream, and reads them the same way.
 *
 * It follows zlib's inflate where the RFCs leave a choice: a literal/length
 * or distance code may be empty or a single 1-bit code, but no other code may
 * be incomplete, and window sizes up to 32 KiB are accepted. The tests check
 * that it accepts and rejects the same streams as the zlib 1.3.1 in Node.js 20.
 * Unlike zlib, it also rejects bytes after the Adler-32 checksum.
 *
 * Work is bounded: every loop step consumes input bits or writes output, and
 * the output buffer never grows past `maxOutputBytes`.
 * @module
 */
import { AgoraKeysError } from '../errors.js'
import { adler32 } from './adler32.js'

/** The longest Huffman code deflate allows, in bits. */
const MAX_CODE_BITS = 15

/** Index bits of the literal/length lookup table. Longer codes are decoded bit by bit. */
const LITERAL_ROOT_BITS = 9

/** Index bits of the distance lookup table. */
const DISTANCE_ROOT_BITS = 7

const END_OF_BLOCK = 256

/** Literal/length symbols 286 and 287, and distance symbols 30 and 31, exist only in the fixed code and are invalid. */
const MAX_LITERAL_SYMBOLS = 286
const MAX_DISTANCE_SYMBOLS = 30

/** The order in which a dynamic block lists the code lengths of the code-length code (RFC 1951 §3.2.7). */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

/**
 * A canonical Huffman code ready for decoding. `table` is indexed by the next
 * input bits (`bits & mask`, first bit lowest) and contains
 * `symbol << 4 | codeLength`, or 0 where the code is longer than the index
 * or the bits start no code. Those cases are decoded from `counts` and `symbols`.
 */
interface HuffmanCode {
  readonly table: Uint16Array
  readonly mask: number
  /** The number of bits the table is indexed by. */
  readonly tableBits: number
  /** The number of codes of each length 0-15. */
  readonly counts: Uint16Array
  /** The symbols in canonical code order: by code length, then by symbol. */
  readonly symbols: Uint16Array
  /** The first canonical code longer than `tableBits`, and the index of its symbol in `symbols`. */
  readonly longCode: number
  readonly longIndex: number
}

/** Base values and extra-bit counts of the length symbols 257-285 and distance symbols 0-29. */
interface ExtraBitTables {
  readonly lengthBase: Uint16Array
  readonly lengthExtra: Uint8Array
  readonly distanceBase: Uint16Array
  readonly distanceExtra: Uint8Array
}

/**
 * Builds the tables of RFC 1951 §3.2.5. Each base is the previous base plus
 * 2^(previous extra bits). Length symbol 285 breaks the pattern: it is 258
 * with no extra bits.
 */
function buildExtraBitTables(): ExtraBitTables {
  const lengthBase = new Uint16Array(29)
  const lengthExtra = new Uint8Array(29)
  const distanceBase = new Uint16Array(30)
  const distanceExtra = new Uint8Array(30)
  let length = 3
  for (let i = 0; i < 28; i++) {
    lengthBase[i] = length
    lengthExtra[i] = i < 8 ? 0 : (i >> 2) - 1
    length += 1 << (lengthExtra[i] ?? 0)
  }
  lengthBase[28] = 258
  let distance = 1
  for (let i = 0; i < 30; i++) {
    distanceBase[i] = distance
    distanceExtra[i] = i < 4 ? 0 : (i >> 1) - 1
    distance += 1 << (distanceExtra[i] ?? 0)
  }
  return { lengthBase, lengthExtra, distanceBase, distanceExtra }
}

const EXTRA_BITS = /* @__PURE__ */ buildExtraBitTables()

function inflateError(reason: string): AgoraKeysError {
  return new AgoraKeysError('ERR_KEY_INFLATE_FAILED', `token body is not valid zlib data: ${reason}`, {
    field: 'body',
  })
}

function tooLargeError(maxOutputBytes: number): AgoraKeysError {
  return new AgoraKeysError(
    'ERR_KEY_INFLATE_FAILED',
    `token body inflates to more than ${String(maxOutputBytes)} bytes`,
    { field: 'body' },
  )
}

/**
 * Builds the decoder of the canonical Huffman code with the given code
 * lengths (RFC 1951 §3.2.2). Over-subscribed lengths are rejected. Incomplete
 * lengths are rejected too, except that, as in zlib, a literal/length or
 * distance code may have no codes or a single 1-bit code. Decoding the
 * missing codes then fails.
 */
function buildCode(lengths: Uint8Array, rootBits: number, allowIncomplete: boolean): HuffmanCode {
  const counts = new Uint16Array(MAX_CODE_BITS + 1)
  for (const length of lengths) counts[length] = (counts[length] ?? 0) + 1
  counts[0] = 0

  let unused = 1
  let maxLength = 0
  for (let length = 1; length <= MAX_CODE_BITS; length++) {
    const count = counts[length] ?? 0
    unused = (unused << 1) - count
    if (unused < 0) throw inflateError('a Huffman code is over-subscribed')
    if (count > 0) maxLength = length
  }
  if (unused > 0 && !(allowIncomplete && maxLength <= 1)) {
    throw inflateError('a Huffman code is incomplete')
  }

  // offsets[length] is where the symbols of that code length start in canonical order.
  const offsets = new Uint16Array(MAX_CODE_BITS + 2)
  for (let length = 1; length <= MAX_CODE_BITS; length++) {
    offsets[length + 1] = (offsets[length] ?? 0) + (counts[length] ?? 0)
  }
  const symbols = new Uint16Array(offsets[MAX_CODE_BITS + 1] ?? 0)
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const length = lengths[symbol] ?? 0
    if (length === 0) continue
    const slot = offsets[length] ?? 0
    symbols[slot] = symbol
    offsets[length] = slot + 1
  }

  const tableBits = Math.min(rootBits, maxLength)
  const table = new Uint16Array(1 << tableBits)
  const [longCode, longIndex] = fillTable(table, tableBits, counts, symbols)
  return { table, mask: (1 << tableBits) - 1, tableBits, counts, symbols, longCode, longIndex }
}

/** Reverses the low `count` bits of `value` (at most 16), because deflate packs Huffman codes from their top bit. */
function reverseBits(value: number, count: number): number {
  let x = value
  x = ((x & 0x5555) << 1) | ((x >> 1) & 0x5555)
  x = ((x & 0x3333) << 2) | ((x >> 2) & 0x3333)
  x = ((x & 0x0f0f) << 4) | ((x >> 4) & 0x0f0f)
  x = ((x & 0x00ff) << 8) | ((x >> 8) & 0x00ff)
  return x >> (16 - count)
}

/**
 * Writes every code of at most `tableBits` bits into `table`, at each index
 * whose low bits are the code read in input order (that is, bit-reversed).
 * Returns the first canonical code longer than that and its symbol's index.
 */
function fillTable(
  table: Uint16Array,
  tableBits: number,
  counts: Uint16Array,
  symbols: Uint16Array,
): [code: number, index: number] {
  let code = 0
  let index = 0
  for (let length = 1; length <= tableBits; length++) {
    const count = counts[length] ?? 0
    for (let i = 0; i < count; i++, code++, index++) {
      const entry = ((symbols[index] ?? 0) << 4) | length
      for (let slot = reverseBits(code, length); slot < table.length; slot += 1 << length) table[slot] = entry
    }
    code <<= 1
  }
  return [code, index]
}

/** Builds the fixed codes of RFC 1951 §3.2.6, including the invalid symbols 286, 287, 30 and 31. */
function buildFixedCodes(): readonly [HuffmanCode, HuffmanCode] {
  const literalLengths = new Uint8Array(288)
  literalLengths.fill(8, 0, 144)
  literalLengths.fill(9, 144, 256)
  literalLengths.fill(7, 256, 280)
  literalLengths.fill(8, 280, 288)
  const distanceLengths = new Uint8Array(32).fill(5)
  return [buildCode(literalLengths, LITERAL_ROOT_BITS, false), buildCode(distanceLengths, 5, false)]
}

const FIXED_CODES = /* @__PURE__ */ buildFixedCodes()

/** The state of one inflate call: the input bit position and the output written so far. */
class Inflater {
  /** The next input byte to load into `bits`. It may pass the end by the zero bytes loaded after it. */
  private position: number
  /** Loaded input bits not yet consumed, the next one in bit 0. */
  private bits = 0
  private bitCount = 0
  private out: Uint8Array
  private outLength = 0

  constructor(
    private readonly input: Uint8Array,
    private readonly maxOutputBytes: number,
  ) {
    this.position = 0
    this.out = new Uint8Array(Math.min(maxOutputBytes, input.length * 2 + 64))
  }

  /** Inflates the whole stream and returns the output. */
  run(): Uint8Array {
    this.readHeader()
    let final = 0
    while (final === 0) {
      final = this.take(1)
      const type = this.take(2)
      if (type === 0) this.copyStoredBlock()
      else if (type === 1) this.inflateBlock(FIXED_CODES[0], FIXED_CODES[1])
      else if (type === 2) this.inflateDynamicBlock()
      else throw inflateError('a block has the reserved type 3')
    }
    this.checkTrailer()
    return this.out.subarray(0, this.outLength)
  }

  /** Checks the 2-byte zlib header (RFC 1950 §2.2). */
  private readHeader(): void {
    const [cmf, flags] = this.input
    if (cmf === undefined || flags === undefined) throw inflateError('the stream ends inside its header')
    if ((cmf & 0x0f) !== 8) throw inflateError('the compression method is not deflate (8)')
    if (cmf >> 4 > 7) throw inflateError('the window size is over 32 KiB')
    if (((cmf << 8) | flags) % 31 !== 0) throw inflateError('the header check bits (FCHECK) are invalid')
    if ((flags & 0x20) !== 0) throw inflateError('the stream needs a preset dictionary')
    this.position = 2
  }

  /**
   * Loads input bytes until at least 25 bits are loaded: enough for any code
   * or extra-bit field, without shifting a byte past bit 31. Past the end it
   * loads zero bytes, so that a short code near the end can be looked up in a
   * table, and rejects the stream once more bits were consumed than the input has.
   */
  private refill(): void {
    while (this.bitCount <= 24) {
      let byte = this.input[this.position]
      if (byte === undefined) {
        if (this.position * 8 - this.bitCount > this.input.length * 8) {
          throw inflateError('the stream ends before its last block')
        }
        byte = 0
      }
      this.bits |= byte << this.bitCount
      this.position++
      this.bitCount += 8
    }
  }

  /** Consumes `count` bits (at most 24) and returns them as a number, first bit lowest. */
  private take(count: number): number {
    if (this.bitCount < count) this.refill()
    const value = this.bits & ((1 << count) - 1)
    this.bits >>>= count
    this.bitCount -= count
    return value
  }

  /** Consumes one Huffman-coded symbol. */
  private decode(code: HuffmanCode): number {
    if (this.bitCount < MAX_CODE_BITS) this.refill()
    const entry = code.table[this.bits & code.mask] ?? 0
    if (entry !== 0) {
      const length = entry & 15
      this.bits >>>= length
      this.bitCount -= length
      return entry >> 4
    }
    return this.decodeLongCode(code)
  }

  /**
   * Decodes a code longer than the lookup table's index. No code of at most
   * `tableBits` bits matched, so the canonical walk starts after them and
   * reads one bit at a time.
   * NOTE: this is slower than zlib's second-level tables. A 66 KB body of
   * 35,000 15-bit codes took 0.9 ms of CPU time against 0.2 ms for
   * zlib.inflateSync (Node.js 20, one run on a shared 2-core machine).
   */
  private decodeLongCode(code: HuffmanCode): number {
    const { tableBits, counts } = code
    // The input bits so far, first bit highest, as canonical codes are compared.
    let value = reverseBits(this.bits & code.mask, tableBits)
    let first = code.longCode
    let index = code.longIndex
    for (let length = tableBits + 1; length <= MAX_CODE_BITS; length++) {
      value = (value << 1) | ((this.bits >>> (length - 1)) & 1)
      const count = counts[length] ?? 0
      if (value - first < count) {
        this.bits >>>= length
        this.bitCount -= length
        return code.symbols[index + value - first] ?? 0
      }
      index += count
      first = (first + count) << 1
    }
    throw inflateError('the input contains an invalid Huffman code')
  }

  /** Grows the output buffer for `count` more bytes, rejecting output over the limit. */
  private reserve(count: number): void {
    const needed = this.outLength + count
    if (needed <= this.out.length) return
    if (needed > this.maxOutputBytes) throw tooLargeError(this.maxOutputBytes)
    const grown = new Uint8Array(Math.min(this.maxOutputBytes, Math.max(needed, this.out.length * 2)))
    grown.set(this.out.subarray(0, this.outLength))
    this.out = grown
  }

  /** Drops the bits up to the next byte boundary and returns the index of the next unread byte. */
  private alignToByte(): number {
    this.bitCount -= this.bitCount & 7
    const next = this.position - (this.bitCount >> 3)
    this.position = next
    this.bits = 0
    this.bitCount = 0
    return next
  }

  /** Copies a stored block (RFC 1951 §3.2.4): LEN, its ones' complement NLEN, then LEN bytes. */
  private copyStoredBlock(): void {
    const start = this.alignToByte()
    const input = this.input
    if (start + 4 > input.length) throw inflateError('the stream ends inside a stored block header')
    const length = (input[start] ?? 0) | ((input[start + 1] ?? 0) << 8)
    const complement = (input[start + 2] ?? 0) | ((input[start + 3] ?? 0) << 8)
    if ((length ^ 0xffff) !== complement) {
      throw inflateError('a stored block length does not match its complement')
    }
    const end = start + 4 + length
    if (end > input.length) throw inflateError('the stream ends inside a stored block')
    this.reserve(length)
    this.out.set(input.subarray(start + 4, end), this.outLength)
    this.outLength += length
    this.position = end
  }

  /** Reads the code lengths of a dynamic block (RFC 1951 §3.2.7) and inflates the block. */
  private inflateDynamicBlock(): void {
    const literalCount = this.take(5) + 257
    const distanceCount = this.take(5) + 1
    const codeLengthCount = this.take(4) + 4
    if (literalCount > MAX_LITERAL_SYMBOLS || distanceCount > MAX_DISTANCE_SYMBOLS) {
      throw inflateError('a dynamic block declares more than 286 length or 30 distance codes')
    }

    const codeLengthLengths = new Uint8Array(CODE_LENGTH_ORDER.length)
    for (let i = 0; i < codeLengthCount; i++) {
      codeLengthLengths[CODE_LENGTH_ORDER[i] ?? 0] = this.take(3)
    }
    const codeLengthCode = buildCode(codeLengthLengths, 7, false)

    const lengths = new Uint8Array(literalCount + distanceCount)
    let i = 0
    while (i < lengths.length) {
      const symbol = this.decode(codeLengthCode)
      if (symbol < 16) {
        lengths[i++] = symbol
        continue
      }
      let value = 0
      let repeat: number
      if (symbol === 16) {
        if (i === 0) throw inflateError('a code length repeats before the first one')
        value = lengths[i - 1] ?? 0
        repeat = 3 + this.take(2)
      } else if (symbol === 17) {
        repeat = 3 + this.take(3)
      } else {
        repeat = 11 + this.take(7)
      }
      if (i + repeat > lengths.length) throw inflateError('a code length repeats past the last code')
      lengths.fill(value, i, i + repeat)
      i += repeat
    }
    if (lengths[END_OF_BLOCK] === 0) throw inflateError('a dynamic block has no end-of-block code')

    const literalCode = buildCode(lengths.subarray(0, literalCount), LITERAL_ROOT_BITS, true)
    const distanceCode = buildCode(lengths.subarray(literalCount), DISTANCE_ROOT_BITS, true)
    this.inflateBlock(literalCode, distanceCode)
  }

  /** Decodes literals and matches (RFC 1951 §3.2.5) up to the end-of-block symbol. */
  private inflateBlock(literalCode: HuffmanCode, distanceCode: HuffmanCode): void {
    const { lengthBase, lengthExtra, distanceBase, distanceExtra } = EXTRA_BITS
    let out = this.out
    let outLength = this.outLength
    for (;;) {
      const symbol = this.decode(literalCode)
      if (symbol < END_OF_BLOCK) {
        if (outLength === out.length) {
          this.outLength = outLength
          this.reserve(1)
          out = this.out
        }
        out[outLength++] = symbol
        continue
      }
      if (symbol === END_OF_BLOCK) break
      const lengthSymbol = symbol - 257
      if (lengthSymbol >= 29) throw inflateError('a block uses the invalid length symbol 286 or 287')
      const length = (lengthBase[lengthSymbol] ?? 0) + this.take(lengthExtra[lengthSymbol] ?? 0)

      const distanceSymbol = this.decode(distanceCode)
      if (distanceSymbol >= MAX_DISTANCE_SYMBOLS) {
        throw inflateError('a block uses the invalid distance symbol 30 or 31')
      }
      const distance = (distanceBase[distanceSymbol] ?? 0) + this.take(distanceExtra[distanceSymbol] ?? 0)
      if (distance > outLength) throw inflateError('a match reaches back before the start of the output')

      if (outLength + length > out.length) {
        this.outLength = outLength
        this.reserve(length)
        out = this.out
      }
      const end = outLength + length
      if (distance >= length && length > 32) {
        out.copyWithin(outLength, outLength - distance, end - distance)
        outLength = end
      }
      // Byte by byte when the match overlaps the bytes it writes, or is too short to gain from copyWithin.
      while (outLength < end) {
        out[outLength] = out[outLength - distance] ?? 0
        outLength++
      }
    }
    this.outLength = outLength
  }

  /** Checks the big-endian Adler-32 after the last block, and that nothing follows it. */
  private checkTrailer(): void {
    const start = this.alignToByte()
    const input = this.input
    if (start + 4 > input.length) throw inflateError('the stream ends before its Adler-32 checksum')
    const stored =
      (((input[start] ?? 0) << 24) |
        ((input[start + 1] ?? 0) << 16) |
        ((input[start + 2] ?? 0) << 8) |
        (input[start + 3] ?? 0)) >>>
      0
    if (stored !== adler32(this.out.subarray(0, this.outLength))) {
      throw inflateError('the Adler-32 checksum does not match the inflated data')
    }
    const trailing = input.length - start - 4
    if (trailing > 0) {
      throw new AgoraKeysError(
        'ERR_KEY_INFLATE_FAILED',
        `token body has ${String(trailing)} bytes after the end of its zlib stream`,
        { field: 'body' },
      )
    }
  }
}

/**
 * Inflates a zlib stream (RFC 1950) synchronously.
 * @throws AgoraKeysError `ERR_KEY_INFLATE_FAILED` (field `body`) when `data`
 * is not one complete zlib stream, has bytes after it, or inflates to more
 * than `maxOutputBytes`. The output buffer never grows past `maxOutputBytes`.
 * @example
 * zlibInflate(new Uint8Array([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), 1024) // empty
 */
export function zlibInflate(data: Uint8Array, maxOutputBytes: number): Uint8Array {
  return new Inflater(data, maxOutputBytes).run()
}
