/**
 * Compares two byte arrays in time that depends only on their lengths, for
 * checking signatures. Returns false at once when the lengths differ, since
 * every signature of one format has a fixed, public length.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}
