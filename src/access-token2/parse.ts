/**
 * Parsing AccessToken2 ("007") tokens. The parser is total: any input either
 * returns fields or throws {@link AgoraKeysError} with a stable code.
 */
import { ByteReader, base64Decode, hexEncode } from '../bytes/index.js'
import { withTokenTextHint } from '../bytes/token-text.js'
import { inflate } from '../compress/index.js'
import { AgoraKeysError } from '../errors.js'
import { readService, type UnknownServiceBytes } from './codec.js'
import {
  ACCESS_TOKEN2_VERSION,
  MAX_ACCESS_TOKEN2_LENGTH,
  MAX_ACCESS_TOKEN2_PAYLOAD_BYTES,
} from './limits.js'
import type { AccessToken2Service } from './services.js'

export type { UnknownServiceBytes } from './codec.js'

/** The fields stored in an AccessToken2. */
export interface AccessToken2Fields {
  readonly version: '007'
  /** The signature as lower-case hex; 64 characters in every token the references write. */
  readonly signature: string
  readonly appId: string
  /** Issue time, Unix seconds. */
  readonly issueTs: number
  /** Validity in seconds after issueTs. */
  readonly expire: number
  readonly salt: number
  /** The service count the token declares. */
  readonly serviceCount: number
  /** The services parsed, in token order (ascending type). */
  readonly services: readonly AccessToken2Service[]
  /**
   * Present when the token carries a service type this library does not know
   * (above 10, or 0). The format stores no service length, so parsing stops
   * there and `bytes` contains everything after that type: its fields and any
   * services after it. The signature still covers those bytes, so such a
   * token can be verified.
   */
  readonly unknownService?: UnknownServiceBytes
}

/** A parsed token with the exact bytes its signature covers. */
export interface ParsedAccessToken2 {
  readonly fields: AccessToken2Fields
  readonly signature: Uint8Array
  readonly signingInfo: Uint8Array
}

function checkTokenText(token: unknown): string {
  if (typeof token !== 'string') {
    throw new AgoraKeysError(
      'ERR_INVALID_ARGUMENT',
      `token must be a string, got ${token === null ? 'null' : typeof token}`,
      { field: 'token' },
    )
  }
  if (token.length > MAX_ACCESS_TOKEN2_LENGTH) {
    throw new AgoraKeysError(
      'ERR_KEY_TOO_LONG',
      `token is ${String(token.length)} characters; an AccessToken2 has at most ${String(MAX_ACCESS_TOKEN2_LENGTH)}`,
      { field: 'token' },
    )
  }
  if (!token.startsWith(ACCESS_TOKEN2_VERSION)) {
    throw new AgoraKeysError(
      'ERR_KEY_UNKNOWN_VERSION',
      `token does not start with "${ACCESS_TOKEN2_VERSION}", so it is not an AccessToken2; "006" tokens need parseAccessToken`,
      { field: 'version' },
    )
  }
  return token
}

/** Checks the token text and decodes its base64 body, the zlib stream. */
function decodeBody(token: unknown): Uint8Array {
  try {
    return base64Decode(checkTokenText(token).slice(ACCESS_TOKEN2_VERSION.length), 'body')
  } catch (error) {
    throw typeof token === 'string' ? withTokenTextHint(error, token, MAX_ACCESS_TOKEN2_LENGTH) : error
  }
}

/**
 * Checks the token text, decodes it and inflates its body to the payload.
 * A bad text throws at once rather than rejecting, which parseAccessToken2
 * and verifyAccessToken2 handle alike. The steps around inflating are not
 * async, so each caller awaits only once: V8 allocates the saved frame of
 * every suspended async call.
 */
export function inflateAccessToken2(token: unknown): Promise<Uint8Array> {
  return inflate(decodeBody(token), MAX_ACCESS_TOKEN2_PAYLOAD_BYTES)
}

/** Reads the fields of an inflated payload and keeps the signed bytes, for the verifier. */
export function decodePayload(payload: Uint8Array): ParsedAccessToken2 {
  const reader = new ByteReader(payload)
  // The payload is this call's own buffer, so views of it are safe to keep.
  const signature = reader.getBytesView('signature')
  const signingInfo = payload.subarray(reader.offset)
  const appId = reader.getString('appId')
  const issueTs = reader.getUint32('issueTs')
  const expire = reader.getUint32('expire')
  const salt = reader.getUint32('salt')
  const serviceCount = reader.getUint16('serviceCount')

  // Each pass reads at least 2 bytes or throws ERR_KEY_TRUNCATED, so a forged
  // count ends at the end of the payload.
  const services: AccessToken2Service[] = []
  let unknownService: UnknownServiceBytes | undefined
  for (let i = 0; i < serviceCount && unknownService === undefined; i++) {
    const result = readService(reader, `services[${String(i)}]`)
    if ('unknown' in result) unknownService = result.unknown
    else services.push(result.service)
  }
  reader.expectEnd('token payload')

  const fields: AccessToken2Fields = {
    version: ACCESS_TOKEN2_VERSION,
    signature: hexEncode(signature),
    appId,
    issueTs,
    expire,
    salt,
    serviceCount,
    services,
    ...(unknownService === undefined ? {} : { unknownService }),
  }
  return { fields, signature, signingInfo }
}

/**
 * Parses an AccessToken2 ("007") without checking its signature. The token
 * may be at most {@link MAX_ACCESS_TOKEN2_LENGTH} characters and inflate to
 * at most {@link MAX_ACCESS_TOKEN2_PAYLOAD_BYTES} bytes. Base64 padding is
 * optional; whitespace is rejected. Strings must be valid UTF-8, and a
 * privilege id or RTM2 permission key may not repeat.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT` (not a string),
 *   `ERR_KEY_TOO_LONG`, `ERR_KEY_UNKNOWN_VERSION` (no "007" prefix),
 *   `ERR_KEY_BAD_ENCODING` (not base64), `ERR_KEY_INFLATE_FAILED` (not zlib, or
 *   over the size cap), `ERR_KEY_TRUNCATED`, `ERR_KEY_TRAILING_BYTES`,
 *   `ERR_KEY_INVALID_FIELD` (bad UTF-8 or a repeated key), `ERR_UNSUPPORTED_RUNTIME`.
 * @example
 * const { appId, issueTs, expire, services } = await parseAccessToken2(token)
 */
export async function parseAccessToken2(token: string): Promise<AccessToken2Fields> {
  return decodePayload(await inflateAccessToken2(token)).fields
}
