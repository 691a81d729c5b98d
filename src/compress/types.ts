/**
 * The zlib interface both backends implement for AccessToken2 ("007"):
 * node:zlib in `node.ts`, CompressionStream/DecompressionStream in `web.ts`.
 */
export interface CompressBackend {
  readonly name: 'node' | 'web'
  /** Compresses with the zlib format (RFC 1950), as the references do. */
  deflate(data: Uint8Array): Promise<Uint8Array>
  /**
   * Decompresses zlib data. Output larger than `maxOutputBytes` rejects with
   * `ERR_KEY_INFLATE_FAILED` before more than that is held in memory.
   */
  inflate(data: Uint8Array, maxOutputBytes: number): Promise<Uint8Array>
}
