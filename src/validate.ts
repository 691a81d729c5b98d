import { AgoraKeysError } from './errors.js'

export const UINT32_MAX = 0xffffffff
const INT32_MIN = -0x80000000
const HEX32 = /^[0-9a-fA-F]{32}$/

// A decimal string this short can be an integer passed as a string, which gets a hint.
const SHORT_DECIMAL = /^-?[0-9]{1,16}$/

/**
 * Maximum length, in UTF-16 code units, of a string that an error message or
 * verify reason quotes. An App Certificate is 32 hex characters, so a certificate
 * passed in the wrong option is never quoted, and neither is any longer value.
 */
export const MAX_QUOTED_STRING_LENGTH = 20

/**
 * Quotes a caller's string for a message without echoing a secret. A string
 * of at most {@link MAX_QUOTED_STRING_LENGTH} characters is quoted as JSON
 * (`"room-1"`), and a longer one is replaced by its length
 * (`[32 characters, not shown]`).
 */
export function quoteString(value: string): string {
  if (value.length > MAX_QUOTED_STRING_LENGTH) return `[${String(value.length)} characters, not shown]`
  return JSON.stringify(value)
}

/** Describes any value for a message: a number as written, a string through {@link quoteString}, else its type. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return `the string ${quoteString(value)}`
  if (typeof value === 'number') return String(value)
  return `a value of type ${typeof value}`
}

/**
 * Describes a rejected App ID or App Certificate by its type, length,
 * surrounding whitespace or non-hex characters, never by its characters.
 */
function describeCredential(value: unknown): string {
  if (typeof value !== 'string') return describeValue(value)
  const length = `a string of length ${String(value.length)}`
  if (value.trim() !== value) {
    const trimmed = HEX32.test(value.trim()) ? '32 hexadecimal characters' : length
    return `${trimmed} with surrounding whitespace, such as a trailing newline; remove it`
  }
  if (value.length === 32) return `${length} that is not hexadecimal`
  return length
}

/** Suggests the fix for a number passed as a decimal string. */
function integerHint(value: unknown): string {
  return typeof value === 'string' && SHORT_DECIMAL.test(value) ? '; pass a number, not a string' : ''
}

/** Checks an App ID: 32 hex characters of any case. The App ID is not secret, but only its length is reported. */
export function checkAppId(value: unknown, field = 'appId'): string {
  if (typeof value !== 'string' || !HEX32.test(value)) {
    throw new AgoraKeysError(
      'ERR_INVALID_APP_ID',
      `${field} must be the 32 hexadecimal characters shown in Agora Console, got ${describeCredential(value)}`,
      { field },
    )
  }
  return value
}

/**
 * Checks an App Certificate: 32 hex characters of any case. The message
 * reports only the type or length, never the characters.
 */
export function checkAppCertificate(value: unknown, field = 'appCertificate'): string {
  if (typeof value !== 'string' || !HEX32.test(value)) {
    throw new AgoraKeysError(
      'ERR_INVALID_APP_CERTIFICATE',
      `${field} must be the 32 hexadecimal characters of an App Certificate shown in Agora Console, got ${describeCredential(value)}`,
      { field },
    )
  }
  return value
}

/** Checks that a value is a string (any content, including empty). */
export function checkString(value: unknown, field: string): string {
  if (typeof value !== 'string') {
    throw new AgoraKeysError('ERR_INVALID_ARGUMENT', `${field} must be a string, got ${describeValue(value)}`, {
      field,
    })
  }
  return value
}

/** Checks an unsigned 32-bit integer. */
export function checkUint32(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > UINT32_MAX) {
    throw new AgoraKeysError(
      'ERR_INVALID_INTEGER',
      `${field} must be an integer from 0 to ${String(UINT32_MAX)}, got ${describeValue(value)}${integerHint(value)}`,
      { field },
    )
  }
  return value
}

/**
 * Checks a uid or random integer and wraps signed 32-bit negatives to uint32
 * (-1 becomes 4294967295), as the Python reference does with ctypes.c_uint:
 * Java and Android clients hold uids in a signed int.
 */
export function checkWrappingUint32(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > UINT32_MAX) {
    throw new AgoraKeysError(
      'ERR_INVALID_INTEGER',
      `${field} must be an integer from ${String(INT32_MIN)} to ${String(UINT32_MAX)} (negatives wrap to uint32), got ${describeValue(value)}${integerHint(value)}`,
      { field },
    )
  }
  return value >>> 0
}

/** Checks a signed 16-bit integer, such as an APaaS room role. */
export function checkInt16(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -0x8000 || value > 0x7fff) {
    throw new AgoraKeysError(
      'ERR_INVALID_INTEGER',
      `${field} must be an integer from -32768 to 32767 (the token stores it as int16), got ${describeValue(value)}${integerHint(value)}`,
      { field },
    )
  }
  return value
}

/**
 * Checks a Unix timestamp in seconds. Values above 4294967295 are almost
 * always milliseconds (Date.now()), so they get their own code and hint.
 */
export function checkTimestamp(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > UINT32_MAX) {
    throw new AgoraKeysError(
      'ERR_TIMESTAMP_IN_MILLISECONDS',
      `${field} is ${String(value)}, above uint32, so it looks like milliseconds; pass seconds: Math.floor(Date.now() / 1000)`,
      { field },
    )
  }
  return checkUint32(value, field)
}

/** Checks that a value is a plain options object. */
export function checkOptions(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AgoraKeysError('ERR_INVALID_ARGUMENT', `${what} takes one options object, got ${describeValue(value)}`, {
      field: 'options',
    })
  }
  return value as Record<string, unknown>
}

/** Returns the current Unix time in whole seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}
