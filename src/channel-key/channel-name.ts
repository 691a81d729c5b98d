/**
 * Agora's channel-name rules. The rules come from the channelName parameter
 * docs in AgoraIO/Tools DynamicKey/AgoraDynamicKey (cpp/src/RtcTokenBuilder.h,
 * python3/src/RtcTokenBuilder2.py, nodejs/src/RtcTokenBuilder.js): "less than
 * 64 bytes", made of a-z, A-Z, 0-9, the space and
 * ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,
 * The generators do not apply these rules, because the references sign any
 * string. A key for a name outside them is well formed, but Agora's client SDKs
 * can reject the name when joining.
 * @module
 */
import { utf8Encode } from '../bytes/encoding.js'

/**
 * Maximum length of a channel name in UTF-8 bytes. The reference docs say
 * "less than 64 bytes", so 64 itself is over the limit.
 */
export const CHANNEL_NAME_MAX_BYTES = 63

/** Every character Agora allows in a channel name, in the order the reference docs list them. */
export const CHANNEL_NAME_CHARACTERS =
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&()+-:;<=.>?@[]^_{}|~,'

const ALLOWED = /* @__PURE__ */ new Set(CHANNEL_NAME_CHARACTERS)

/** How many distinct disallowed characters a problem message quotes before it stops listing. */
const MAX_LISTED_CHARACTERS = 10

/** Stable codes of the channel-name rules a name can break. */
export type ChannelNameProblemCode =
  /** The value is not a string. */
  | 'not-a-string'
  /**
   * The name is the empty string.
   * NOTE: the reference docs do not mention empty names. This library flags
   * them because a join needs a channel name.
   */
  | 'empty'
  /** The name is longer than {@link CHANNEL_NAME_MAX_BYTES} in UTF-8. */
  | 'too-long'
  /** The name contains a character outside {@link CHANNEL_NAME_CHARACTERS}. */
  | 'invalid-characters'

/** One broken channel-name rule. */
export interface ChannelNameProblem {
  readonly code: ChannelNameProblemCode
  /** A sentence for people that names the rule and the offending part of the name. */
  readonly message: string
}

/** Result of {@link checkChannelName}. `valid` is true only when `problems` is empty. */
export interface ChannelNameCheck {
  readonly valid: boolean
  readonly problems: readonly ChannelNameProblem[]
  /** Length of the name in UTF-8 bytes, or 0 when the value is not a string. */
  readonly byteLength: number
  /** The distinct disallowed characters, in order of first appearance. */
  readonly invalidCharacters: readonly string[]
}

/**
 * Checks a channel name against Agora's rules: at most 63 UTF-8 bytes, not
 * empty, and only the characters in {@link CHANNEL_NAME_CHARACTERS}. It never
 * throws, and it reports every broken rule at once.
 *
 * Key generators accept any string, so call this before signing a name that
 * comes from users. A key for a name outside the rules is well formed, but
 * Agora's client SDKs can reject the name when joining.
 *
 * @example
 * const check = checkChannelName('room/1')
 * // check.valid === false
 * // check.problems[0].code === 'invalid-characters'
 */
export function checkChannelName(name: string): ChannelNameCheck {
  // Guards callers without type checking, so the promise not to throw holds for any value.
  if (typeof name !== 'string') {
    return {
      valid: false,
      problems: [{ code: 'not-a-string', message: `channel name must be a string, got ${typeof name}` }],
      byteLength: 0,
      invalidCharacters: [],
    }
  }

  const problems: ChannelNameProblem[] = []
  const byteLength = utf8Encode(name).length
  if (name.length === 0) {
    problems.push({ code: 'empty', message: 'channel name is empty' })
  }
  if (byteLength > CHANNEL_NAME_MAX_BYTES) {
    problems.push({
      code: 'too-long',
      message: `channel name is ${String(byteLength)} bytes in UTF-8, but Agora allows at most ${String(CHANNEL_NAME_MAX_BYTES)}`,
    })
  }

  const invalidCharacters = findInvalidCharacters(name)
  if (invalidCharacters.length > 0) {
    problems.push({ code: 'invalid-characters', message: describeInvalidCharacters(invalidCharacters) })
  }
  return { valid: problems.length === 0, problems, byteLength, invalidCharacters }
}

/** Lists the distinct characters outside the allowed set, iterating by code point. */
function findInvalidCharacters(name: string): string[] {
  const found = new Set<string>()
  for (const character of name) {
    if (!ALLOWED.has(character)) found.add(character)
  }
  return [...found]
}

function describeInvalidCharacters(characters: readonly string[]): string {
  // JSON quoting makes tabs, newlines and other invisible characters readable.
  const listed = characters.slice(0, MAX_LISTED_CHARACTERS).map((character) => JSON.stringify(character))
  const more = characters.length - listed.length
  const suffix = more > 0 ? ` and ${String(more)} more` : ''
  // The punctuation follows the space in CHANNEL_NAME_CHARACTERS, so the message lists it from there.
  const punctuation = Array.from(CHANNEL_NAME_CHARACTERS.slice(CHANNEL_NAME_CHARACTERS.indexOf(' ') + 1))
  return (
    `channel name contains characters Agora does not allow: ${listed.join(', ')}${suffix}; ` +
    `use only a-z, A-Z, 0-9, space and ${punctuation.join(' ')}`
  )
}
