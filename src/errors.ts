/**
 * Stable error codes. Callers switch on `error.code`; the message is for people
 * and may be reworded between releases, the code may not.
 */
export type AgoraKeysErrorCode =
  /** An App ID is not 32 hexadecimal characters. */
  | 'ERR_INVALID_APP_ID'
  /** An App Certificate is not 32 hexadecimal characters. */
  | 'ERR_INVALID_APP_CERTIFICATE'
  /** A required option is missing or has the wrong type. */
  | 'ERR_INVALID_ARGUMENT'
  /** An integer option is not an integer or is outside its range. */
  | 'ERR_INVALID_INTEGER'
  /** A timestamp is above 4294967295, which usually means milliseconds were passed. */
  | 'ERR_TIMESTAMP_IN_MILLISECONDS'
  /** A value is too long for its uint16 length prefix. */
  | 'ERR_VALUE_TOO_LONG'
  /** A string or account was passed where an integer uid is required. */
  | 'ERR_UID_NOT_INTEGER'
  /** An absolute expiry looks like a duration in seconds. */
  | 'ERR_EXPIRE_LOOKS_LIKE_DURATION'
  /** A duration looks like an absolute Unix timestamp. */
  | 'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP'
  /** A key or token is longer than the parser accepts. */
  | 'ERR_KEY_TOO_LONG'
  /** A key or token has no recognised version or shape. */
  | 'ERR_KEY_UNKNOWN_VERSION'
  /** A key or token contains characters outside its alphabet (hex or base64). */
  | 'ERR_KEY_BAD_ENCODING'
  /** A key or token ends before a field it declares. */
  | 'ERR_KEY_TRUNCATED'
  /** A key or token has bytes after its last field. */
  | 'ERR_KEY_TRAILING_BYTES'
  /** A field inside a key or token has an impossible value. */
  | 'ERR_KEY_INVALID_FIELD'
  /** A compressed token inflates to more than the parser's limit, or is not valid zlib data. */
  | 'ERR_KEY_INFLATE_FAILED'
  /** The runtime lacks an API the call needs (WebCrypto, crypto.getRandomValues). */
  | 'ERR_UNSUPPORTED_RUNTIME'

/** Options for {@link AgoraKeysError}. */
export interface AgoraKeysErrorOptions {
  /** The option or key field the error is about, as named in this library's API. */
  readonly field?: string
  /** The lower-level error, if any. It never contains the App Certificate. */
  readonly cause?: unknown
}

/**
 * Marks an AgoraKeysError made by any copy of this module. The ESM and
 * CommonJS builds each define the class, so an app that both imports and
 * requires the package has two classes and `instanceof` fails across them,
 * but `Symbol.for` returns the same symbol to both.
 */
const errorBrand: unique symbol = /* @__PURE__ */ Symbol.for('agora-keys.AgoraKeysError')

/**
 * The one error class this library throws. Every rejection has a stable `code`
 * and, where one input is at fault, the `field` it came from. No message or
 * property ever contains the App Certificate or a signature.
 */
export class AgoraKeysError extends Error {
  override readonly name = 'AgoraKeysError'
  readonly code: AgoraKeysErrorCode
  readonly field: string | undefined
  /** Lets {@link isAgoraKeysError} recognise errors from the other build. */
  readonly [errorBrand] = true

  constructor(code: AgoraKeysErrorCode, message: string, options: AgoraKeysErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.field = options.field
  }
}

/**
 * Tells whether `value` is an {@link AgoraKeysError}, optionally with the given
 * code. Unlike `instanceof`, it also recognises errors thrown by the other
 * build of this package (CommonJS or ESM) loaded in the same process.
 */
export function isAgoraKeysError(
  value: unknown,
  code?: AgoraKeysErrorCode,
): value is AgoraKeysError {
  if (typeof value !== 'object' || value === null) return false
  if ((value as Partial<Record<typeof errorBrand, unknown>>)[errorBrand] !== true) return false
  return code === undefined || (value as AgoraKeysError).code === code
}
