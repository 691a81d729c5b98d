import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { base64Decode, base64Encode } from '../../src/bytes/index.js'
import { AgoraKeysError } from '../../src/errors.js'

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/**
 * Decodes one character at a time through a bit buffer: the straightforward
 * form of the rules that base64Decode applies four characters at a time.
 * Returns the bytes or the error message.
 */
function referenceDecode(text: string): Uint8Array | string {
  let end = text.length
  if (end % 4 === 0 && text.endsWith('==')) end -= 2
  else if (end % 4 === 0 && text.endsWith('=')) end -= 1
  if (end % 4 === 1) return 'its length is impossible for base64'
  const out: number[] = []
  let buffer = 0
  let bits = 0
  for (let i = 0; i < end; i++) {
    const value = alphabet.indexOf(text.charAt(i))
    if (value < 0) return `character ${String(i + 1)} is outside the base64 alphabet`
    buffer = ((buffer << 6) | value) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out.push((buffer >> bits) & 0xff)
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return 'its last character has stray bits'
  return new Uint8Array(out)
}

/** Calls base64Decode and returns the bytes or the reason in its error message. */
function decodeOrReason(text: string): Uint8Array | string {
  try {
    return base64Decode(text, 'token')
  } catch (error) {
    expect(error).toBeInstanceOf(AgoraKeysError)
    expect((error as AgoraKeysError).code).toBe('ERR_KEY_BAD_ENCODING')
    expect((error as AgoraKeysError).field).toBe('token')
    return (error as AgoraKeysError).message.replace('token is not valid base64: ', '')
  }
}

/** Mostly base64 characters, with now and then padding or a character outside the alphabet. */
const base64Like = fc
  .array(
    fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom(...Array.from(alphabet)) },
      { weight: 1, arbitrary: fc.constantFrom('=', '-', '_', ' ', '\n', 'é', '\0', '\uD800') },
    ),
    { maxLength: 40 },
  )
  .map((characters) => characters.join(''))

describe('base64Decode groups', () => {
  it('agrees with a bitwise decoder', () => {
    fc.assert(
      fc.property(base64Like, (text) => {
        expect(decodeOrReason(text)).toStrictEqual(referenceDecode(text))
      }),
      { numRuns: 20_000 },
    )
  })

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(base64Decode(base64Encode(bytes), 'token')).toStrictEqual(bytes)
      }),
    )
  })

  it.each([
    ['in the first group', '*AAA', 1],
    ['at the end of a group', 'AAA*', 4],
    ['in a later group', 'AAAAAA*A', 7],
    ['in a 2-character tail', 'AAAAA*', 6],
    ['in a 3-character tail', 'AAAAA*A', 6],
  ])('names a bad character %s', (_where, text, position) => {
    expect(decodeOrReason(text)).toBe(`character ${String(position)} is outside the base64 alphabet`)
  })
})
