/**
 * Layout, signing and parsing shared by the hex Channel Keys (DynamicKey 001–004).
 * A key is text: an optional version prefix, the HMAC-SHA1 signature (40 hex),
 * the App ID (32 hex), unixTs (10 decimal digits), randomInt (8 hex) and then,
 * depending on the version, uid and expiredTs (10 decimal digits each).
 * Layouts from AgoraIO/Tools DynamicKey/AgoraDynamicKey/python3/src/DynamicKey{,2,3,4}.py
 * and cpp/src/DynamicKey{,2,3,4}.h.
 */
import { hexEncode } from '../bytes/encoding.js'
import { AgoraKeysError } from '../errors.js'
import { hmac } from '../hmac/index.js'
import { UINT32_MAX, checkString } from '../validate.js'
import { decimal10, hex8, signedAppId } from './text.js'

/**
 * Maximum input length, in UTF-16 code units, that a hex Channel Key parser
 * reads. Longer input is rejected before any other check. The keys themselves
 * are 90 to 113 characters, and the margin lets a pasted DynamicKey5, 006 or
 * 007 string (107 to 283 characters in vectors/) get the more helpful
 * ERR_KEY_UNKNOWN_VERSION.
 */
export const MAX_HEX_CHANNEL_KEY_LENGTH = 1024

const SIGNATURE_LENGTH = 40
const APP_ID_LENGTH = 32
const DECIMAL_LENGTH = 10
const RANDOM_INT_LENGTH = 8

/** The stored decimal fields that follow randomInt, in key order. */
export type HexKeyTailField = 'uid' | 'expiredTs'

/** Field layout of one hex Channel Key version. */
export interface HexKeyLayout<Tail extends HexKeyTailField> {
  /** The version's name in error messages, e.g. "DynamicKey3". */
  readonly name: string
  /** Text the key starts with: "" for DynamicKey and DynamicKey2, else "003" or "004". */
  readonly prefix: string
  /** Decimal fields stored after randomInt, in order. */
  readonly tail: readonly Tail[]
}

/** The fields every hex Channel Key stores, in key order. */
export interface HexKeyHead {
  readonly signature: string
  readonly appId: string
  readonly unixTs: number
  readonly randomInt: number
}

/** The head fields that are signed: all but the signature. */
export type SignedHexKeyHead = Omit<HexKeyHead, 'signature'>

/** The stored fields of one layout: the head plus its tail fields. */
export type HexKeyParts<Tail extends HexKeyTailField> = HexKeyHead & Readonly<Record<Tail, number>>

/** Returns the exact length of a key with this layout. */
export function hexKeyLength(layout: HexKeyLayout<HexKeyTailField>): number {
  return (
    layout.prefix.length +
    SIGNATURE_LENGTH +
    APP_ID_LENGTH +
    DECIMAL_LENGTH +
    RANDOM_INT_LENGTH +
    DECIMAL_LENGTH * layout.tail.length
  )
}

/** Returns where the 8 hex characters of randomInt start in a key with this layout. */
export function randomIntOffset(layout: HexKeyLayout<HexKeyTailField>): number {
  return layout.prefix.length + SIGNATURE_LENGTH + APP_ID_LENGTH + DECIMAL_LENGTH
}

/** Writes a key: the prefix, the signature, then each stored field in layout order. */
export function formatHexChannelKey<Tail extends HexKeyTailField>(
  layout: HexKeyLayout<Tail>,
  parts: HexKeyParts<Tail>,
): string {
  const tail = layout.tail.map((field) => decimal10(parts[field])).join('')
  const head = parts.signature + parts.appId + decimal10(parts.unixTs) + hex8(parts.randomInt)
  return layout.prefix + head + tail
}

/** Inputs one hex Channel Key signs. The App Certificate is never stored in the key. */
export interface HexKeySigningInput {
  readonly appCertificate: string
  readonly appId: string
  readonly unixTs: number
  readonly randomInt: number
  readonly channelName: string
  /** DynamicKey4's service ("ACS", "ARS" or "APSS"), signed before the App ID. */
  readonly service?: string
  /**
   * uid and expiredTs, signed after the channel name by DynamicKey2, 3 and 4.
   * DynamicKey signs neither.
   */
  readonly uidAndExpiry?: { readonly uid: number; readonly expiredTs: number }
}

/**
 * Computes the lower-case hex HMAC-SHA1 signature of a hex Channel Key. The
 * signed text is service + App ID + unixTs (10 digits) + randomInt (8 hex) +
 * channel name + uid (10 digits) + expiredTs (10 digits), leaving out what a
 * version does not sign. The HMAC key is the certificate's UTF-8 text, not its
 * hex-decoded bytes, as in the references.
 */
export async function signHexChannelKey(input: HexKeySigningInput): Promise<string> {
  let content =
    (input.service ?? '') +
    signedAppId(input.appId) +
    decimal10(input.unixTs) +
    hex8(input.randomInt) +
    input.channelName
  if (input.uidAndExpiry !== undefined) {
    content += decimal10(input.uidAndExpiry.uid) + decimal10(input.uidAndExpiry.expiredTs)
  }
  const signature = await hmac('SHA-1', input.appCertificate, content)
  return hexEncode(signature)
}

/** Fields of a key that stores its uid and expiry (DynamicKey2 and DynamicKey3). */
export type SignedUidKeyFields = SignedHexKeyHead & {
  readonly uid: number
  readonly expiredTs: number
}

/**
 * Signs a key that binds a uid and an expiry. DynamicKey2 and DynamicKey3 sign
 * the same text and differ only in the "003" prefix, so their generate and
 * verify share this function. DynamicKey4 also signs its service.
 */
export function signUidKey(
  fields: SignedUidKeyFields,
  appCertificate: string,
  channelName: string,
  service?: string,
): Promise<string> {
  return signHexChannelKey({ ...fields, appCertificate, channelName, uidAndExpiry: fields, service })
}

const HEX_CHARACTERS = /^[0-9a-fA-F]*$/
const DECIMAL_CHARACTERS = /^[0-9]*$/

interface FieldSlice {
  readonly field: string
  readonly start: number
  readonly text: string
}

function sliceField(key: string, field: string, start: number, length: number): FieldSlice {
  return { field, start, text: key.slice(start, start + length) }
}

function checkCharacters(slice: FieldSlice, alphabet: RegExp, description: string): void {
  if (alphabet.test(slice.text)) return
  const first = String(slice.start + 1)
  const last = String(slice.start + slice.text.length)
  const where = `${slice.field} (characters ${first} to ${last} of the key)`
  throw new AgoraKeysError(
    'ERR_KEY_BAD_ENCODING',
    `${where} must be ${String(slice.text.length)} ${description}`,
    { field: slice.field },
  )
}

function readDecimal(slice: FieldSlice): number {
  // Ten digits can reach 9999999999, so the uint32 range is checked here.
  const value = Number(slice.text)
  if (value > UINT32_MAX) {
    throw new AgoraKeysError(
      'ERR_KEY_INVALID_FIELD',
      `${slice.field} is ${slice.text}, above the uint32 maximum ${String(UINT32_MAX)}`,
      { field: slice.field },
    )
  }
  return value
}

/**
 * Checks the whole shape of a key, then reads its fields. The checks run in
 * this order, so one input always gets the same code: not a string
 * (ERR_INVALID_ARGUMENT), longer than {@link MAX_HEX_CHANNEL_KEY_LENGTH}
 * (ERR_KEY_TOO_LONG), wrong length or prefix (ERR_KEY_UNKNOWN_VERSION), a
 * character outside a field's alphabet (ERR_KEY_BAD_ENCODING, first field
 * first), a decimal field above 4294967295 (ERR_KEY_INVALID_FIELD). Hex fields
 * may be either case, and the signature is returned as written.
 */
export function parseHexChannelKey<Tail extends HexKeyTailField>(
  key: unknown,
  layout: HexKeyLayout<Tail>,
): HexKeyParts<Tail> {
  const text = checkString(key, 'key')
  const length = hexKeyLength(layout)
  if (text.length > MAX_HEX_CHANNEL_KEY_LENGTH) {
    throw new AgoraKeysError(
      'ERR_KEY_TOO_LONG',
      `key is ${String(text.length)} characters, above the maximum of ` +
        `${String(MAX_HEX_CHANNEL_KEY_LENGTH)} this parser reads. ` +
        `A ${layout.name} key is ${String(length)} characters`,
      { field: 'key' },
    )
  }
  if (text.length !== length || !text.startsWith(layout.prefix)) {
    const message = unknownVersionMessage(text, layout, length)
    throw new AgoraKeysError('ERR_KEY_UNKNOWN_VERSION', message, { field: 'key' })
  }

  let offset = layout.prefix.length
  const next = (field: string, fieldLength: number): FieldSlice => {
    const slice = sliceField(text, field, offset, fieldLength)
    offset += fieldLength
    return slice
  }
  const signature = next('signature', SIGNATURE_LENGTH)
  const appId = next('appId', APP_ID_LENGTH)
  const unixTs = next('unixTs', DECIMAL_LENGTH)
  const randomInt = next('randomInt', RANDOM_INT_LENGTH)
  const tail = layout.tail.map((field) => next(field, DECIMAL_LENGTH))

  checkCharacters(signature, HEX_CHARACTERS, 'hexadecimal characters')
  checkCharacters(appId, HEX_CHARACTERS, 'hexadecimal characters')
  checkCharacters(unixTs, DECIMAL_CHARACTERS, 'decimal digits')
  checkCharacters(randomInt, HEX_CHARACTERS, 'hexadecimal characters')
  for (const slice of tail) checkCharacters(slice, DECIMAL_CHARACTERS, 'decimal digits')

  const parts: Record<string, string | number> = {
    signature: signature.text,
    appId: appId.text,
    unixTs: readDecimal(unixTs),
    randomInt: Number.parseInt(randomInt.text, 16),
  }
  for (const slice of tail) parts[slice.field] = readDecimal(slice)
  // Every layout field was written above with the type HexKeyParts gives it.
  return parts as unknown as HexKeyParts<Tail>
}

function unknownVersionMessage(
  text: string,
  layout: HexKeyLayout<HexKeyTailField>,
  length: number,
): string {
  const expected = `a ${layout.name} key is ${String(length)} characters`
  let message =
    text.length === length
      ? `key is not a ${layout.name} key: it does not start with "${layout.prefix}"`
      : `key is ${String(text.length)} characters, but ${expected}`
  if (layout.prefix !== '' && text.length !== length) message += ` starting with "${layout.prefix}"`
  if (text.trim().length !== text.length) message += '; remove the surrounding whitespace'
  return message
}
