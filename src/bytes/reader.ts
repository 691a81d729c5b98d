import { AgoraKeysError } from '../errors.js'
import { utf8Decode } from './encoding.js'

/**
 * Little-endian reader matching {@link ByteWriter}. It never reads past its
 * input: a read that would throws `ERR_KEY_TRUNCATED` naming the field, and
 * map counts are checked against the bytes left before any loop runs, so an
 * attacker-chosen count cannot make the parser spin.
 */
export class ByteReader {
  readonly #bytes: Uint8Array
  readonly #view: DataView
  #offset = 0

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  get offset(): number {
    return this.#offset
  }

  get remaining(): number {
    return this.#bytes.length - this.#offset
  }

  #need(count: number, field: string): void {
    if (count > this.remaining) {
      throw new AgoraKeysError(
        'ERR_KEY_TRUNCATED',
        `key ends inside ${field}: ${String(count)} bytes needed at offset ${String(this.#offset)}, ${String(this.remaining)} left`,
        { field },
      )
    }
  }

  getUint16(field: string): number {
    this.#need(2, field)
    const value = this.#view.getUint16(this.#offset, true)
    this.#offset += 2
    return value
  }

  getInt16(field: string): number {
    this.#need(2, field)
    const value = this.#view.getInt16(this.#offset, true)
    this.#offset += 2
    return value
  }

  getUint32(field: string): number {
    this.#need(4, field)
    const value = this.#view.getUint32(this.#offset, true)
    this.#offset += 4
    return value
  }

  /** Reads `count` bytes with no length prefix. The result is a copy. */
  getRaw(count: number, field: string): Uint8Array {
    this.#need(count, field)
    const value = this.#bytes.slice(this.#offset, this.#offset + count)
    this.#offset += count
    return value
  }

  /** Reads uint16-length-prefixed bytes. */
  getBytes(field: string): Uint8Array {
    const length = this.getUint16(`${field} length`)
    return this.getRaw(length, field)
  }

  /** Reads uint16-length-prefixed UTF-8; invalid UTF-8 throws `ERR_KEY_INVALID_FIELD`. */
  getString(field: string): string {
    return utf8Decode(this.getBytes(field), field)
  }

  /**
   * Reads a uint16-keyed map of uint32 values. Keys must be unique; the
   * references write them in ascending order, but a reader accepts any order.
   */
  getUint32Map(field: string): Map<number, number> {
    const count = this.#getCount(6, field)
    const map = new Map<number, number>()
    for (let i = 0; i < count; i++) {
      const key = this.getUint16(`${field} key`)
      const value = this.getUint32(`${field}[${String(key)}]`)
      this.#setUnique(map, key, value, field)
    }
    return map
  }

  /** Reads a uint16-keyed map of length-prefixed byte values. */
  getBytesMap(field: string): Map<number, Uint8Array> {
    const count = this.#getCount(4, field)
    const map = new Map<number, Uint8Array>()
    for (let i = 0; i < count; i++) {
      const key = this.getUint16(`${field} key`)
      const value = this.getBytes(`${field}[${String(key)}]`)
      this.#setUnique(map, key, value, field)
    }
    return map
  }

  /** Reads a uint16 entry count and rejects it when the entries cannot fit in what is left. */
  #getCount(minEntrySize: number, field: string): number {
    const count = this.getUint16(`${field} count`)
    if (count * minEntrySize > this.remaining) {
      throw new AgoraKeysError(
        'ERR_KEY_TRUNCATED',
        `${field} declares ${String(count)} entries but only ${String(this.remaining)} bytes are left`,
        { field },
      )
    }
    return count
  }

  #setUnique<V>(map: Map<number, V>, key: number, value: V, field: string): void {
    if (map.has(key)) {
      throw new AgoraKeysError(
        'ERR_KEY_INVALID_FIELD',
        `${field} contains key ${String(key)} twice`,
        { field },
      )
    }
    map.set(key, value)
  }

  /** Throws `ERR_KEY_TRAILING_BYTES` unless every byte has been read. */
  expectEnd(what: string): void {
    if (this.remaining !== 0) {
      throw new AgoraKeysError(
        'ERR_KEY_TRAILING_BYTES',
        `${what} has ${String(this.remaining)} unexpected bytes after its last field`,
        { field: what },
      )
    }
  }
}
