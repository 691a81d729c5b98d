import { deflateSync } from 'node:zlib'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { utf8Encode } from '../../src/bytes/index.js'
import { zlibInflate } from '../../src/compress/inflate.js'
import { thrownBy } from './errors-thrown.js'
import { BitWriter, canonicalCodes, expectSameAsZlib, zlibVerdict, zlibWrap } from './zlib-streams.js'

const CAP = 65_536

/** The order in which a dynamic block lists the code-length code's lengths (RFC 1951 §3.2.7). */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

/** Writes a literal/length symbol with the fixed Huffman code (RFC 1951 §3.2.6). */
function writeFixedSymbol(writer: BitWriter, symbol: number): void {
  if (symbol < 144) writer.writeCode(0x30 + symbol, 8)
  else if (symbol < 256) writer.writeCode(0x190 + symbol - 144, 9)
  else if (symbol < 280) writer.writeCode(symbol - 256, 7)
  else writer.writeCode(0xc0 + symbol - 280, 8)
}

/** A literal/length symbol, a fixed 5-bit distance symbol, or extra bits [value, count]. */
type FixedStep = number | { readonly distance: number } | readonly [value: number, count: number]

/** Appends a fixed-Huffman block (RFC 1951 §3.2.6), final unless `final` is false. */
function fixedBlock(steps: readonly FixedStep[], writer = new BitWriter(), final = true): BitWriter {
  writer.writeBits(final ? 1 : 0, 1).writeBits(1, 2)
  for (const step of steps) {
    if (typeof step === 'number') writeFixedSymbol(writer, step)
    else if ('distance' in step) writer.writeCode(step.distance, 5)
    else writer.writeBits(step[0], step[1])
  }
  return writer
}

/** Raw deflate data of one final fixed-Huffman block. */
function fixedStream(steps: readonly FixedStep[]): Uint8Array {
  return fixedBlock(steps).finish()
}

/** One code-length symbol of a dynamic block header, with its extra bits for 16, 17 and 18. */
type CodeLengthItem = number | readonly [symbol: 16 | 17 | 18, extra: number]

/** Every symbol 0-15 gets a 4-bit code, a complete code without the repeat symbols. */
const PLAIN_CODE_LENGTHS = Array.from({ length: 19 }, (_, symbol) => (symbol < 16 ? 4 : 0))

/** Symbols 0-15 get 5 bits, 16 and 17 get 3 bits and 18 gets 2 bits: a complete code with repeats. */
const REPEAT_CODE_LENGTHS = [...new Array<number>(16).fill(5), 3, 3, 2]

interface DynamicHeader {
  readonly literalCount: number
  readonly distanceCount: number
  readonly codeLengthLengths: readonly number[]
  readonly items: readonly CodeLengthItem[]
}

/** Writes the header of a final dynamic block (RFC 1951 §3.2.7). */
function writeDynamicHeader(writer: BitWriter, header: DynamicHeader): void {
  const { literalCount, distanceCount, codeLengthLengths, items } = header
  let codeLengthCount = CODE_LENGTH_ORDER.length
  while (codeLengthCount > 4 && codeLengthLengths[CODE_LENGTH_ORDER[codeLengthCount - 1] ?? 0] === 0) {
    codeLengthCount--
  }
  writer.writeBits(1, 1).writeBits(2, 2)
  writer.writeBits(literalCount - 257, 5).writeBits(distanceCount - 1, 5).writeBits(codeLengthCount - 4, 4)
  for (let i = 0; i < codeLengthCount; i++) writer.writeBits(codeLengthLengths[CODE_LENGTH_ORDER[i] ?? 0] ?? 0, 3)
  const codes = canonicalCodes(codeLengthLengths)
  for (const item of items) {
    const symbol = typeof item === 'number' ? item : item[0]
    writer.writeCode(codes[symbol] ?? 0, codeLengthLengths[symbol] ?? 0)
    if (typeof item !== 'number') writer.writeBits(item[1], { 16: 2, 17: 3, 18: 7 }[item[0]])
  }
}

/** A dynamic block's literal/length and distance code lengths, and the symbols to write with them. */
interface DynamicBlock {
  readonly literalLengths: readonly number[]
  readonly distanceLengths: readonly number[]
  /** Each step is a literal/length symbol, or a match: [length symbol, length extra, extra count, distance symbol, distance extra, extra count]. */
  readonly steps: readonly (number | readonly [number, number, number, number, number, number])[]
  readonly items?: readonly CodeLengthItem[]
  readonly codeLengthLengths?: readonly number[]
}

/** Builds raw deflate data holding one final dynamic block, after optional earlier blocks. */
function dynamicStream(block: DynamicBlock, writer = new BitWriter()): Uint8Array {
  const { literalLengths, distanceLengths, steps } = block
  writeDynamicHeader(writer, {
    literalCount: literalLengths.length,
    distanceCount: distanceLengths.length,
    codeLengthLengths: block.codeLengthLengths ?? PLAIN_CODE_LENGTHS,
    items: block.items ?? [...literalLengths, ...distanceLengths],
  })
  const literalCodes = canonicalCodes(literalLengths)
  const distanceCodes = canonicalCodes(distanceLengths)
  for (const step of steps) {
    const symbol = typeof step === 'number' ? step : step[0]
    writer.writeCode(literalCodes[symbol] ?? 0, literalLengths[symbol] ?? 0)
    if (typeof step === 'number') continue
    writer.writeBits(step[1], step[2])
    writer.writeCode(distanceCodes[step[3]] ?? 0, distanceLengths[step[3]] ?? 0)
    writer.writeBits(step[4], step[5])
  }
  return writer.finish()
}

/** Literal/length code lengths with 2-bit codes for 'a', 'b', end-of-block and length symbol 257 (length 3). */
function abLiteralLengths(): number[] {
  const lengths = new Array<number>(258).fill(0)
  lengths[97] = 2
  lengths[98] = 2
  lengths[256] = 2
  lengths[257] = 2
  return lengths
}

/** Asserts that node:zlib accepts the stream and zlibInflate returns `expected`. */
function expectInflates(stream: Uint8Array, expected: Uint8Array): void {
  const verdict = expectSameAsZlib(stream, CAP)
  expect(verdict.accepted).toBe(true)
  expect(Buffer.compare(zlibInflate(stream, CAP), expected)).toBe(0)
}

/** Asserts that node:zlib and zlibInflate both reject the stream, and returns zlibInflate's message. */
function expectRejects(stream: Uint8Array): string {
  const verdict = expectSameAsZlib(stream, CAP)
  expect(verdict.accepted).toBe(false)
  return thrownBy(() => zlibInflate(stream, CAP)).message
}

const text = (value: string): Uint8Array => utf8Encode(value)

describe('inflate zlib header', () => {
  const empty = new Uint8Array(deflateSync(new Uint8Array(0)))

  it('accepts every window size', () => {
    for (let info = 0; info <= 7; info++) {
      const stream = empty.slice()
      stream[0] = (info << 4) | 8
      stream[1] = 31 - (((stream[0] << 8) | 0) % 31)
      expectInflates(stream, new Uint8Array(0))
    }
  })

  it('rejects a window over 32 KiB', () => {
    const stream = empty.slice()
    stream[0] = 0x88
    stream[1] = 31 - ((0x88 << 8) % 31)
    expect(expectRejects(stream)).toContain('window size')
  })

  it('rejects another compression method', () => {
    const stream = empty.slice()
    stream[0] = 0x77
    stream[1] = 31 - ((0x77 << 8) % 31)
    expect(expectRejects(stream)).toContain('compression method')
  })

  it('rejects wrong check bits', () => {
    const stream = empty.slice()
    stream[1] = (stream[1] ?? 0) ^ 1
    expect(expectRejects(stream)).toContain('check bits')
  })

  it('rejects a preset dictionary', () => {
    const stream = empty.slice()
    const flags = 0x20
    stream[1] = flags + 31 - (((0x78 << 8) | flags) % 31)
    expect(expectRejects(stream)).toContain('dictionary')
  })

  it('rejects short input', () => {
    for (const stream of [new Uint8Array(0), new Uint8Array([0x78]), new Uint8Array([0x78, 0x9c])]) {
      expect(expectRejects(stream)).toMatch(/ends/)
    }
  })
})

describe('inflate stored blocks', () => {
  it('copies a stored block', () => {
    const data = new BitWriter().writeBits(1, 1).writeBits(0, 2).writeBytes([3, 0, 0xfc, 0xff, 120, 121, 122])
    expectInflates(zlibWrap(data.finish(), text('xyz')), text('xyz'))
  })

  it('copies an empty stored block', () => {
    const data = new BitWriter().writeBits(1, 1).writeBits(0, 2).writeBytes([0, 0, 0xff, 0xff])
    expectInflates(zlibWrap(data.finish(), new Uint8Array(0)), new Uint8Array(0))
  })

  it('rejects a wrong complement', () => {
    const data = new BitWriter().writeBits(1, 1).writeBits(0, 2).writeBytes([3, 0, 0xfc, 0xfe, 120, 121, 122])
    expect(expectRejects(zlibWrap(data.finish(), text('xyz')))).toContain('complement')
  })

  it('rejects a block past the end', () => {
    const data = new BitWriter().writeBits(1, 1).writeBits(0, 2).writeBytes([9, 0, 0xf6, 0xff, 120])
    // No Adler-32 either: the block's 9 bytes would take what is left.
    const stream = new Uint8Array([0x78, 0x01, ...data.finish(), 1, 2, 3])
    expect(expectRejects(stream)).toContain('stored block')
  })
})

describe('inflate fixed blocks', () => {
  it('decodes literals and a match', () => {
    // "abc", then length 3 (symbol 257) at distance 3 (distance symbol 2), then end of block.
    const data = fixedStream([97, 98, 99, 257, { distance: 2 }, 256])
    expectInflates(zlibWrap(data, text('abcabc')), text('abcabc'))
  })

  it('copies an overlapping match', () => {
    // "a", then length 10 (symbol 264) at distance 1.
    const data = fixedStream([97, 264, { distance: 0 }, 256])
    expectInflates(zlibWrap(data, text('a'.repeat(11))), text('a'.repeat(11)))
  })

  it('copies 258 bytes from 32 KiB back', () => {
    const start = new Uint8Array(32_768).map((_, i) => (i * 7) & 0xff)
    const writer = new BitWriter().writeBits(0, 1).writeBits(0, 2)
    writer.writeBytes([0x00, 0x80, 0xff, 0x7f, ...start])
    // Length 258 is symbol 285; distance 32768 is symbol 29 with 13 extra bits of 8191.
    fixedBlock([285, { distance: 29 }, [8191, 13], 256], writer)
    const expected = new Uint8Array(32_768 + 258)
    expected.set(start)
    expected.set(start.subarray(0, 258), 32_768)
    expectInflates(zlibWrap(writer.finish(), expected), expected)
  })

  it('rejects length symbols 286 and 287', () => {
    for (const symbol of [286, 287]) {
      const data = fixedStream([97, symbol, { distance: 0 }, 256])
      expect(expectRejects(zlibWrap(data, text('a')))).toContain('length symbol')
    }
  })

  it('rejects distance symbols 30 and 31', () => {
    for (const symbol of [30, 31]) {
      const data = fixedStream([97, 257, { distance: symbol }, 256])
      expect(expectRejects(zlibWrap(data, text('a')))).toContain('distance symbol')
    }
  })

  it('rejects a distance before the output', () => {
    // Three bytes out, then distance 4 (symbol 3).
    const data = fixedStream([97, 98, 99, 257, { distance: 3 }, 256])
    expect(expectRejects(zlibWrap(data, text('abc')))).toContain('before the start')
  })

  it('rejects block type 3', () => {
    const data = new BitWriter().writeBits(1, 1).writeBits(3, 2).writeBits(0, 13).finish()
    expect(expectRejects(zlibWrap(data, new Uint8Array(0)))).toContain('type 3')
  })

  it('decodes many empty blocks', () => {
    const writer = new BitWriter()
    for (let i = 0; i < 1000; i++) fixedBlock([256], writer, false)
    fixedBlock([120, 256], writer)
    expectInflates(zlibWrap(writer.finish(), text('x')), text('x'))
  })
})

describe('inflate dynamic blocks', () => {
  it('accepts one 1-bit distance code', () => {
    // "ab", then length 3 at distance 1: zlib allows a lone distance code of one bit.
    const data = dynamicStream({
      literalLengths: abLiteralLengths(),
      distanceLengths: [1],
      steps: [97, 98, [257, 0, 0, 0, 0, 0], 256],
    })
    expectInflates(zlibWrap(data, text('abbbb')), text('abbbb'))
  })

  it('rejects one 2-bit distance code', () => {
    const data = dynamicStream({
      literalLengths: abLiteralLengths(),
      distanceLengths: [2],
      steps: [97, 98, [257, 0, 0, 0, 0, 0], 256],
    })
    expect(expectRejects(zlibWrap(data, text('abbbb')))).toContain('incomplete')
  })

  it('accepts no distance codes', () => {
    const data = dynamicStream({ literalLengths: abLiteralLengths(), distanceLengths: [0], steps: [97, 98, 256] })
    expectInflates(zlibWrap(data, text('ab')), text('ab'))
  })

  it('rejects a match without distance codes', () => {
    const data = dynamicStream({
      literalLengths: abLiteralLengths(),
      distanceLengths: [0],
      steps: [97, 98, [257, 0, 0, 0, 0, 0], 256],
    })
    expect(expectRejects(zlibWrap(data, text('abbbb')))).toContain('invalid Huffman code')
  })

  it('rejects an over-subscribed code', () => {
    const literalLengths = abLiteralLengths()
    literalLengths[99] = 2
    const data = dynamicStream({ literalLengths, distanceLengths: [1], steps: [97, 256] })
    expect(expectRejects(zlibWrap(data, text('a')))).toContain('over-subscribed')
  })

  it('rejects an over-subscribed 15-bit code', () => {
    // Lengths 1, 2, ..., 14 and three of 15 need one code more than 15 bits can hold.
    const literalLengths = new Array<number>(257).fill(0)
    const symbols = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 256]
    symbols.forEach((symbol, i) => (literalLengths[symbol] = Math.min(i + 1, 15)))
    const data = dynamicStream({ literalLengths, distanceLengths: [0], steps: [0, 256] })
    expect(expectRejects(zlibWrap(data, new Uint8Array([0])))).toContain('over-subscribed')
  })

  it('rejects an incomplete literal code', () => {
    const literalLengths = abLiteralLengths()
    literalLengths[98] = 0
    const data = dynamicStream({ literalLengths, distanceLengths: [1], steps: [97, 256] })
    expect(expectRejects(zlibWrap(data, text('a')))).toContain('incomplete')
  })

  it('rejects a missing end-of-block code', () => {
    const literalLengths = abLiteralLengths()
    literalLengths[256] = 0
    literalLengths[99] = 2
    const data = dynamicStream({ literalLengths, distanceLengths: [1], steps: [97] })
    expect(expectRejects(zlibWrap(data, text('a')))).toContain('end-of-block')
  })

  it('rejects 287 literal/length codes', () => {
    const literalLengths = [...abLiteralLengths(), ...new Array<number>(29).fill(0)]
    const data = dynamicStream({ literalLengths, distanceLengths: [1], steps: [97, 256] })
    expect(expectRejects(zlibWrap(data, text('a')))).toContain('more than 286')
  })

  it('rejects 31 distance codes', () => {
    const distanceLengths = [1, ...new Array<number>(30).fill(0)]
    const data = dynamicStream({ literalLengths: abLiteralLengths(), distanceLengths, steps: [97, 256] })
    expect(expectRejects(zlibWrap(data, text('a')))).toContain('more than 286')
  })

  it('rejects an incomplete code-length code', () => {
    const codeLengthLengths = PLAIN_CODE_LENGTHS.map((length, symbol) => (symbol === 15 ? 0 : length))
    const literalLengths = abLiteralLengths()
    const data = dynamicStream({ literalLengths, distanceLengths: [1], steps: [97, 256], codeLengthLengths })
    expect(expectRejects(zlibWrap(data, text('a')))).toContain('incomplete')
  })

  it('decodes repeat codes', () => {
    // Lengths 0-96 are 0, written as symbol 18 for 11 + 86 zeros. Lengths 97-100 are 3,
    // written as a 3 and symbol 16 for three more. Lengths 101-255 are 0, written as
    // 18 twice (11 + 127 and 11 + 6 zeros). Then 256 and 257 are 2 and distance 0 is 1.
    const literalLengths = new Array<number>(258).fill(0)
    for (const symbol of [97, 98, 99, 100]) literalLengths[symbol] = 3
    literalLengths[256] = 2
    literalLengths[257] = 2
    const items: CodeLengthItem[] = [[18, 86], 3, [16, 0], [18, 127], [18, 6], 2, 2, 1]
    const data = dynamicStream({
      literalLengths,
      distanceLengths: [1],
      steps: [97, 100, [257, 0, 0, 0, 0, 0], 256],
      items,
      codeLengthLengths: REPEAT_CODE_LENGTHS,
    })
    expectInflates(zlibWrap(data, text('adddd')), text('adddd'))
  })

  it('rejects a repeat before any length', () => {
    const data = dynamicStream({
      literalLengths: abLiteralLengths(),
      distanceLengths: [1],
      steps: [256],
      items: [[16, 0], ...abLiteralLengths(), 1],
      codeLengthLengths: REPEAT_CODE_LENGTHS,
    })
    expect(expectRejects(zlibWrap(data, new Uint8Array(0)))).toContain('before the first')
  })

  it('rejects a repeat past the last code', () => {
    const data = dynamicStream({
      literalLengths: abLiteralLengths(),
      distanceLengths: [1],
      steps: [256],
      items: [...abLiteralLengths(), [17, 0]],
      codeLengthLengths: REPEAT_CODE_LENGTHS,
    })
    expect(expectRejects(zlibWrap(data, new Uint8Array(0)))).toContain('past the last code')
  })

  it('decodes 15-bit codes', () => {
    // Code lengths 1, 2, ..., 14, 15, 15 form a complete code, and codes over 9 bits miss the lookup table.
    const literalLengths = new Array<number>(257).fill(0)
    const symbols = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 256]
    symbols.forEach((symbol, i) => (literalLengths[symbol] = Math.min(i + 1, 15)))
    const content = new Uint8Array([14, 13, 0, 7, 14, 1])
    const data = dynamicStream({ literalLengths, distanceLengths: [0], steps: [...content, 256] })
    expectInflates(zlibWrap(data, content), content)
  })
})

describe('inflate stream ends', () => {
  const streams: readonly (readonly [string, Uint8Array])[] = [
    ['stored', new Uint8Array(deflateSync(text('stored block'), { level: 0 }))],
    ['fixed', new Uint8Array(deflateSync(text('fixed fixed fixed'), { strategy: 4 }))],
    ['dynamic', new Uint8Array(deflateSync(text('dynamic Huffman codes '.repeat(40))))],
  ]

  it.each(streams)('rejects every prefix of %s', (_name, stream) => {
    for (let length = 0; length < stream.length; length++) {
      expectRejects(stream.subarray(0, length))
    }
  })

  it.each(streams)('rejects bytes after %s', (_name, stream) => {
    for (const extra of [[0], [1, 2, 3], [...stream.subarray(-4)]]) {
      const message = expectRejects(new Uint8Array([...stream, ...extra]))
      expect(message).toBe(`token body has ${String(extra.length)} bytes after the end of its zlib stream`)
    }
  })

  it('rejects a wrong checksum', () => {
    const stream = new Uint8Array(deflateSync(text('checksum')))
    stream[stream.length - 1] = (stream[stream.length - 1] ?? 0) ^ 0x80
    expect(expectRejects(stream)).toContain('Adler-32')
  })
})

describe('inflate output cap', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('accepts output at the cap', () => {
    for (const size of [0, 1, 300, 65_536]) {
      const data = new Uint8Array(size).map((_, i) => (i * 31) & 0xff)
      const out = zlibInflate(new Uint8Array(deflateSync(data)), size)
      expect(out.length).toBe(size)
      expect(Buffer.compare(out, data)).toBe(0)
    }
  })

  it('rejects one byte over', () => {
    for (const size of [1, 300, 65_536]) {
      const stream = new Uint8Array(deflateSync(new Uint8Array(size).fill(7)))
      const error = thrownBy(() => zlibInflate(stream, size - 1))
      expect(error.code).toBe('ERR_KEY_INFLATE_FAILED')
      expect(error.field).toBe('body')
      expect(error.message).toBe(`token body inflates to more than ${String(size - 1)} bytes`)
    }
  })

  it('stops a bomb at the cap', () => {
    // 10 MB of zeros deflates to about 10 KB.
    const bomb = new Uint8Array(deflateSync(new Uint8Array(10_000_000), { level: 9 }))
    expect(bomb.length).toBeLessThan(12_000)
    const allocations: number[] = []
    const Original = Uint8Array
    vi.stubGlobal(
      'Uint8Array',
      new Proxy(Original, {
        construct(target, args: unknown[], newTarget: new (...args: unknown[]) => unknown) {
          if (typeof args[0] === 'number') allocations.push(args[0])
          return Reflect.construct(target, args, newTarget) as object
        },
      }),
    )
    let error: unknown
    try {
      zlibInflate(bomb, CAP)
    } catch (caught) {
      error = caught
    }
    vi.unstubAllGlobals()
    expect((error as { code?: unknown }).code).toBe('ERR_KEY_INFLATE_FAILED')
    expect((error as Error).message).toBe(`token body inflates to more than ${String(CAP)} bytes`)
    expect(allocations.length).toBeGreaterThan(0)
    expect(Math.max(...allocations)).toBeLessThanOrEqual(CAP)
  })

  it('agrees with zlib on the cap', () => {
    const stream = new Uint8Array(deflateSync(new Uint8Array(70_000)))
    expect(zlibVerdict(stream, CAP).accepted).toBe(false)
    expectRejects(stream)
  })
})
