import { AgoraKeysError } from '../errors.js'
import type { CompressBackend } from './types.js'

type StreamConstructor = new (format: 'deflate') => TransformStream<Uint8Array, Uint8Array>

/** Looks the stream class up at call time so that importing never fails on runtimes without it. */
function getStream(name: 'CompressionStream' | 'DecompressionStream'): StreamConstructor {
  const ctor = (globalThis as Record<string, unknown>)[name]
  if (typeof ctor !== 'function') {
    throw new AgoraKeysError(
      'ERR_UNSUPPORTED_RUNTIME',
      `globalThis.${name} is missing: this runtime cannot handle AccessToken2 ("007") compression`,
    )
  }
  return ctor as StreamConstructor
}

/** Runs bytes through a transform stream, stopping once the output passes `maxOutputBytes`. */
async function pipe(
  stream: TransformStream<Uint8Array, Uint8Array>,
  data: Uint8Array,
  maxOutputBytes: number,
): Promise<Uint8Array> {
  const writer = stream.writable.getWriter()
  // Errors surface through the reader; the writer's promises must not reject unhandled.
  writer.write(data).catch(() => undefined)
  writer.close().catch(() => undefined)

  const reader = stream.readable.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxOutputBytes) {
      await reader.cancel().catch(() => undefined)
      throw new AgoraKeysError(
        'ERR_KEY_INFLATE_FAILED',
        `token body inflates to more than ${String(maxOutputBytes)} bytes`,
        { field: 'body' },
      )
    }
    chunks.push(value)
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

/** zlib over the Compression Streams API, for browsers, workers, Deno and Bun. */
export const compressBackend: CompressBackend = {
  name: 'web',
  deflate(data) {
    const Compression = getStream('CompressionStream')
    return pipe(new Compression('deflate'), data, Number.POSITIVE_INFINITY)
  },
  async inflate(data, maxOutputBytes) {
    const Decompression = getStream('DecompressionStream')
    try {
      return await pipe(new Decompression('deflate'), data, maxOutputBytes)
    } catch (cause) {
      if (cause instanceof AgoraKeysError) throw cause
      throw new AgoraKeysError('ERR_KEY_INFLATE_FAILED', 'token body is not valid zlib data', {
        field: 'body',
        cause,
      })
    }
  },
}
