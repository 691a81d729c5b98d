import { AgoraKeysError } from '../errors.js'
import type { HmacBackend, HmacInput } from './types.js'

/**
 * Looks up SubtleCrypto at call time, not at import, so that importing the
 * library never fails; a runtime without WebCrypto fails the call instead.
 */
function getSubtle(): SubtleCrypto {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle
  if (subtle === undefined) {
    throw new AgoraKeysError(
      'ERR_UNSUPPORTED_RUNTIME',
      'globalThis.crypto.subtle (WebCrypto) is missing; browsers provide it only on https: or localhost',
    )
  }
  return subtle
}

/** Returns the bytes to sign: a string's UTF-8 encoding, or the bytes as given. */
function toBytes(input: HmacInput): Uint8Array {
  return typeof input === 'string' ? new TextEncoder().encode(input) : input
}

/** HMAC over WebCrypto (`crypto.subtle`), for browsers, workers, Deno and Bun. */
export const hmacBackend: HmacBackend = {
  name: 'web',
  async hmac(hash, key, data) {
    const subtle = getSubtle()
    const keyBytes = toBytes(key)
    // WebCrypto rejects an empty raw HMAC key. HMAC pads short keys with zero bytes to the
    // block size, so one zero byte gives the same MAC as the empty key (and as node:crypto).
    const rawKey = keyBytes.length === 0 ? new Uint8Array(1) : keyBytes
    // The casts only narrow ArrayBufferLike: SubtleCrypto's typings reject SharedArrayBuffer views.
    const cryptoKey = await subtle.importKey('raw', rawKey as BufferSource, { name: 'HMAC', hash }, false, [
      'sign',
    ])
    return new Uint8Array(await subtle.sign('HMAC', cryptoKey, toBytes(data) as BufferSource))
  },
}
