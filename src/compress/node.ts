/// <reference types="node" />
import { deflateSync, inflateSync } from 'node:zlib'
import { AgoraKeysError } from '../errors.js'
import type { CompressBackend } from './types.js'

/** zlib over node:zlib. `maxOutputLength` makes zlib itself stop at the cap. */
export const compressBackend: CompressBackend = {
  name: 'node',
  deflate(data) {
    const out = deflateSync(data)
    return Promise.resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength))
  },
  inflate(data, maxOutputBytes) {
    try {
      // One byte over the cap tells "exactly at the limit" from "over it".
      const out = inflateSync(data, { maxOutputLength: maxOutputBytes + 1 })
      if (out.byteLength > maxOutputBytes) throw new RangeError('over the limit')
      return Promise.resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength))
    } catch (cause) {
      return Promise.reject(inflateError(cause, maxOutputBytes))
    }
  },
}

function inflateError(cause: unknown, maxOutputBytes: number): AgoraKeysError {
  const tooLarge =
    cause instanceof RangeError ||
    (cause as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE'
  const message = tooLarge
    ? `token body inflates to more than ${String(maxOutputBytes)} bytes`
    : 'token body is not valid zlib data'
  return new AgoraKeysError('ERR_KEY_INFLATE_FAILED', message, { field: 'body', cause })
}
