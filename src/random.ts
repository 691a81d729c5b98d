import { AgoraKeysError } from './errors.js'

/**
 * Draws a uniformly random uint32 from `crypto.getRandomValues`, fresh on
 * every call. Never Math.random and never a value cached at module load.
 */
export function randomUint32(): number {
  const webCrypto = (globalThis as { crypto?: Crypto }).crypto
  if (webCrypto === undefined || typeof webCrypto.getRandomValues !== 'function') {
    throw new AgoraKeysError(
      'ERR_UNSUPPORTED_RUNTIME',
      'globalThis.crypto.getRandomValues is missing, so no random salt can be drawn; pass the random value explicitly',
    )
  }
  const out = new Uint32Array(1)
  webCrypto.getRandomValues(out)
  return out[0] ?? 0
}

/** Draws a uniformly random integer in [min, max] (both at most 2^32 - 1) by rejection sampling. */
export function randomIntInRange(min: number, max: number): number {
  const span = max - min + 1
  const limit = Math.floor(0x100000000 / span) * span
  for (;;) {
    const value = randomUint32()
    if (value < limit) return min + (value % span)
  }
}
