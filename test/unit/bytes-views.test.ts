import { describe, expect, it } from 'vitest'
import { ByteReader, ByteWriter } from '../../src/bytes/index.js'
import { thrownBy } from './errors-thrown.js'

describe('ByteWriter capacity', () => {
  it.each([0, 1, 3, 64, 1000])('packs alike from capacity %i', (capacity) => {
    const writer = new ByteWriter(capacity)
      .putUint16(0xbeef, 'a')
      .putString('chännel-名字-😀', 'b')
      .putUint32(0xdeadbeef, 'c')
      .putBytes(new Uint8Array(100).fill(5), 'd')
      .putInt16(-2, 'e')
    const expected = new ByteWriter()
      .putUint16(0xbeef, 'a')
      .putBytes(new TextEncoder().encode('chännel-名字-😀'), 'b')
      .putUint32(0xdeadbeef, 'c')
      .putBytes(new Uint8Array(100).fill(5), 'd')
      .putInt16(-2, 'e')
    expect(writer.toBytes()).toStrictEqual(expected.toBytes())
    // 20 bytes of UTF-8: 8 ASCII characters, ä (2), 名 and 字 (3 each) and 😀 (4).
    expect(writer.length).toBe(2 + 2 + 20 + 4 + 2 + 100 + 2)
  })
})

describe('ByteWriter toView', () => {
  it('holds the bytes written so far', () => {
    const writer = new ByteWriter(2).putUint16(7, 'a')
    expect(writer.toView()).toStrictEqual(new Uint8Array([7, 0]))
  })

  it('keeps its bytes after more puts', () => {
    const writer = new ByteWriter(2).putUint16(7, 'a')
    const view = writer.toView()
    // The second put outgrows the 2-byte buffer, so the writer moves to a new one.
    writer.putUint32(0xffffffff, 'b')
    expect(view).toStrictEqual(new Uint8Array([7, 0]))
    expect(writer.toBytes()).toStrictEqual(new Uint8Array([7, 0, 0xff, 0xff, 0xff, 0xff]))
  })
})

describe('ByteWriter toView sizes', () => {
  it.each([4, 64, 65, 256])('returns written bytes, capacity %i', (capacity) => {
    const writer = new ByteWriter(capacity).putUint16(0xbeef, 'a').putUint16(0x1234, 'b')
    expect(writer.toView()).toStrictEqual(new Uint8Array([0xef, 0xbe, 0x34, 0x12]))
    expect(writer.toView(2)).toStrictEqual(new Uint8Array([0x34, 0x12]))
  })

  it.each([4, 64, 65, 256])('keeps bytes after puts, capacity %i', (capacity) => {
    const writer = new ByteWriter(capacity).putUint32(0x01020304, 'a')
    const whole = writer.toView()
    const tail = writer.toView(2)
    writer.putUint32(0xffffffff, 'b')
    expect(whole).toStrictEqual(new Uint8Array([4, 3, 2, 1]))
    expect(tail).toStrictEqual(new Uint8Array([2, 1]))
    expect(writer.toView()).toStrictEqual(new Uint8Array([4, 3, 2, 1, 0xff, 0xff, 0xff, 0xff]))
  })
})

describe('ByteReader views', () => {
  it('returns views of the input', () => {
    const source = new Uint8Array([2, 0, 0xaa, 0xbb, 0xcc])
    const reader = new ByteReader(source)
    const bytes = reader.getBytesView('signature')
    const rest = reader.getView(1, 'rest')
    expect(bytes).toStrictEqual(new Uint8Array([0xaa, 0xbb]))
    expect(rest).toStrictEqual(new Uint8Array([0xcc]))
    expect(bytes.buffer).toBe(source.buffer)
    expect(reader.remaining).toBe(0)
  })

  it('returns copies from getBytes', () => {
    const source = new Uint8Array([1, 0, 0xaa])
    const bytes = new ByteReader(source).getBytes('signature')
    source[2] = 0
    expect(bytes).toStrictEqual(new Uint8Array([0xaa]))
  })

  it('names a truncated length prefix', () => {
    const error = thrownBy(() => new ByteReader(new Uint8Array([1])).getBytesView('signature'))
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.field).toBe('signature length')
    expect(error.message).toContain('signature length')
  })

  it('names truncated bytes', () => {
    const reader = new ByteReader(new Uint8Array([3, 0, 1]))
    const error = thrownBy(() => reader.getBytesView('signature'))
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.field).toBe('signature')
  })
})

describe('ByteReader integers', () => {
  it('reads every int16 sign', () => {
    for (const value of [-0x8000, -0x7fff, -256, -1, 0, 1, 255, 256, 0x7fff]) {
      const bytes = new ByteWriter().putInt16(value, 'v').toBytes()
      expect(new ByteReader(bytes).getInt16('v')).toBe(value)
    }
  })

  it('reads uint32 above 2^31 as unsigned', () => {
    const reader = new ByteReader(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0x80]))
    expect(reader.getUint32('a')).toBe(0xffffffff)
    expect(reader.getUint32('b')).toBe(0x80000000)
  })
})
