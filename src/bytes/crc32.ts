/**
 * CRC-32 as in zlib, PNG and ISO 3309: reflected polynomial 0xEDB88320,
 * initial value and final XOR 0xFFFFFFFF. AccessToken "006" stores the CRC-32
 * of the channel name and of the uid string, both as UTF-8.
 */
const crcTable: Uint32Array = /* @__PURE__ */ (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c
  }
  return table
})()

/** Computes the CRC-32 of `bytes` as an unsigned 32-bit integer (the check value of "123456789" is 0xCBF43926). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
