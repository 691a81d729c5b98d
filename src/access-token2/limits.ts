/** The version prefix of every AccessToken2. */
export const ACCESS_TOKEN2_VERSION = '007'

/**
 * The largest inflated payload (signature and signing info) that the parser
 * accepts and the builder writes: 64 KiB. Tokens from Agora's builders are a
 * few hundred bytes; the cap stops a small deflate stream ("deflate bomb")
 * from expanding into a large allocation.
 */
export const MAX_ACCESS_TOKEN2_PAYLOAD_BYTES = 65_536

/**
 * The maximum token length the parser accepts, checked before any decoding.
 * A payload of {@link MAX_ACCESS_TOKEN2_PAYLOAD_BYTES} that does not compress
 * at all is deflated into stored blocks: 65,536 bytes plus 6 bytes of zlib
 * framing and 5 bytes per block, about 87,400 base64 characters. 88 KiB leaves
 * room for a few hundred blocks, so every token the builder writes parses.
 */
export const MAX_ACCESS_TOKEN2_LENGTH = 90_112
