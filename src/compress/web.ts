import { zlibInflate } from './inflate.js'
import type { CompressBackend } from './types.js'

/**
 * Inflate in TypeScript (inflate.ts) for browsers, workers and the Edge
 * Runtime. It needs no DecompressionStream, which the Edge Runtime lacks, and
 * rejects the same streams on every runtime, where DecompressionStream
 * implementations differ at the end of a stream.
 */
export const compressBackend: CompressBackend = {
  name: 'web',
  inflate(data, maxOutputBytes) {
    // The executor runs synchronously, and the Promise rejects with whatever zlibInflate throws.
    return new Promise((resolve) => {
      resolve(zlibInflate(data, maxOutputBytes))
    })
  },
}
