import { AgoraKeysError } from '../errors.js'
import type { HashName, HmacBackend, HmacInput } from './types.js'

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

function importKey(subtle: SubtleCrypto, hash: HashName, key: HmacInput): Promise<CryptoKey> {
  const keyBytes = toBytes(key)
  // WebCrypto rejects an empty raw HMAC key. HMAC pads short keys with zero bytes to the
  // block size, so one zero byte gives the same MAC as the empty key (and as node:crypto).
  const rawKey = keyBytes.length === 0 ? new Uint8Array(1) : keyBytes
  // The cast only narrows ArrayBufferLike: SubtleCrypto's typings reject SharedArrayBuffer views.
  return subtle.importKey('raw', rawKey as BufferSource, { name: 'HMAC', hash }, false, ['sign'])
}

/** The number of reused keys whose CryptoKey the web backend keeps. */
export const MAX_CACHED_KEYS = 16

/**
 * Imported CryptoKeys of reused keys (App Certificates), least recently used
 * first, so that a server signing many keys with a few certificates imports
 * each once. The keys are non-extractable, and at most MAX_CACHED_KEYS are
 * kept. A pending import is cached too, so concurrent calls share it.
 */
const cachedKeys = /* @__PURE__ */ new Map<string, Promise<CryptoKey>>()

function cachedImportKey(subtle: SubtleCrypto, hash: HashName, key: HmacInput): Promise<CryptoKey> {
  // A string key and its UTF-8 bytes are the same key, but the prefix keeps text apart from
  // bytes read as Latin-1, whose non-ASCII characters would name other bytes.
  const id = typeof key === 'string' ? `${hash} s${key}` : `${hash} b${String.fromCharCode(...key)}`
  let cryptoKey = cachedKeys.get(id)
  if (cryptoKey === undefined) {
    const imported = importKey(subtle, hash, key)
    // A failed import is dropped, so that a later call tries again. The caller gets the rejection.
    imported.catch(() => {
      if (cachedKeys.get(id) === imported) cachedKeys.delete(id)
    })
    cryptoKey = imported
    if (cachedKeys.size >= MAX_CACHED_KEYS) {
      const oldest = cachedKeys.keys().next()
      if (oldest.done !== true) cachedKeys.delete(oldest.value)
    }
  } else {
    // Deleting and setting again moves the key to the most recently used end.
    cachedKeys.delete(id)
  }
  cachedKeys.set(id, cryptoKey)
  return cryptoKey
}

/** HMAC over WebCrypto (`crypto.subtle`), for browsers and workers. */
export const hmacBackend: HmacBackend = {
  name: 'web',
  async hmac(hash, key, data) {
    const subtle = getSubtle()
    const cryptoKey = await importKey(subtle, hash, key)
    // The cast only narrows ArrayBufferLike, as in importKey.
    return new Uint8Array(await subtle.sign('HMAC', cryptoKey, toBytes(data) as BufferSource))
  },
}

/**
 * Computes the same HMAC as `hmacBackend.hmac`, keeping the key imported in a
 * cache of up to {@link MAX_CACHED_KEYS} non-extractable CryptoKeys.
 */
export async function hmacWithCachedKey(hash: HashName, key: HmacInput, data: HmacInput): Promise<Uint8Array> {
  const subtle = getSubtle()
  const cryptoKey = await cachedImportKey(subtle, hash, key)
  return new Uint8Array(await subtle.sign('HMAC', cryptoKey, toBytes(data) as BufferSource))
}
