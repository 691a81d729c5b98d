/** Hash functions the Agora formats sign with: SHA-1 for DynamicKey 001–005, SHA-256 for 006 and 007. */
export type HashName = 'SHA-1' | 'SHA-256'

/**
 * An HMAC key or message: bytes, or text that is signed as its UTF-8 bytes
 * (a lone surrogate becomes U+FFFD, as in TextEncoder).
 */
export type HmacInput = Uint8Array | string

/**
 * The HMAC interface both backends implement. `src/hmac/node.ts` uses
 * node:crypto and `src/hmac/web.ts` uses WebCrypto; the build picks one per
 * package.json `exports` condition, so browser and worker bundles never
 * contain a node: import. Both return fresh Uint8Arrays, never Buffers.
 */
export interface HmacBackend {
  /** Name of this implementation, for diagnostics. */
  readonly name: 'node' | 'web'
  /** Computes HMAC(key, data) with the given hash. A string key or data is signed as its UTF-8 bytes. */
  hmac(hash: HashName, key: HmacInput, data: HmacInput): Promise<Uint8Array>
}
