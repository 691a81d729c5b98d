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

/** Char codes of the lower-case hex digits, indexed by their value. */
const hexDigitCodes: readonly number[] = /* @__PURE__ */ Array.from('0123456789abcdef', (digit) =>
  digit.charCodeAt(0),
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

/**
 * Max char codes passed to one String.fromCharCode call. Arguments go on the
 * stack, and on Node.js 20 a call with 130,000 of them throws RangeError
 * (fewer when the stack is already deep), so longer output is built in chunks.
 */
const CHAR_CODE_CHUNK = 8192

/** Builds a string from char codes, which is faster than appending one character at a time. */
function fromCharCodes(codes: number[]): string {
  if (codes.length <= CHAR_CODE_CHUNK) return String.fromCharCode(...codes)
  let out = ''
  for (let start = 0; start < codes.length; start += CHAR_CODE_CHUNK) {
    out += String.fromCharCode(...codes.slice(start, start + CHAR_CODE_CHUNK))
  }
  return out
}

/** Encodes bytes as lower-case hex. */
export function hexEncode(bytes: Uint8Array): string {
  const codes = new Array<number>(bytes.length * 2)
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0
    codes[2 * i] = hexDigitCodes[byte >> 4] ?? 0
    codes[2 * i + 1] = hexDigitCodes[byte & 15] ?? 0
  }
  return fromCharCodes(codes)
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
const base64Codes: readonly number[] = /* @__PURE__ */ Array.from(base64Alphabet, (character) =>
  character.charCodeAt(0),
)
const PADDING_CODE = 0x3d
const base64Values: Int8Array = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1)
  for (let i = 0; i < base64Alphabet.length; i++) table[base64Alphabet.charCodeAt(i)] = i
  return table
})()

/** Encodes bytes as standard padded base64 (RFC 4648 §4), as every reference writes it. */
export function base64Encode(bytes: Uint8Array): string {
  const codes = new Array<number>(Math.ceil(bytes.length / 3) * 4)
  let o = 0
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    codes[o++] = base64Code(n >> 18)
    codes[o++] = base64Code(n >> 12)
    codes[o++] = base64Code(n >> 6)
    codes[o++] = base64Code(n)
  }
  const rest = bytes.length - i
  if (rest > 0) {
    // One or two bytes are left: pad them with zero bits to 2 or 3 characters, then '='.
    const n = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0)
    codes[o++] = base64Code(n >> 18)
    codes[o++] = base64Code(n >> 12)
    codes[o++] = rest === 2 ? base64Code(n >> 6) : PADDING_CODE
    codes[o++] = PADDING_CODE
  }
  return fromCharCodes(codes)
}

/** Returns the char code of the base64 digit in the low 6 bits of `sextet`. */
function base64Code(sextet: number): number {
  return base64Codes[sextet & 63] ?? 0
}

/**
 * Decodes standard base64. Padding is optional (some clients strip it), but
 * whitespace, URL-safe characters and misplaced `=` throw `ERR_KEY_BAD_ENCODING`.
 */
export function base64Decode(text: string, field: string): Uint8Array {
  let end = text.length
  if (end % 4 === 0 && text.endsWith('==')) end -= 2
  else if (end % 4 === 0 && text.endsWith('=')) end -= 1
  if (end % 4 === 1) throw badBase64Error(field, 'its length is impossible for base64')

  const out = new Uint8Array(Math.floor((end * 3) / 4))
  const wholeGroupsEnd = end - (end % 4)
  let o = 0
  for (let i = 0; i < wholeGroupsEnd; i += 4) {
    // A character outside the alphabet has the value -1, which makes n negative.
    const n =
      (base64Value(text, i) << 18) |
      (base64Value(text, i + 1) << 12) |
      (base64Value(text, i + 2) << 6) |
      base64Value(text, i + 3)
    if (n < 0) throw outsideAlphabetError(text, i, field)
    out[o++] = n >> 16
    out[o++] = (n >> 8) & 0xff
    out[o++] = n & 0xff
  }

  // 2 or 3 characters are left: 12 bits hold 1 byte and 4 stray bits, 18 bits 2 bytes and 2.
  const rest = end - wholeGroupsEnd
  if (rest > 0) {
    let n = 0
    for (let i = wholeGroupsEnd; i < end; i++) n = (n << 6) | base64Value(text, i)
    if (n < 0) throw outsideAlphabetError(text, wholeGroupsEnd, field)
    const strayBits = rest === 2 ? 4 : 2
    if ((n & ((1 << strayBits) - 1)) !== 0) throw badBase64Error(field, 'its last character has stray bits')
    n >>= strayBits
    if (rest === 3) out[o++] = n >> 8
    out[o++] = n & 0xff
  }
  return out
}

/** Returns the value of the base64 character at `index`, or -1 for any other character. */
function base64Value(text: string, index: number): number {
  const code = text.charCodeAt(index)
  return code < 128 ? (base64Values[code] ?? -1) : -1
}

/** Names the first character from `start` that is outside the base64 alphabet. */
function outsideAlphabetError(text: string, start: number, field: string): AgoraKeysError {
  let index = start
  while (base64Value(text, index) >= 0) index++
  return badBase64Error(field, `character ${String(index + 1)} is outside the base64 alphabet`)
}

function badBase64Error(field: string, why: string): AgoraKeysError {
  return new AgoraKeysError('ERR_KEY_BAD_ENCODING', `${field} is not valid base64: ${why}`, { field })
}
