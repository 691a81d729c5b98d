import { AgoraKeysError } from '../errors.js'

const utf8Encoder = /* @__PURE__ */ new TextEncoder()
const utf8Decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Strings of up to this many UTF-16 code units are encoded in JavaScript. In a
 * microbenchmark on Node.js 20, TextEncoder.encode took 0.5-1.5 µs per short
 * string, more than the JavaScript loop up to about this length.
 */
export const SHORT_TEXT_LENGTH = 64

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/**
 * Counts the UTF-8 bytes of a string as TextEncoder writes it: a lone
 * surrogate becomes U+FFFD, which takes 3 bytes.
 */
export function utf8Length(text: string): number {
  let length = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) {
      length += 1
    } else if (isHighSurrogate(code) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A surrogate pair: 2 code units become 4 bytes.
      length += 2
      i++
    } else {
      length += 2
    }
  }
  return length
}

/**
 * Writes the UTF-8 bytes of `text` into `target` from `offset` and returns the
 * offset after the last byte. The output equals TextEncoder's, lone surrogates
 * included. `target` must have {@link utf8Length} bytes free from `offset`.
 */
export function utf8EncodeInto(text: string, target: Uint8Array, offset: number): number {
  let at = offset
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code < 0x80) {
      target[at++] = code
      continue
    }
    if (code < 0x800) {
      target[at++] = 0xc0 | (code >> 6)
      target[at++] = 0x80 | (code & 0x3f)
      continue
    }
    if (isHighSurrogate(code) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      const point = 0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00)
      target[at++] = 0xf0 | (point >> 18)
      target[at++] = 0x80 | ((point >> 12) & 0x3f)
      target[at++] = 0x80 | ((point >> 6) & 0x3f)
      target[at++] = 0x80 | (point & 0x3f)
      i++
      continue
    }
    if (isHighSurrogate(code) || isLowSurrogate(code)) code = 0xfffd
    target[at++] = 0xe0 | (code >> 12)
    target[at++] = 0x80 | ((code >> 6) & 0x3f)
    target[at++] = 0x80 | (code & 0x3f)
  }
  return at
}

/** Encodes a string as UTF-8, the encoding every Agora reference signs. */
export function utf8Encode(text: string): Uint8Array {
  if (text.length > SHORT_TEXT_LENGTH) return utf8Encoder.encode(text)
  const out = new Uint8Array(utf8Length(text))
  utf8EncodeInto(text, out, 0)
  return out
}

/**
 * Decodes UTF-8 strictly. Invalid sequences throw `ERR_KEY_INVALID_FIELD` naming
 * `field`, because a key that carries broken UTF-8 was not made by a reference.
 */
export function utf8Decode(bytes: Uint8Array, field: string): string {
  try {
    return utf8Decoder.decode(bytes)
  } catch (cause) {
    throw new AgoraKeysError('ERR_KEY_INVALID_FIELD', `${field} is not valid UTF-8`, {
      field,
      cause,
    })
  }
}

/** The two lower-case hex digits of every byte value, indexed by the byte. */
const hexPairs: readonly string[] = /* @__PURE__ */ Array.from({ length: 256 }, (_, byte) =>
  byte.toString(16).padStart(2, '0'),
)

/** The value of each hex digit of either case, indexed by its char code below 128; -1 for any other character. */
const hexValues: Int8Array = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1)
  const digits = '0123456789abcdef'
  for (let i = 0; i < digits.length; i++) {
    table[digits.charCodeAt(i)] = i
    table[digits.toUpperCase().charCodeAt(i)] = i
  }
  return table
})()

/** Encodes bytes as lower-case hex. */
export function hexEncode(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += hexPairs[byte] ?? ''
  return out
}

/** Tells whether `text` is an even-length string of hex digits (any case). */
export function isHex(text: string): boolean {
  return text.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(text)
}

/**
 * Decodes hex of either case. Unlike Node's `Buffer.from(text, 'hex')`, which
 * stops at the first bad character, any non-hex input throws.
 */
export function hexDecode(text: string, field: string): Uint8Array {
  if (text.length % 2 !== 0) throw badHexError(field)
  const out = new Uint8Array(text.length / 2)
  for (let i = 0; i < out.length; i++) {
    const high = hexDigitValue(text.charCodeAt(2 * i))
    const low = hexDigitValue(text.charCodeAt(2 * i + 1))
    if (high < 0 || low < 0) throw badHexError(field)
    out[i] = (high << 4) | low
  }
  return out
}

function hexDigitValue(code: number): number {
  return code < 128 ? (hexValues[code] ?? -1) : -1
}

function badHexError(field: string): AgoraKeysError {
  return new AgoraKeysError('ERR_KEY_BAD_ENCODING', `${field} is not an even-length hex string`, {
    field,
  })
}

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const base64Values: Int8Array = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1)
  for (let i = 0; i < base64Alphabet.length; i++) table[base64Alphabet.charCodeAt(i)] = i
  return table
})()

/** Encodes bytes as standard padded base64 (RFC 4648 §4), as every reference writes it. */
export function base64Encode(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out +=
      base64Alphabet.charAt(n >> 18) +
      base64Alphabet.charAt((n >> 12) & 63) +
      base64Alphabet.charAt((n >> 6) & 63) +
      base64Alphabet.charAt(n & 63)
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16
    out += base64Alphabet.charAt(n >> 18) + base64Alphabet.charAt((n >> 12) & 63) + '=='
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8)
    out +=
      base64Alphabet.charAt(n >> 18) +
      base64Alphabet.charAt((n >> 12) & 63) +
      base64Alphabet.charAt((n >> 6) & 63) +
      '='
  }
  return out
}

/**
 * Decodes standard base64. Padding is optional (some clients strip it), but
 * whitespace, URL-safe characters and misplaced `=` throw `ERR_KEY_BAD_ENCODING`.
 */
export function base64Decode(text: string, field: string): Uint8Array {
  const fail = (why: string): AgoraKeysError =>
    new AgoraKeysError('ERR_KEY_BAD_ENCODING', `${field} is not valid base64: ${why}`, { field })

  let end = text.length
  if (end % 4 === 0 && text.endsWith('==')) end -= 2
  else if (end % 4 === 0 && text.endsWith('=')) end -= 1
  if (end % 4 === 1) throw fail('its length is impossible for base64')

  const out = new Uint8Array(Math.floor((end * 3) / 4))
  let buffer = 0
  let bits = 0
  let o = 0
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i)
    const value = code < 128 ? (base64Values[code] ?? -1) : -1
    if (value < 0) throw fail(`character ${String(i + 1)} is outside the base64 alphabet`)
    buffer = (buffer << 6) | value
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (buffer >> bits) & 0xff
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) throw fail('its last character has stray bits')
  return out
}
