import { AgoraKeysError } from '../errors.js'
import { utf8Encode } from './encoding.js'

const UINT16_MAX = 0xffff
const UINT32_MAX = 0xffffffff

function checkInteger(value: number, min: number, max: number, field: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AgoraKeysError(
      'ERR_INVALID_INTEGER',
      `${field} must be an integer from ${String(min)} to ${String(max)}, got ${String(value)}`,
      { field },
    )
  }
}

/**
 * Little-endian writer for the packed layout that every binary Agora format
 * shares (DynamicKey5, AccessToken 006 and 007): fixed-width integers,
 * uint16-length-prefixed bytes and strings, and uint16-keyed maps.
 *
 * Every put checks its value and throws {@link AgoraKeysError} naming `field`,
 * so a NaN or an out-of-range number can never be written as zeros.
 */
export class ByteWriter {
  #buffer = new Uint8Array(256)
  #view = new DataView(this.#buffer.buffer)
  #length = 0

  #reserve(extra: number): void {
    const needed = this.#length + extra
    if (needed <= this.#buffer.length) return
    let size = this.#buffer.length * 2
    while (size < needed) size *= 2
    const next = new Uint8Array(size)
    next.set(this.#buffer.subarray(0, this.#length))
    this.#buffer = next
    this.#view = new DataView(next.buffer)
  }

  putUint16(value: number, field: string): this {
    checkInteger(value, 0, UINT16_MAX, field)
    this.#reserve(2)
    this.#view.setUint16(this.#length, value, true)
    this.#length += 2
    return this
  }

  putInt16(value: number, field: string): this {
    checkInteger(value, -0x8000, 0x7fff, field)
    this.#reserve(2)
    this.#view.setInt16(this.#length, value, true)
    this.#length += 2
    return this
  }

  putUint32(value: number, field: string): this {
    checkInteger(value, 0, UINT32_MAX, field)
    this.#reserve(4)
    this.#view.setUint32(this.#length, value, true)
    this.#length += 4
    return this
  }

  /** Appends bytes as they are, with no length prefix. */
  putRaw(bytes: Uint8Array): this {
    this.#reserve(bytes.length)
    this.#buffer.set(bytes, this.#length)
    this.#length += bytes.length
    return this
  }

  /** Appends a uint16 byte count and the bytes. More than 65535 bytes throws `ERR_VALUE_TOO_LONG`. */
  putBytes(bytes: Uint8Array, field: string): this {
    if (bytes.length > UINT16_MAX) {
      throw new AgoraKeysError(
        'ERR_VALUE_TOO_LONG',
        `${field} is ${String(bytes.length)} bytes; the format's uint16 length prefix allows at most ${String(UINT16_MAX)}`,
        { field },
      )
    }
    this.putUint16(bytes.length, field)
    return this.putRaw(bytes)
  }

  /** Appends a string as uint16-length-prefixed UTF-8. */
  putString(text: string, field: string): this {
    return this.putBytes(utf8Encode(text), field)
  }

  /** Appends a uint16 count, then each uint16 key and uint32 value in ascending key order. */
  putUint32Map(map: ReadonlyMap<number, number>, field: string): this {
    const keys = sortedKeys(map, field)
    this.putUint16(keys.length, `${field} count`)
    for (const key of keys) {
      this.putUint16(key, `${field} key`)
      this.putUint32(map.get(key) ?? 0, `${field}[${String(key)}]`)
    }
    return this
  }

  /** Appends a uint16 count, then each uint16 key and length-prefixed value in ascending key order. */
  putBytesMap(map: ReadonlyMap<number, Uint8Array | string>, field: string): this {
    const keys = sortedKeys(map, field)
    this.putUint16(keys.length, `${field} count`)
    for (const key of keys) {
      this.putUint16(key, `${field} key`)
      const value = map.get(key) ?? ''
      const entryField = `${field}[${String(key)}]`
      if (typeof value === 'string') this.putString(value, entryField)
      else this.putBytes(value, entryField)
    }
    return this
  }

  get length(): number {
    return this.#length
  }

  /** Returns a copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return this.#buffer.slice(0, this.#length)
  }
}

function sortedKeys(map: ReadonlyMap<number, unknown>, field: string): number[] {
  if (map.size > UINT16_MAX) {
    throw new AgoraKeysError(
      'ERR_VALUE_TOO_LONG',
      `${field} has ${String(map.size)} entries; the format allows at most ${String(UINT16_MAX)}`,
      { field },
    )
  }
  return [...map.keys()].sort((a, b) => a - b)
}
