/**
 * Hints for base64 tokens that were damaged on their way to the parser.
 * @module
 */

import { AgoraKeysError } from '../errors.js'

/**
 * Names the usual cause of a bad "006" or "007" token text: surrounding
 * whitespace, a '+' that URL decoding turned into a space, or URL-safe
 * base64. Returns '' when none applies, or else a clause starting with '; '.
 */
export function tokenTextHint(text: string): string {
  if (text.trim() !== text) return '; remove the surrounding whitespace'
  if (text.includes(' ')) {
    return "; it contains a space, usually a '+' that URL decoding turned into a space, so encode the token with encodeURIComponent before putting it in a URL"
  }
  if (/[-_]/.test(text)) {
    return "; '-' and '_' are URL-safe base64, but tokens use standard base64 with '+' and '/'"
  }
  return ''
}

/**
 * Returns `error` with {@link tokenTextHint} appended to its message, keeping
 * its code and field. Text longer than `maxLength`, the longest token the
 * parser reads, was rejected for its length alone, so it is not scanned: a
 * caller's length limit then also bounds the work done on an oversized input.
 */
export function withTokenTextHint(error: unknown, text: string, maxLength: number): unknown {
  if (text.length > maxLength || !(error instanceof AgoraKeysError)) return error
  const hint = tokenTextHint(text)
  if (hint === '') return error
  return new AgoraKeysError(error.code, `${error.message}${hint}`, { field: error.field, cause: error.cause })
}
