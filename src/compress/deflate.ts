/**
 * A deterministic zlib encoder (RFC 1950 and RFC 1951) for AccessToken2
 * ("007") bodies, so that both builds write the same token text on every
 * runtime without node:zlib or CompressionStream.
 *
 * It finds matches the way zlib 1.2.13's deflate_slow does at the default
 * level 6: a 15-bit rolling hash and lazy matching with good 8, lazy 16, nice
 * 128 and chain 128, dropping length-3 matches farther than 4096 bytes. Like
 * zlib with the default memLevel 8, it ends a block after 16383 symbols. It
 * writes each block with the fixed Huffman codes, or stored when zlib's rule
 * finds that smaller. zlib may also write a dynamic Huffman block, which this
 * encoder never does. So the output equals zlib's exactly where zlib chose
 * fixed or stored blocks, and is longer where a dynamic block was shorter.
 * NOTE: past 65274 bytes zlib slides its window, and after that it compares
 * stale window bytes past the end of the input, which this encoder does not
 * model. Equality with zlib there is tested only on random input.
 */
import { adler32 } from './adler32.js'

const MIN_MATCH = 3
const MAX_MATCH = 258
const WINDOW_BYTES = 32_768
/** zlib's MIN_LOOKAHEAD: it refills (and may slide) its window when less input than this is left. */
const MIN_LOOKAHEAD = MAX_MATCH + MIN_MATCH + 1
/** zlib's MAX_DIST: the farthest match it takes, so that a match never reads past the window. */
const MAX_DISTANCE = WINDOW_BYTES - MIN_LOOKAHEAD
const HASH_BITS = 15
const HASH_MASK = (1 << HASH_BITS) - 1
const HASH_SHIFT = 5

/** zlib level 6: stop the lazy search at this length, quarter the chain after it, accept a match this long. */
const MAX_LAZY_MATCH = 16
const GOOD_MATCH = 8
const NICE_MATCH = 128
const MAX_CHAIN = 128
/** A length-3 match farther than this costs more than three literals, so zlib drops it. */
const TOO_FAR = 4096
/** zlib with memLevel 8 ends a block when it holds this many symbols (literals and matches). */
const BLOCK_SYMBOLS = (1 << 14) - 1
const END_OF_BLOCK = 256

/** First length of each length symbol 257-285 (RFC 1951 §3.2.5). */
const LENGTH_BASES = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
]

/** Reverses the low `bits` bits of `code`, because deflate writes Huffman codes from their top bit. */
function reverseBits(code: number, bits: number): number {
  let reversed = 0
  for (let i = 0; i < bits; i++) reversed |= ((code >> i) & 1) << (bits - 1 - i)
  return reversed
}

/** Returns the fixed Huffman code of a literal/length symbol 0-287, bit-reversed, and its length in bits. */
function fixedLiteralCode(symbol: number): [code: number, bits: number] {
  if (symbol < 144) return [reverseBits(0x30 + symbol, 8), 8]
  if (symbol < 256) return [reverseBits(0x190 + symbol - 144, 9), 9]
  if (symbol < 280) return [reverseBits(symbol - 256, 7), 7]
  return [reverseBits(0xc0 + symbol - 280, 8), 8]
}

/**
 * The bits written for each literal byte, and in `lengthBits` for each match
 * length 3-258: the code followed by any extra bits, LSB first, in the low 16
 * bits, and the bit count above them.
 */
const literalBits: Uint32Array = /* @__PURE__ */ (() => {
  const table = new Uint32Array(256)
  for (let byte = 0; byte < 256; byte++) {
    const [code, bits] = fixedLiteralCode(byte)
    table[byte] = (bits << 16) | code
  }
  return table
})()

const lengthBits: Uint32Array = /* @__PURE__ */ (() => {
  const table = new Uint32Array(MAX_MATCH + 1)
  for (let index = 0; index < LENGTH_BASES.length; index++) {
    const base = LENGTH_BASES[index] ?? 0
    const next = index + 1 < LENGTH_BASES.length ? (LENGTH_BASES[index + 1] ?? 0) : MAX_MATCH + 1
    // Symbol 284 covers 227-257 with 5 extra bits; 285 is 258 alone.
    const extraBits = index < 8 || index === 28 ? 0 : (index >> 2) - 1
    const [code, bits] = fixedLiteralCode(257 + index)
    for (let length = base; length < next; length++) {
      table[length] = ((bits + extraBits) << 16) | ((length - base) << bits) | code
    }
  }
  return table
})()

/** The 30 distance codes, 5 bits each, bit-reversed. */
const distanceCodes: Uint8Array = /* @__PURE__ */ (() => {
  const table = new Uint8Array(30)
  for (let code = 0; code < 30; code++) table[code] = reverseBits(code, 5)
  return table
})()

/**
 * Returns the bits written for a match distance of 1-32768: the 5-bit code
 * followed by its extra bits in the low 24 bits, and the bit count above them.
 */
function distanceBits(distance: number): number {
  const offset = distance - 1
  if (offset < 4) return (5 << 24) | (distanceCodes[offset] ?? 0)
  // From offset 4 on, codes come in pairs per power of two 2^k: code 2k covers
  // the lower half of [2^k, 2^(k+1)) and 2k + 1 the upper half, each with k - 1 extra bits.
  const topBit = 31 - Math.clz32(offset)
  const extraBits = topBit - 1
  const code = 2 * topBit + ((offset >> extraBits) & 1)
  const extra = offset & ((1 << extraBits) - 1)
  return ((5 + extraBits) << 24) | (extra << 5) | (distanceCodes[code] ?? 0)
}

/** Returns zlib's 15-bit hash of the 3 bytes at `at`, which its rolling UPDATE_HASH computes. */
function hashAt(data: Uint8Array, at: number): number {
  const first = (data[at] ?? 0) << (2 * HASH_SHIFT)
  return (first ^ ((data[at + 1] ?? 0) << HASH_SHIFT) ^ (data[at + 2] ?? 0)) & HASH_MASK
}

/**
 * The LZ77 parse of one input, made as zlib's deflate_slow and longest_match
 * make it at level 6, into a list of symbols.
 *
 * It keeps zlib's hash chains: for each 15-bit hash, the positions inserted
 * with it, most recent first. A short input gets fewer buckets than zlib's
 * 32768, because clearing those would cost more than the whole parse. Buckets
 * then mix hashes, so each position also stores its hash and the chain walk
 * skips other hashes' positions, which leaves the chains exactly zlib's.
 *
 * All working arrays share one Int32Array, because every typed array over 64
 * bytes costs a separate allocation.
 */
class Lz77Parse {
  readonly data: Uint8Array
  readonly length: number
  /** Each symbol: a literal byte (distance 0), or a match length, with the distance shifted left by 9. */
  readonly symbols: Int32Array
  symbolCount = 0
  /** Bucket heads, then per position the previous position in its bucket, then its hash. Positions are stored + 1, so 0 means no position. */
  readonly #work: Int32Array
  readonly #bucketMask: number
  readonly #previousAt: number
  readonly #hashAt: number
  /** Start of the match found by the last {@link Lz77Parse.longestMatch}, kept across calls as zlib's match_start is. */
  #matchStart = 0

  constructor(data: Uint8Array) {
    const length = data.length
    let buckets = 64
    while (buckets < length && buckets <= HASH_MASK) buckets *= 2
    this.data = data
    this.length = length
    this.#work = new Int32Array(buckets + 3 * length)
    this.#bucketMask = buckets - 1
    this.#previousAt = buckets
    this.#hashAt = buckets + length
    this.symbols = this.#work.subarray(buckets + 2 * length)
    this.#parse()
  }

  /** Inserts position `at` and returns the previous position with the same hash, or -1. */
  #insert(at: number): number {
    const work = this.#work
    const hash = hashAt(this.data, at)
    const bucket = hash & this.#bucketMask
    const previous = work[bucket] ?? 0
    work[this.#previousAt + at] = previous
    work[this.#hashAt + at] = hash
    work[bucket] = at + 1
    return this.#sameHash(previous - 1, hash)
  }

  /** Returns the position before `at` in its hash chain, or -1. */
  #next(at: number): number {
    const work = this.#work
    return this.#sameHash((work[this.#previousAt + at] ?? 0) - 1, work[this.#hashAt + at] ?? 0)
  }

  #sameHash(from: number, hash: number): number {
    const work = this.#work
    let position = from
    while (position >= 0 && work[this.#hashAt + position] !== hash) {
      position = (work[this.#previousAt + position] ?? 0) - 1
    }
    return position
  }

  #add(symbol: number): void {
    this.symbols[this.symbolCount++] = symbol
  }

  #parse(): void {
    const { data, length } = this
    // zlib keeps at most 64 KiB of input in its window. When less than
    // MIN_LOOKAHEAD of it is left and the position is far enough in, it slides
    // the window down 32 KiB, and every position up to the slide amount becomes
    // its empty marker 0. Position 0 is that marker from the start.
    let slideBase = 0
    let matchLength = MIN_MATCH - 1
    let matchAvailable = false
    let at = 0
    while (at < length) {
      let windowEnd = Math.min(length, slideBase + 2 * WINDOW_BYTES)
      if (windowEnd - at < MIN_LOOKAHEAD && at - slideBase >= WINDOW_BYTES + MAX_DISTANCE) {
        slideBase += WINDOW_BYTES
        windowEnd = Math.min(length, slideBase + 2 * WINDOW_BYTES)
      }
      const lookahead = windowEnd - at
      const candidate = lookahead >= MIN_MATCH ? this.#insert(at) : -1
      const previousLength = matchLength
      const previousStart = this.#matchStart
      matchLength = MIN_MATCH - 1

      if (candidate > slideBase && previousLength < MAX_LAZY_MATCH && at - candidate <= MAX_DISTANCE) {
        matchLength = this.#longestMatch(at, candidate, previousLength, lookahead, slideBase)
        if (matchLength === MIN_MATCH && at - this.#matchStart > TOO_FAR) matchLength = MIN_MATCH - 1
      }

      if (previousLength >= MIN_MATCH && matchLength <= previousLength) {
        // The match that starts one position back is at least as long: take it, and
        // insert the positions it covers, as zlib does, while 3 bytes of window remain.
        this.#add(((at - 1 - previousStart) << 9) | previousLength)
        const end = at - 1 + previousLength
        const lastInsert = Math.min(end - 1, windowEnd - MIN_MATCH)
        for (let insert = at + 1; insert <= lastInsert; insert++) this.#insert(insert)
        matchAvailable = false
        matchLength = MIN_MATCH - 1
        at = end
      } else {
        if (matchAvailable) this.#add(data[at - 1] ?? 0)
        matchAvailable = true
        at++
      }
    }
    if (matchAvailable) this.#add(data[length - 1] ?? 0)
  }

  /**
   * zlib's longest_match: walks the hash chain from `candidate`, most recent
   * first, for the first match longer than `previousLength`, and returns the
   * best length capped at `lookahead`. A match found sets the match start.
   *
   * zlib compares bytes past the end of the input, which it zeroes, but that
   * never changes the result: a match can only reach the end after reaching
   * the nice length, and the walk stops there. So comparing stops at the end.
   */
  #longestMatch(
    at: number,
    candidate: number,
    previousLength: number,
    lookahead: number,
    slideBase: number,
  ): number {
    const data = this.data
    let chainLeft = previousLength >= GOOD_MATCH ? MAX_CHAIN >> 2 : MAX_CHAIN
    const niceLength = Math.min(NICE_MATCH, lookahead)
    const maxLength = Math.min(MAX_MATCH, lookahead)
    const limit = Math.max(at - MAX_DISTANCE, slideBase)
    let bestLength = previousLength
    if (bestLength >= maxLength) return maxLength
    let position = candidate
    do {
      // A match longer than bestLength must also agree at index bestLength.
      if (data[position + bestLength] === data[at + bestLength]) {
        let length = 0
        while (length < maxLength && data[position + length] === data[at + length]) length++
        if (length > bestLength) {
          this.#matchStart = position
          bestLength = length
          if (length >= niceLength) break
        }
      }
      position = this.#next(position)
    } while (position > limit && --chainLeft !== 0)
    return bestLength
  }
}

/** Returns the bits that the fixed Huffman codes take for one symbol of {@link Lz77Parse}. */
function symbolBits(symbol: number): number {
  const distance = symbol >>> 9
  if (distance === 0) return (literalBits[symbol] ?? 0) >>> 16
  return ((lengthBits[symbol & 0x1ff] ?? 0) >>> 16) + (distanceBits(distance) >>> 24)
}

/** Writes bits LSB first into a byte array of the exact output size. */
class BitWriter {
  readonly bytes: Uint8Array
  offset = 0
  #pending = 0
  #pendingBits = 0

  constructor(size: number) {
    this.bytes = new Uint8Array(size)
  }

  /** Appends the low `count` bits of `value`; `count` is at most 24. */
  write(value: number, count: number): void {
    this.#pending |= value << this.#pendingBits
    this.#pendingBits += count
    while (this.#pendingBits >= 8) {
      this.bytes[this.offset++] = this.#pending & 0xff
      this.#pending >>>= 8
      this.#pendingBits -= 8
    }
  }

  /** Pads with zero bits to the next byte boundary. */
  alignToByte(): void {
    if (this.#pendingBits > 0) this.bytes[this.offset++] = this.#pending & 0xff
    this.#pending = 0
    this.#pendingBits = 0
  }
}

/** One deflate block: symbols `from` to `to` (exclusive), covering `storedLength` input bytes. */
interface Block {
  readonly from: number
  readonly to: number
  readonly storedLength: number
  /** Whether zlib's rule picks a stored block over fixed Huffman codes. */
  readonly stored: boolean
  /** Size in bits of the block as fixed Huffman codes, its 3 header bits included. */
  readonly fixedBits: number
}

/**
 * Splits the symbols into blocks as zlib does, one after every 16383 symbols
 * and one for the rest, possibly empty, and picks each block's type.
 */
function planBlocks(parse: Lz77Parse): Block[] {
  const blocks: Block[] = []
  const symbols = parse.symbols
  let from = 0
  for (;;) {
    const to = Math.min(from + BLOCK_SYMBOLS, parse.symbolCount)
    // The 3 header bits and the 7-bit end-of-block code.
    let fixedBits = 3 + 7
    let storedLength = 0
    for (let i = from; i < to; i++) {
      const symbol = symbols[i] ?? 0
      fixedBits += symbolBits(symbol)
      storedLength += symbol >>> 9 === 0 ? 1 : symbol & 0x1ff
    }
    // zlib's rule: stored when the bytes plus 4 fit in the fixed size in whole bytes.
    const stored = storedLength + 4 <= (fixedBits + 7) >> 3 && storedLength <= 0xffff
    blocks.push({ from, to, storedLength, stored, fixedBits })
    if (to - from < BLOCK_SYMBOLS) return blocks
    from = to
  }
}

/** Returns the size in bytes of the zlib stream: header, blocks and checksum. */
function streamSize(blocks: readonly Block[]): number {
  let bits = 16
  for (const block of blocks) {
    if (block.stored) {
      // Header bits, padding to a byte, LEN and NLEN, then the bytes.
      bits = (((bits + 3 + 7) >> 3) << 3) + 32 + 8 * block.storedLength
    } else {
      bits += block.fixedBits
    }
  }
  return ((bits + 7) >> 3) + 4
}

function writeFixedBlock(out: BitWriter, symbols: Int32Array, block: Block, last: boolean): void {
  // BFINAL, then BTYPE 01 (fixed Huffman codes).
  out.write((last ? 1 : 0) | (1 << 1), 3)
  for (let i = block.from; i < block.to; i++) {
    const symbol = symbols[i] ?? 0
    const distance = symbol >>> 9
    if (distance === 0) {
      const code = literalBits[symbol] ?? 0
      out.write(code & 0xffff, code >>> 16)
    } else {
      const code = lengthBits[symbol & 0x1ff] ?? 0
      out.write(code & 0xffff, code >>> 16)
      const distanceCode = distanceBits(distance)
      out.write(distanceCode & 0xffffff, distanceCode >>> 24)
    }
  }
  const [endCode, endBits] = fixedLiteralCode(END_OF_BLOCK)
  out.write(endCode, endBits)
}

function writeStoredBlock(out: BitWriter, data: Uint8Array, start: number, length: number, last: boolean): void {
  // BFINAL, then BTYPE 00 (stored), padding to a byte, then LEN and its one's complement NLEN.
  out.write(last ? 1 : 0, 3)
  out.alignToByte()
  out.write(length, 16)
  out.write(~length & 0xffff, 16)
  out.bytes.set(data.subarray(start, start + length), out.offset)
  out.offset += length
}

/**
 * Compresses `data` into a zlib stream (RFC 1950): header 78 9C, deflate
 * blocks, and the Adler-32 of `data`. The output depends only on `data`.
 */
export function zlibDeflate(data: Uint8Array): Uint8Array {
  const parse = new Lz77Parse(data)
  const blocks = planBlocks(parse)
  const out = new BitWriter(streamSize(blocks))
  // CMF 0x78: deflate with a 32 KiB window. FLG 0x9C: zlib's default level, and
  // a check value that makes the 16-bit header a multiple of 31.
  out.write(0x9c78, 16)
  let byte = 0
  for (const [index, block] of blocks.entries()) {
    const last = index === blocks.length - 1
    if (block.stored) writeStoredBlock(out, data, byte, block.storedLength, last)
    else writeFixedBlock(out, parse.symbols, block, last)
    byte += block.storedLength
  }
  out.alignToByte()
  const checksum = adler32(data)
  out.write(checksum >>> 24, 8)
  out.write((checksum >>> 16) & 0xff, 8)
  out.write((checksum >>> 8) & 0xff, 8)
  out.write(checksum & 0xff, 8)
  return out.bytes
}
