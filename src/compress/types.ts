/**
 * The zlib inflate interface both backends implement for AccessToken2
 * ("007"): node:zlib in `node.ts`, the TypeScript inflater of inflate.ts in
 * `web.ts`. Deflate needs no backend, because deflate.ts writes the stream in
 * TypeScript.
 */
export interface CompressBackend {
  readonly name: 'node' | 'web'
  /**
   * Decompresses zlib data. Output larger than `maxOutputBytes` rejects with
   * `ERR_KEY_INFLATE_FAILED` before more than that is held in memory.
   */
  inflate(data: Uint8Array, maxOutputBytes: number): Promise<Uint8Array>
}
