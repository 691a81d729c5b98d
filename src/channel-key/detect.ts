/**
 * Recognising a credential's format by its shape, without decoding it.
 * @module
 */

/** The credential formats {@link detectKeyFormat} names. */
export type KeyFormat =
  | 'dynamic-key'
  | 'dynamic-key2'
  | 'dynamic-key3'
  | 'dynamic-key4'
  | 'dynamic-key5'
  /** AccessToken "006". */
  | 'access-token'
  /** AccessToken2 "007". */
  | 'access-token2'

/** The Channel Key formats (DynamicKey 001–005), the ones `parseKey` and `verifyKey` read. */
export type ChannelKeyFormat = Exclude<KeyFormat, 'access-token' | 'access-token2'>

/** The exact shape of one hex Channel Key (DynamicKey 001–004). */
interface HexKeyShape {
  readonly format: ChannelKeyFormat
  /** The version's name in messages. */
  readonly name: string
  readonly prefix: string
  readonly length: number
  /** The whole key, anchored: an optional prefix, then each field in its alphabet. */
  readonly pattern: RegExp
}

/**
 * The hex Channel Key layouts: the prefix, the signature and App ID (72 hex
 * characters together), unixTs (10 digits), randomInt (8 hex characters), then
 * uid and expiredTs (10 digits each) where the version stores them. These are
 * the layouts that src/channel-key/hex-key.ts parses.
 * The lengths never coincide, so at most one shape matches a string.
 */
const hexKeyShapes: readonly HexKeyShape[] = [
  {
    format: 'dynamic-key',
    name: 'DynamicKey',
    prefix: '',
    length: 90,
    pattern: /^[0-9a-fA-F]{72}[0-9]{10}[0-9a-fA-F]{8}$/,
  },
  {
    format: 'dynamic-key2',
    name: 'DynamicKey2',
    prefix: '',
    length: 110,
    pattern: /^[0-9a-fA-F]{72}[0-9]{10}[0-9a-fA-F]{8}[0-9]{20}$/,
  },
  {
    format: 'dynamic-key3',
    name: 'DynamicKey3',
    prefix: '003',
    length: 113,
    pattern: /^003[0-9a-fA-F]{72}[0-9]{10}[0-9a-fA-F]{8}[0-9]{20}$/,
  },
  {
    format: 'dynamic-key4',
    name: 'DynamicKey4',
    prefix: '004',
    length: 103,
    pattern: /^004[0-9a-fA-F]{72}[0-9]{10}[0-9a-fA-F]{8}[0-9]{10}$/,
  },
]

/** The formats recognised by their version prefix alone, because their body is base64. */
const prefixedFormats: readonly (readonly [prefix: string, format: KeyFormat])[] = [
  ['005', 'dynamic-key5'],
  ['006', 'access-token'],
  ['007', 'access-token2'],
]

/**
 * Names the format of a credential string from its shape alone, without
 * decoding it or checking its signature. The string must match a hex Channel
 * Key exactly: DynamicKey is 90 characters and DynamicKey2 is 110, with no
 * prefix. DynamicKey3 is "003" + 110 characters and DynamicKey4 is "004" + 100,
 * with every field in its alphabet. Otherwise the version prefix decides:
 * "005" is DynamicKey5, "006" AccessToken and "007" AccessToken2.
 *
 * The hex shapes are tried first, because a hex key's signature can itself
 * begin with "005", "006" or "007". A DynamicKey2 whose signature begins with
 * "005" is still named 'dynamic-key2'.
 *
 * It never throws. It returns `undefined` for anything else, including a
 * non-string, surrounding whitespace and a damaged hex key. `parseKey` explains
 * what is wrong with a damaged key. A name is no promise that the string
 * parses: a "005" string with broken base64 is still named 'dynamic-key5'.
 *
 * @example
 * detectKeyFormat(key) // 'dynamic-key3'
 * detectKeyFormat('hello') // undefined
 */
export function detectKeyFormat(text: string): KeyFormat | undefined {
  // Guards callers without type checking, so the promise not to throw holds for any value.
  if (typeof text !== 'string') return undefined
  // No format contains whitespace. The prefix test alone would name "007…\n".
  if (text.trim() !== text) return undefined
  const shape = matchHexKeyShape(text)
  if (shape !== undefined) return shape.format
  for (const [prefix, format] of prefixedFormats) {
    if (text.startsWith(prefix)) return format
  }
  return undefined
}

function matchHexKeyShape(text: string): HexKeyShape | undefined {
  // The length test comes first, so a long string never reaches a regular expression.
  return hexKeyShapes.find((shape) => text.length === shape.length && shape.pattern.test(text))
}

/**
 * Picks the Channel Key parser whose error best explains a string that
 * {@link detectKeyFormat} does not name: the hex key with the string's exact
 * length and prefix, or DynamicKey5 for a "005" prefix. Returns `undefined`
 * when no version comes close.
 */
export function closestChannelKeyFormat(text: string): ChannelKeyFormat | undefined {
  const shape = hexKeyShapes.find(
    (candidate) => text.length === candidate.length && text.startsWith(candidate.prefix),
  )
  if (shape !== undefined) return shape.format
  return text.startsWith('005') ? 'dynamic-key5' : undefined
}

/** Describes every Channel Key shape, for the message of a string that matches none. */
export function describeChannelKeyShapes(): string {
  const hexKeys = hexKeyShapes.map((shape) => {
    const prefix = shape.prefix === '' ? 'with no prefix' : `starting with "${shape.prefix}"`
    return `${shape.name} is ${String(shape.length)} characters ${prefix}`
  })
  return `${hexKeys.join(', ')}, and DynamicKey5 starts with "005"`
}
