/**
 * The zlib layer for AccessToken2 ("007"). Deflate is the TypeScript encoder
 * in deflate.ts in both builds, so every runtime writes the same token text.
 * Inflate uses `#compress-backend`, which, like the HMAC layer, is resolved at
 * build time to node.ts (node:zlib, dist/node) or web.ts (inflate.ts, dist/web).
 * @module
 */
import { compressBackend } from '#compress-backend'
import { zlibDeflate } from './deflate.js'

export type { CompressBackend } from './types.js'

/** Compresses `data` into a zlib stream (RFC 1950). The output depends only on `data`. */
export function deflate(data: Uint8Array): Uint8Array {
  return zlibDeflate(data)
}

/**
 * Decompresses a zlib stream. Output over `maxOutputBytes` rejects with
 * `ERR_KEY_INFLATE_FAILED` before more than that is held in memory.
 */
export function inflate(data: Uint8Array, maxOutputBytes: number): Promise<Uint8Array> {
  return compressBackend.inflate(data, maxOutputBytes)
}
