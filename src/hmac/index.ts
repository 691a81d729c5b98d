/**
 * The HMAC layer. `#hmac-backend` is resolved at build time: tsup writes
 * dist/node with src/hmac/node.ts and dist/web with src/hmac/web.ts, and
 * package.json `exports` conditions choose between them.
 * @module
 */
import { hmacBackend, hmacWithCachedKey } from '#hmac-backend'
import type { HashName, HmacInput } from './types.js'

export type { HashName, HmacBackend, HmacInput } from './types.js'

/**
 * Computes HMAC-SHA1 or HMAC-SHA256 with the backend chosen for this runtime.
 * A string key or data is signed as its UTF-8 bytes, encoded by the backend.
 */
export function hmac(hash: HashName, key: HmacInput, data: HmacInput): Promise<Uint8Array> {
  return hmacBackend.hmac(hash, key, data)
}

/**
 * Computes the same HMAC as {@link hmac}, for a key that later calls use
 * again (an App Certificate). The web backend keeps such keys imported in a
 * small cache. It is a separate function so that bundles which never call it
 * leave the cache out.
 */
export function hmacWithReusedKey(hash: HashName, key: HmacInput, data: HmacInput): Promise<Uint8Array> {
  return hmacWithCachedKey(hash, key, data)
}

/** Names the HMAC backend in use: "node" (node:crypto) or "web" (WebCrypto). */
export function hmacBackendName(): 'node' | 'web' {
  return hmacBackend.name
}
