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
  #offset = 0

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes
  }

  get offset(): number {
    return this.#offset
  }

  get remaining(): number {
    return this.#bytes.length - this.#offset
  }

  /**
   * Throws `ERR_KEY_TRUNCATED` unless `count` bytes are left. The error names
   * `field + suffix`, joined only when it is thrown.
   */
  #need(count: number, field: string, suffix = ''): void {
    if (count > this.remaining) {
      const name = field + suffix
      throw new AgoraKeysError(
        'ERR_KEY_TRUNCATED',
        `key ends inside ${name}: ${String(count)} bytes needed at offset ${String(this.#offset)}, ${String(this.remaining)} left`,
        { field: name },
      )
    }
  }

  getUint16(field: string): number {
    return this.#readUint16(field, '')
  }

  #readUint16(field: string, suffix: string): number {
    this.#need(2, field, suffix)
    const bytes = this.#bytes
    const at = this.#offset
    this.#offset = at + 2
    return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8)
  }

  getInt16(field: string): number {
    // Shifting the uint16 into the top half and back extends its sign bit.
    return (this.getUint16(field) << 16) >> 16
  }

  getUint32(field: string): number {
    this.#need(4, field)
    const bytes = this.#bytes
    const at = this.#offset
    this.#offset = at + 4
    return (
      ((bytes[at] ?? 0) |
        ((bytes[at + 1] ?? 0) << 8) |
        ((bytes[at + 2] ?? 0) << 16) |
        ((bytes[at + 3] ?? 0) << 24)) >>>
      0
    )
  }

  /** Reads `count` bytes with no length prefix. The result is a copy. */
  getRaw(count: number, field: string): Uint8Array {
    return this.getView(count, field).slice()
  }

  /**
   * Reads `count` bytes with no length prefix as a view of the input, with no
   * copy. For bytes that are decoded or compared at once and not kept.
   */
  getView(count: number, field: string): Uint8Array {
    this.#need(count, field)
    const at = this.#offset
    this.#offset = at + count
    return this.#bytes.subarray(at, at + count)
  }

  /** Reads uint16-length-prefixed bytes. The result is a copy. */
  getBytes(field: string): Uint8Array {
    return this.getBytesView(field).slice()
  }

  /** Reads uint16-length-prefixed bytes as a view of the input, like {@link getView}. */
  getBytesView(field: string): Uint8Array {
    const length = this.#readUint16(field, ' length')
    return this.getView(length, field)
  }

  /** Reads uint16-length-prefixed UTF-8; invalid UTF-8 throws `ERR_KEY_INVALID_FIELD`. */
  getString(field: string): string {
    return utf8Decode(this.getBytesView(field), field)
  }

  /**
   * Reads a uint16-keyed map of uint32 values. Keys must be unique; the
   * references write them in ascending order, but a reader accepts any order.
   */
  getUint32Map(field: string): Map<number, number> {
    const count = this.#getCount(6, field)
    const map = new Map<number, number>()
    // #getCount checked that all 6-byte entries fit, so the reads need no field names.
    const bytes = this.#bytes
    let at = this.#offset
    for (let i = 0; i < count; i++) {
      const key = (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8)
      const value =
        ((bytes[at + 2] ?? 0) |
          ((bytes[at + 3] ?? 0) << 8) |
          ((bytes[at + 4] ?? 0) << 16) |
          ((bytes[at + 5] ?? 0) << 24)) >>>
        0
      at += 6
      this.#offset = at
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
