import { AgoraKeysError } from '../errors.js'

const utf8Encoder = /* @__PURE__ */ new TextEncoder()
const utf8Decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Encodes a string as UTF-8, the encoding every Agora reference signs. */
export function utf8Encode(text: string): Uint8Array {
  return utf8Encoder.encode(text)
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

const hexDigits = '0123456789abcdef'

/** Encodes bytes as lower-case hex. */
export function hexEncode(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) {
    out += hexDigits.charAt(byte >> 4) + hexDigits.charAt(byte & 15)
  }
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
  if (!isHex(text)) {
    throw new AgoraKeysError('ERR_KEY_BAD_ENCODING', `${field} is not an even-length hex string`, {
      field,
    })
  }
  const out = new Uint8Array(text.length / 2)
  for (let i = 0; i < out.length; i++) {
    out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16)
  }
  return out
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
