import { AgoraKeysError } from '../errors.js'
import { adler32 } from './adler32.js'
import type { CompressBackend } from './types.js'

type DecompressionConstructor = new (format: 'deflate') => TransformStream<Uint8Array, Uint8Array>

/**
 * Input is written to the stream in slices of this size. Chromium's
 * DecompressionStream inflates a whole written chunk before the first read,
 * and deflate expands at most about 1032:1, so one slice yields at most about
 * 1 MB however much the full input would.
 */
const INPUT_SLICE_BYTES = 1024

/** Looks DecompressionStream up at call time so that importing never fails on runtimes without it. */
function getDecompressionStream(): DecompressionConstructor {
  const ctor = (globalThis as Record<string, unknown>).DecompressionStream
  if (typeof ctor !== 'function') {
    throw new AgoraKeysError(
      'ERR_UNSUPPORTED_RUNTIME',
      'globalThis.DecompressionStream is missing: this runtime cannot inflate AccessToken2 ("007") tokens',
    )
  }
  return ctor as DecompressionConstructor
}

/**
 * Writes `data` slice by slice, each only after the stream has taken the one
 * before, which happens only as the reader pulls output.
 */
async function feed(
  writer: WritableStreamDefaultWriter<Uint8Array>,
  data: Uint8Array,
  sliceBytes: number,
): Promise<void> {
  for (let offset = 0; offset < data.length; offset += sliceBytes) {
    await writer.ready
    await writer.write(data.subarray(offset, offset + sliceBytes))
  }
  await writer.close()
}

/** Runs bytes through a transform stream, stopping once the output passes `maxOutputBytes`. */
async function pipe(
  stream: TransformStream<Uint8Array, Uint8Array>,
  data: Uint8Array,
  sliceBytes: number,
  maxOutputBytes: number,
): Promise<Uint8Array> {
  // Errors surface through the reader, so the writer's rejections are dropped here.
  const feeding = feed(stream.writable.getWriter(), data, sliceBytes).catch(() => undefined)

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
  await feeding
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

/**
 * Checks that `data` ends with the Adler-32 of `out`, as a zlib stream does.
 * Runtimes differ at the end of a stream: Node 20's DecompressionStream
 * ignores data after it, and Deno 2.9's accepts a stream missing its checksum
 * bytes. This check rejects both, as the node backend, Chromium and workerd do.
 * NOTE: trailing data whose last 4 bytes repeat the checksum still passes on
 * Node's DecompressionStream; only a parser of the deflate blocks could tell.
 */
function checkTrailer(data: Uint8Array, out: Uint8Array): void {
  const length = data.length
  const stored =
    length < 4
      ? -1
      : (((data[length - 4] ?? 0) << 24) |
          ((data[length - 3] ?? 0) << 16) |
          ((data[length - 2] ?? 0) << 8) |
          (data[length - 1] ?? 0)) >>>
        0
  if (stored !== adler32(out)) {
    throw new AgoraKeysError(
      'ERR_KEY_INFLATE_FAILED',
      'token body does not end with the zlib checksum of its content: it is truncated or has data after its zlib stream',
      { field: 'body' },
    )
  }
}

/** Inflate over DecompressionStream, for browsers, workers, Deno and Bun. */
export const compressBackend: CompressBackend = {
  name: 'web',
  async inflate(data, maxOutputBytes) {
    const Decompression = getDecompressionStream()
    let out: Uint8Array
    try {
      out = await pipe(new Decompression('deflate'), data, INPUT_SLICE_BYTES, maxOutputBytes)
    } catch (cause) {
      if (cause instanceof AgoraKeysError) throw cause
      throw new AgoraKeysError('ERR_KEY_INFLATE_FAILED', 'token body is not valid zlib data', {
        field: 'body',
        cause,
      })
    }
    checkTrailer(data, out)
    return out
  },
}
