/**
 * The byte-packing layer shared by every key version: Uint8Array only, no Buffer.
 * @module
 */
export { ByteWriter, sortAscending } from './writer.js'
export { ByteReader } from './reader.js'
export {
  base64Decode,
  base64Encode,
  hexDecode,
  hexEncode,
  isHex,
  utf8Decode,
  utf8Encode,
  utf8EncodeInto,
  utf8Length,
} from './encoding.js'
export { timingSafeEqual } from './compare.js'
export { md5 } from './md5.js'
export { crc32 } from './crc32.js'
