import { describe, expect, it } from 'vitest'
import { ByteReader, ByteWriter, timingSafeEqual } from '../../src/bytes/index.js'
import { thrownBy } from './errors-thrown.js'

/** A value and the little-endian bytes it must pack to, or null when the put must reject it. */
type WidthCase = readonly [value: number, bytes: readonly number[] | null]

const uint16Cases: readonly WidthCase[] = [
  [0, [0x00, 0x00]],
  [2 ** 15, [0x00, 0x80]],
  [2 ** 16 - 1, [0xff, 0xff]],
  [2 ** 16, null],
  [2 ** 31, null],
  [2 ** 32 - 1, null],
  [-1, null],
  [1.5, null],
  [Number.NaN, null],
  [Number.POSITIVE_INFINITY, null],
  [Number.NEGATIVE_INFINITY, null],
]

const int16Cases: readonly WidthCase[] = [
  [0, [0x00, 0x00]],
  [2 ** 15 - 1, [0xff, 0x7f]],
  [2 ** 15, null],
  [2 ** 16 - 1, null],
  [2 ** 31, null],
  [2 ** 32 - 1, null],
  [-1, [0xff, 0xff]],
  [-(2 ** 15), [0x00, 0x80]],
  [-(2 ** 15) - 1, null],
  [1.5, null],
  [Number.NaN, null],
  [Number.POSITIVE_INFINITY, null],
]

const uint32Cases: readonly WidthCase[] = [
  [0, [0x00, 0x00, 0x00, 0x00]],
  [2 ** 15, [0x00, 0x80, 0x00, 0x00]],
  [2 ** 16 - 1, [0xff, 0xff, 0x00, 0x00]],
  [2 ** 31, [0x00, 0x00, 0x00, 0x80]],
  [2 ** 32 - 1, [0xff, 0xff, 0xff, 0xff]],
  [0x01020304, [0x04, 0x03, 0x02, 0x01]],
  [2 ** 32, null],
  [-1, null],
  [1.5, null],
  [Number.NaN, null],
  [Number.POSITIVE_INFINITY, null],
]

interface Width {
  readonly name: string
  readonly cases: readonly WidthCase[]
  put(writer: ByteWriter, value: number): void
  get(reader: ByteReader): number
}

const widths: readonly Width[] = [
  {
    name: 'uint16',
    cases: uint16Cases,
    put: (writer, value) => writer.putUint16(value, 'field'),
    get: (reader) => reader.getUint16('field'),
  },
  {
    name: 'int16',
    cases: int16Cases,
    put: (writer, value) => writer.putInt16(value, 'field'),
    get: (reader) => reader.getInt16('field'),
  },
  {
    name: 'uint32',
    cases: uint32Cases,
    put: (writer, value) => writer.putUint32(value, 'field'),
    get: (reader) => reader.getUint32('field'),
  },
]

describe.each(widths)('ByteWriter $name', (width) => {
  const accepted = width.cases.filter((c) => c.at(1) !== null)
  const rejected = width.cases.filter((c) => c.at(1) === null)

  it.each(accepted)('packs %s', (value, bytes) => {
    const writer = new ByteWriter()
    width.put(writer, value)
    expect(writer.toBytes()).toStrictEqual(new Uint8Array(bytes ?? []))
  })

  it.each(accepted)('reads %s back', (value, bytes) => {
    const reader = new ByteReader(new Uint8Array(bytes ?? []))
    expect(width.get(reader)).toBe(value)
    expect(reader.remaining).toBe(0)
  })

  it.each(rejected)('rejects %s', (value) => {
    const writer = new ByteWriter()
    const error = thrownBy(() => {
      width.put(writer, value)
    })
    expect(error.code).toBe('ERR_INVALID_INTEGER')
    expect(error.field).toBe('field')
    expect(error.message).toContain('field')
    expect(writer.length).toBe(0)
  })
})

describe('ByteWriter output', () => {
  it('is a plain Uint8Array', () => {
    const bytes = new ByteWriter().putUint16(1, 'a').putRaw(new Uint8Array([9])).toBytes()
    expect(bytes).toStrictEqual(new Uint8Array([1, 0, 9]))
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype)
  })

  it('returns a copy', () => {
    const writer = new ByteWriter().putUint16(7, 'a')
    const first = writer.toBytes()
    first[0] = 99
    expect(writer.toBytes()).toStrictEqual(new Uint8Array([7, 0]))
  })

  it('grows past its initial buffer', () => {
    const writer = new ByteWriter()
    for (let i = 0; i < 1000; i++) writer.putUint32(i * 4099, 'value')
    expect(writer.length).toBe(4000)
    const reader = new ByteReader(writer.toBytes())
    for (let i = 0; i < 1000; i++) expect(reader.getUint32('value')).toBe(i * 4099)
    expect(reader.remaining).toBe(0)
  })

  it('is empty when nothing was written', () => {
    expect(new ByteWriter().toBytes()).toStrictEqual(new Uint8Array([]))
  })
})

describe('ByteWriter length prefix', () => {
  it('accepts 65535 bytes', () => {
    const bytes = new ByteWriter().putBytes(new Uint8Array(65_535).fill(7), 'blob').toBytes()
    expect(bytes.length).toBe(65_537)
    expect([...bytes.subarray(0, 3)]).toStrictEqual([0xff, 0xff, 7])
  })

  it('rejects 65536 bytes', () => {
    const writer = new ByteWriter()
    const error = thrownBy(() => writer.putBytes(new Uint8Array(65_536), 'blob'))
    expect(error.code).toBe('ERR_VALUE_TOO_LONG')
    expect(error.field).toBe('blob')
    expect(error.message).toContain('65536')
    expect(writer.length).toBe(0)
  })

  it('counts string bytes, not characters', () => {
    // '€' is 3 bytes of UTF-8, so 21845 of them fill the prefix exactly.
    const fits = '€'.repeat(21_845)
    expect(new ByteWriter().putString(fits, 'name').length).toBe(2 + 65_535)
    const error = thrownBy(() => new ByteWriter().putString(`${fits}€`, 'name'))
    expect(error.code).toBe('ERR_VALUE_TOO_LONG')
    expect(error.field).toBe('name')
  })

  it('packs an empty string', () => {
    expect(new ByteWriter().putString('', 's').toBytes()).toStrictEqual(new Uint8Array([0, 0]))
  })

  it('packs UTF-8 strings', () => {
    const bytes = new ByteWriter().putString('é1', 's').toBytes()
    expect(bytes).toStrictEqual(new Uint8Array([3, 0, 0xc3, 0xa9, 0x31]))
  })
})

describe('ByteWriter maps', () => {
  it('sorts uint32 map keys ascending', () => {
    const map = new Map([
      [100, 1],
      [9, 2],
      [10, 3],
    ])
    const bytes = new ByteWriter().putUint32Map(map, 'privileges').toBytes()
    // Numeric order (9, 10, 100), not the insertion or string order.
    expect(bytes).toStrictEqual(
      new Uint8Array([3, 0, 9, 0, 2, 0, 0, 0, 10, 0, 3, 0, 0, 0, 100, 0, 1, 0, 0, 0]),
    )
  })

  it('sorts bytes map keys ascending', () => {
    const map = new Map<number, Uint8Array | string>([
      [2, new Uint8Array([0xaa])],
      [1, 'b'],
    ])
    const bytes = new ByteWriter().putBytesMap(map, 'extra').toBytes()
    expect(bytes).toStrictEqual(new Uint8Array([2, 0, 1, 0, 1, 0, 0x62, 2, 0, 1, 0, 0xaa]))
  })

  it('packs an empty map', () => {
    expect(new ByteWriter().putUint32Map(new Map(), 'm').toBytes()).toStrictEqual(
      new Uint8Array([0, 0]),
    )
  })

  it('rejects out-of-range keys', () => {
    const error = thrownBy(() => new ByteWriter().putUint32Map(new Map([[65_536, 1]]), 'm'))
    expect(error.code).toBe('ERR_INVALID_INTEGER')
    expect(error.field).toBe('m key')
  })

  it('rejects out-of-range values', () => {
    const error = thrownBy(() => new ByteWriter().putUint32Map(new Map([[1, -1]]), 'm'))
    expect(error.code).toBe('ERR_INVALID_INTEGER')
    expect(error.field).toBe('m[1]')
  })

  it('round-trips through the reader', () => {
    const uint32Map = new Map([
      [3, 4_294_967_295],
      [1, 0],
    ])
    const bytesMap = new Map<number, Uint8Array | string>([
      [7, 'text'],
      [0, new Uint8Array([1, 2])],
    ])
    const bytes = new ByteWriter()
      .putUint32Map(uint32Map, 'a')
      .putBytesMap(bytesMap, 'b')
      .toBytes()
    const reader = new ByteReader(bytes)
    expect(reader.getUint32Map('a')).toStrictEqual(
      new Map([
        [1, 0],
        [3, 4_294_967_295],
      ]),
    )
    expect(reader.getBytesMap('b')).toStrictEqual(
      new Map([
        [0, new Uint8Array([1, 2])],
        [7, new Uint8Array([0x74, 0x65, 0x78, 0x74])],
      ]),
    )
    expect(() => {
      reader.expectEnd('message')
    }).not.toThrow()
  })
})

/** A message using every reader method, and the calls that read it back in order. */
function sampleMessage(): Uint8Array {
  return new ByteWriter()
    .putUint16(0xbeef, 'u16')
    .putInt16(-2, 'i16')
    .putUint32(0xdeadbeef, 'u32')
    .putRaw(new Uint8Array([1, 2, 3]))
    .putBytes(new Uint8Array([4, 5]), 'bytes')
    .putString('hé', 'string')
    .putUint32Map(new Map([[1, 2]]), 'u32map')
    .putBytesMap(new Map([[3, 'x']]), 'bytesmap')
    .toBytes()
}

function readSample(reader: ByteReader): void {
  reader.getUint16('u16')
  reader.getInt16('i16')
  reader.getUint32('u32')
  reader.getRaw(3, 'raw')
  reader.getBytes('bytes')
  reader.getString('string')
  reader.getUint32Map('u32map')
  reader.getBytesMap('bytesmap')
  reader.expectEnd('message')
}

describe('ByteReader bounds', () => {
  it('reads the whole sample', () => {
    const reader = new ByteReader(sampleMessage())
    readSample(reader)
    expect(reader.remaining).toBe(0)
  })

  it('rejects every truncation', () => {
    const full = sampleMessage()
    for (let length = 0; length < full.length; length++) {
      const error = thrownBy(() => {
        readSample(new ByteReader(full.slice(0, length)))
      })
      expect(error.code, `length ${String(length)}`).toBe('ERR_KEY_TRUNCATED')
      expect(error.field, `length ${String(length)}`).toBeTypeOf('string')
    }
  })

  it('names the truncated field', () => {
    const reader = new ByteReader(new Uint8Array([1, 2, 3]))
    const error = thrownBy(() => reader.getUint32('expiredTs'))
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.field).toBe('expiredTs')
    expect(error.message).toContain('expiredTs')
    expect(reader.offset).toBe(0)
  })

  it('stays inside a subarray', () => {
    // The view starts at byte 2 of a larger buffer, and the bytes around it must stay unread.
    const backing = new Uint8Array([0xaa, 0xbb, 0x01, 0x02, 0xcc, 0xdd, 0xee, 0xff])
    const reader = new ByteReader(backing.subarray(2, 4))
    expect(thrownBy(() => reader.getUint32('value')).code).toBe('ERR_KEY_TRUNCATED')
    expect(reader.getUint16('value')).toBe(0x0201)
    expect(thrownBy(() => reader.getRaw(1, 'next')).code).toBe('ERR_KEY_TRUNCATED')
  })

  it('rejects a length beyond the end', () => {
    const reader = new ByteReader(new Uint8Array([5, 0, 1, 2]))
    const error = thrownBy(() => reader.getBytes('signature'))
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.field).toBe('signature')
  })

  it('returns copies from getRaw', () => {
    const source = new Uint8Array([1, 2, 3])
    const raw = new ByteReader(source).getRaw(3, 'raw')
    source[0] = 9
    expect(raw).toStrictEqual(new Uint8Array([1, 2, 3]))
    expect(Object.getPrototypeOf(raw)).toBe(Uint8Array.prototype)
  })

  it('rejects invalid UTF-8 strings', () => {
    const reader = new ByteReader(new Uint8Array([2, 0, 0xc3, 0x28]))
    const error = thrownBy(() => reader.getString('channelName'))
    expect(error.code).toBe('ERR_KEY_INVALID_FIELD')
    expect(error.field).toBe('channelName')
  })
})

describe('ByteReader map counts', () => {
  it('rejects a uint32 map count over remaining', () => {
    // Count 2 needs at least 12 bytes, but only one 6-byte entry follows.
    const bytes = new Uint8Array([2, 0, 1, 0, 5, 0, 0, 0])
    const error = thrownBy(() => new ByteReader(bytes).getUint32Map('privileges'))
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.field).toBe('privileges')
    expect(error.message).toContain('2 entries')
  })

  it('rejects a bytes map count over remaining', () => {
    const bytes = new Uint8Array([2, 0, 1, 0, 0, 0])
    const error = thrownBy(() => new ByteReader(bytes).getBytesMap('extra'))
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.field).toBe('extra')
  })

  it('rejects a huge count up front', () => {
    const reader = new ByteReader(new Uint8Array([0xff, 0xff, 0, 0]))
    const error = thrownBy(() => reader.getUint32Map('privileges'))
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.message).toContain('65535 entries')
  })

  it('accepts a count that exactly fits', () => {
    const bytes = new Uint8Array([1, 0, 4, 0, 9, 0, 0, 0])
    expect(new ByteReader(bytes).getUint32Map('m')).toStrictEqual(new Map([[4, 9]]))
  })

  it('accepts keys in any order', () => {
    const bytes = new Uint8Array([2, 0, 5, 0, 1, 0, 0, 0, 2, 0, 2, 0, 0, 0])
    const map = new ByteReader(bytes).getUint32Map('m')
    expect([...map.entries()]).toStrictEqual([
      [5, 1],
      [2, 2],
    ])
  })

  it('rejects duplicate uint32 map keys', () => {
    const bytes = new Uint8Array([2, 0, 1, 0, 5, 0, 0, 0, 1, 0, 6, 0, 0, 0])
    const error = thrownBy(() => new ByteReader(bytes).getUint32Map('privileges'))
    expect(error.code).toBe('ERR_KEY_INVALID_FIELD')
    expect(error.field).toBe('privileges')
    expect(error.message).toContain('key 1 twice')
  })

  it('rejects duplicate bytes map keys', () => {
    const bytes = new Uint8Array([2, 0, 3, 0, 0, 0, 3, 0, 0, 0])
    const error = thrownBy(() => new ByteReader(bytes).getBytesMap('extra'))
    expect(error.code).toBe('ERR_KEY_INVALID_FIELD')
    expect(error.field).toBe('extra')
  })
})

describe('ByteReader trailing bytes', () => {
  it('rejects bytes after the end', () => {
    const reader = new ByteReader(new Uint8Array([1, 0, 0xff, 0xee]))
    reader.getUint16('version')
    const error = thrownBy(() => {
      reader.expectEnd('message')
    })
    expect(error.code).toBe('ERR_KEY_TRAILING_BYTES')
    expect(error.field).toBe('message')
    expect(error.message).toContain('2 unexpected bytes')
  })

  it('accepts a fully read input', () => {
    const reader = new ByteReader(new Uint8Array([1, 0]))
    reader.getUint16('version')
    expect(() => {
      reader.expectEnd('message')
    }).not.toThrow()
  })

  it('accepts an empty input', () => {
    expect(() => {
      new ByteReader(new Uint8Array(0)).expectEnd('message')
    }).not.toThrow()
  })
})

describe('timingSafeEqual', () => {
  const base = new Uint8Array([1, 2, 3, 4])

  it('accepts equal arrays', () => {
    expect(timingSafeEqual(base, new Uint8Array([1, 2, 3, 4]))).toBe(true)
    expect(timingSafeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true)
  })

  it('rejects a differing first byte', () => {
    expect(timingSafeEqual(base, new Uint8Array([0, 2, 3, 4]))).toBe(false)
  })

  it('rejects a differing last byte', () => {
    expect(timingSafeEqual(base, new Uint8Array([1, 2, 3, 5]))).toBe(false)
  })

  it('rejects different lengths', () => {
    expect(timingSafeEqual(base, new Uint8Array([1, 2, 3]))).toBe(false)
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), base)).toBe(false)
  })
})
