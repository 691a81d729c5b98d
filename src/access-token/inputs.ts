import { AgoraKeysError } from '../errors.js'
import { randomIntInRange } from '../random.js'
import {
  checkString,
  checkTimestamp,
  checkUint32,
  checkWrappingUint32,
  quoteString,
  nowSeconds,
} from '../validate.js'

/** How long a "006" token is valid when the caller gives no ts: 24 hours, as in every reference. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 24 * 3600

/** Salt range of the Python reference (secrets.SystemRandom().randint(1, 99999999)). */
export const SALT_MIN = 1
export const SALT_MAX = 99_999_999

/**
 * Expiry timestamps below this (1973-03-03) are rejected as durations: a
 * caller who passes 3600 for "one hour" would otherwise get a privilege that
 * expired in 1970. 0 is exempt because it means "never expires".
 */
export const MIN_PRIVILEGE_EXPIRE_TIMESTAMP = 100_000_000

/** Draws the default salt: fresh for every token, from crypto.getRandomValues. */
export function defaultSalt(): number {
  return randomIntInRange(SALT_MIN, SALT_MAX)
}

/** Computes the default ts: now plus 24 hours, Unix seconds. */
export function defaultTs(): number {
  return nowSeconds() + DEFAULT_TOKEN_LIFETIME_SECONDS
}

/** Checks an explicit salt: any uint32. */
export function checkSalt(value: unknown): number {
  return checkUint32(value, 'salt')
}

/**
 * Checks a privilege expiry: an absolute Unix timestamp in seconds, or 0 for
 * never. Values from 1 to 99999999 throw `ERR_EXPIRE_LOOKS_LIKE_DURATION`.
 */
export function checkExpireTimestamp(value: unknown, field: string): number {
  const timestamp = checkTimestamp(value, field)
  if (timestamp !== 0 && timestamp < MIN_PRIVILEGE_EXPIRE_TIMESTAMP) {
    throw new AgoraKeysError(
      'ERR_EXPIRE_LOOKS_LIKE_DURATION',
      `${field} is ${String(timestamp)}, which looks like a duration in seconds. ` +
        `It must be an absolute Unix timestamp, so pass Math.floor(Date.now() / 1000) + ${String(timestamp)}, or 0 for no expiry`,
      { field },
    )
  }
  return timestamp
}

/**
 * Checks an integer uid and returns the string that "006" signs: "" for 0,
 * else the decimal digits. Signed 32-bit negatives wrap to uint32 as in the
 * C++ reference. A string uid throws `ERR_UID_NOT_INTEGER` naming `accountApi`,
 * because a token signed for an account, even "0" or "12345", never matches a
 * client that joins with an integer uid.
 */
export function uidToString(value: unknown, accountApi: string): string {
  if (typeof value === 'string') {
    // A uint32 has at most 10 digits, so a string this short is safe to repeat in the fix.
    const digits = /^\d{1,10}$/.test(value)
    throw new AgoraKeysError(
      'ERR_UID_NOT_INTEGER',
      `uid must be an integer, got the string ${quoteString(value)}. ` +
        (digits
          ? `If the client joins with the integer uid ${value}, pass uid: ${value}; if it joins with a user account, `
          : 'For a user account (a UUID, a name, a database id), ') +
        `use ${accountApi} instead, because a token signed for an account never matches a client that joins with an integer uid`,
      { field: 'uid' },
    )
  }
  const uid = checkWrappingUint32(value, 'uid')
  return uid === 0 ? '' : String(uid)
}

/** Checks a user account (any string, "" being the same as uid 0). */
export function checkAccount(value: unknown, field = 'account'): string {
  return checkString(value, field)
}

/**
 * Resolves the `uid` and `account` options, of which at most one may be
 * given, to the signed uid string. Neither means uid 0 (the empty string).
 */
export function resolveUidOrAccount(input: Record<string, unknown>, accountApi: string): string {
  if (input.uid !== undefined && input.account !== undefined) {
    throw new AgoraKeysError(
      'ERR_INVALID_ARGUMENT',
      'uid and account are both given; pass uid for a client that joins with an integer uid, or account for one that joins with a user account',
      { field: 'account' },
    )
  }
  if (input.account !== undefined) return checkAccount(input.account)
  if (input.uid !== undefined) return uidToString(input.uid, accountApi)
  return ''
}
