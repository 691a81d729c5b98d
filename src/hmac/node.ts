/// <reference types="node" />
import { createHmac } from 'node:crypto'
import type { HashName, HmacBackend, HmacInput } from './types.js'

const nodeHashNames: Record<HashName, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256' }

/**
 * HMAC over node:crypto. Synchronous underneath, wrapped in a Promise to share
 * the web backend's shape. node:crypto encodes a string key or data as UTF-8
 * itself, so no JavaScript encoder runs.
 */
export const hmacBackend: HmacBackend = {
  name: 'node',
  hmac(hash, key, data) {
    const digest = createHmac(nodeHashNames[hash], key).update(data).digest()
    return Promise.resolve(new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength))
  },
}

/** Computes the same HMAC as `hmacBackend.hmac`. node:crypto takes raw keys, so there is nothing to cache. */
export function hmacWithCachedKey(hash: HashName, key: HmacInput, data: HmacInput): Promise<Uint8Array> {
  return hmacBackend.hmac(hash, key, data)
}
