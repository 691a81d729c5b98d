/**
 * The zlib layer for AccessToken2 ("007"). Like the HMAC layer, `#compress-backend`
 * is resolved at build time to node.ts (dist/node) or web.ts (dist/web).
 * @module
 */
import { compressBackend } from '#compress-backend'

export type { CompressBackend } from './types.js'

export function deflate(data: Uint8Array): Promise<Uint8Array> {
  return compressBackend.deflate(data)
}

export function inflate(data: Uint8Array, maxOutputBytes: number): Promise<Uint8Array> {
  return compressBackend.inflate(data, maxOutputBytes)
}
