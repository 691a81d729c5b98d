// Times the platform calls for HMAC, deflate and inflate alone, so that RESULTS.md
// shows what bounds the dist/web path. node:crypto and node:zlib calls return
// synchronously. Every WebCrypto and CompressionStream call is a Promise that settles
// on a later turn of the event loop. dist/web signs with WebCrypto but no longer uses
// the compression streams, which stay here for comparison.
import { Blob, Buffer } from 'node:buffer'
import { createHmac, webcrypto } from 'node:crypto'
import { CompressionStream, DecompressionStream } from 'node:stream/web'
import { TextEncoder } from 'node:util'
import { deflateSync, inflateSync } from 'node:zlib'

/** The HMAC key: an App Certificate as ASCII bytes, as the Channel Key signers use it. */
const KEY = new TextEncoder().encode('5CFd2fd1755d40ecb72977518be15d3b')

/** Reads a whole stream of Uint8Array chunks into one Buffer. */
async function drain(stream) {
  const chunks = []
  for await (const chunk of stream) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/** Runs `bytes` through a CompressionStream or DecompressionStream in deflate (zlib) format. */
function throughStream(StreamClass, bytes) {
  return drain(new Blob([bytes]).stream().pipeThrough(new StreamClass('deflate')))
}

/**
 * Returns the group of platform calls, measured on the signed payload of a real "007"
 * token: its HMAC-SHA256 over that payload, and its deflate and inflate.
 *
 * @param {string} token an AccessToken2 ("007") token
 */
export async function primitiveGroup(token) {
  const compressed = new Uint8Array(Buffer.from(token.slice(3), 'base64'))
  const payload = new Uint8Array(inflateSync(compressed))
  const subtle = webcrypto.subtle
  const algorithm = { name: 'HMAC', hash: 'SHA-256' }
  const importKey = () => subtle.importKey('raw', KEY, algorithm, false, ['sign'])
  const cachedKey = await importKey()
  const variants = [
    {
      id: 'node-hmac',
      build: 'node',
      label: "node:crypto createHmac('sha256', key).update(payload).digest()",
      run: () => createHmac('sha256', KEY).update(payload).digest(),
    },
    {
      id: 'web-import-sign',
      build: 'web',
      label: 'crypto.subtle.importKey, then crypto.subtle.sign (one new key per call)',
      run: async () => subtle.sign('HMAC', await importKey(), payload),
    },
    {
      id: 'web-sign',
      build: 'web',
      label: 'crypto.subtle.sign with a key imported once',
      run: () => subtle.sign('HMAC', cachedKey, payload),
    },
    {
      id: 'node-deflate',
      build: 'node',
      label: 'node:zlib deflateSync(payload)',
      run: () => deflateSync(payload),
    },
    {
      id: 'web-deflate',
      build: 'web',
      label: "CompressionStream('deflate') over payload",
      run: () => throughStream(CompressionStream, payload),
    },
    {
      id: 'node-inflate',
      build: 'node',
      label: 'node:zlib inflateSync(token body)',
      run: () => inflateSync(compressed),
    },
    {
      id: 'web-inflate',
      build: 'web',
      label: "DecompressionStream('deflate') over the token body",
      run: () => throughStream(DecompressionStream, compressed),
    },
  ]
  const deflated = await throughStream(CompressionStream, payload)
  if (inflateSync(deflated).compare(payload) !== 0) {
    throw new Error('bench check failed: CompressionStream output does not inflate to the payload')
  }
  return {
    id: 'platform-primitives',
    title: `Platform calls on a "007" payload (${String(payload.length)} bytes)`,
    target: false,
    note:
      'Not agora-keys code: node:crypto, node:zlib, WebCrypto and CompressionStream calls ' +
      'timed alone on the payload of the "007" parse and verify token, to compare with the ' +
      'operations above. A "007" builder signs with three HMACs under three different keys, ' +
      'so dist/web imports three keys per token.',
    variants,
  }
}
