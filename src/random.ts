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
      'globalThis.crypto.getRandomValues is missing; pass the random value explicitly',
    )
  }
  const out = new Uint32Array(1)
  webCrypto.getRandomValues(out)
  return out[0] ?? 0
}

/**
 * Draws a uniformly random integer in [min, max] by rejection sampling. Both
 * bounds must be uint32 integers with min <= max, otherwise it throws
 * `ERR_INVALID_ARGUMENT` instead of looping forever.
 */
export function randomIntInRange(min: number, max: number): number {
  const isUint32 = (value: number): boolean => Number.isInteger(value) && value >= 0 && value <= 0xffffffff
  if (!isUint32(min) || !isUint32(max) || min > max) {
    throw new AgoraKeysError(
      'ERR_INVALID_ARGUMENT',
      `random range must be uint32 integers with min <= max, got [${String(min)}, ${String(max)}]`,
    )
  }
  const span = max - min + 1
  const limit = Math.floor(0x100000000 / span) * span
  for (;;) {
    const value = randomUint32()
    if (value < limit) return min + (value % span)
  }
}
