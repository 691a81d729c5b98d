import { crc32 } from '../bytes/index.js'
import type { VerifyReason, VerifyResult } from '../channel-key/types.js'
import {
  appIdReason,
  malformedResult,
  signatureBytesReason,
  verifyResult,
} from '../channel-key/verify-checks.js'
import {
  checkAppCertificate,
  checkAppId,
  checkOptions,
  checkString,
  checkTimestamp,
  nowSeconds,
  quoteString,
} from '../validate.js'
import { packSignedBytes, signAccessToken, type SignedBytes } from './build.js'
import { resolveUidOrAccount } from './inputs.js'
import { decodeAccessToken, type AccessTokenFields, type DecodedAccessToken } from './parse.js'

/** Options of {@link verifyAccessToken}. */
export interface AccessTokenVerifyOptions {
  /** The App Certificate the token should be signed with. */
  readonly appCertificate: string
  /** The channel the client joins. For RTM tokens, the user account. */
  readonly channelName: string
  /** The integer uid the client joins with; 0 or omitted is the empty uid. Give uid or account, not both. */
  readonly uid?: number
  /** The user account the client joins with. Give uid or account, not both. */
  readonly account?: string
  /** When given, the token's App ID must equal it (case-insensitive). */
  readonly appId?: string
  /** The time to check against, Unix seconds. Default: now. */
  readonly now?: number
}

interface ResolvedTokenVerifyOptions {
  readonly appCertificate: string
  readonly channelName: string
  readonly uidString: string
  readonly appId: string | undefined
  readonly now: number
}

function resolveTokenVerifyOptions(options: unknown): ResolvedTokenVerifyOptions {
  const input = checkOptions(options, 'verifyAccessToken')
  return {
    appCertificate: checkAppCertificate(input.appCertificate),
    channelName: checkString(input.channelName, 'channelName'),
    uidString: resolveUidOrAccount(input, 'the account option'),
    appId: input.appId === undefined ? undefined : checkAppId(input.appId),
    now: input.now === undefined ? nowSeconds() : checkTimestamp(input.now, 'now'),
  }
}

/**
 * The uid string that uid 0 signs. A token made for it lets any user join,
 * because Agora's references document uid 0 as "do not authenticate the user ID".
 */
const ANY_UID_STRING = ''
/** CRC-32 of {@link ANY_UID_STRING}, which the token stores as crcUid. */
const ANY_UID_CRC = 0

/**
 * Compares the token's CRCs with those of the channel name and uid string
 * that were signed. A crcUid of 0 is the CRC of uid 0, which matches any uid.
 */
function crcReasons(
  fields: AccessTokenFields,
  signed: SignedBytes,
  options: ResolvedTokenVerifyOptions,
): VerifyReason[] {
  const reasons: VerifyReason[] = []
  if (crc32(signed.channelName) !== fields.crcChannelName) {
    reasons.push({
      code: 'channel-name',
      message: 'token was made for another channel name: the CRC-32 of the channel name does not match',
    })
  }
  if (fields.crcUid !== ANY_UID_CRC && crc32(signed.uid) !== fields.crcUid) {
    const expectedUid = options.uidString === '' ? 'uid 0' : quoteString(options.uidString)
    reasons.push({
      code: 'uid',
      message:
        `token was made for another uid: the CRC-32 of ${expectedUid} does not match. ` +
        'A token built with an account never matches an integer uid, and the reverse',
    })
  }
  return reasons
}

/**
 * Re-signs the token for the expected uid string and compares signatures.
 * A token whose crcUid is that of uid 0 ("") is also re-signed for "", and
 * either match is valid: uid 0 lets any user join, and an account whose
 * CRC-32 happens to be 0 still verifies for itself. Whether the second
 * signature is computed depends only on the stored crcUid and the options,
 * never on whether the first one matched.
 */
async function signatureReasons(
  decoded: DecodedAccessToken,
  signed: SignedBytes,
  options: ResolvedTokenVerifyOptions,
): Promise<VerifyReason[]> {
  const { fields, signature, message } = decoded
  const expected = await signAccessToken(options.appCertificate, signed)
  const reasons = signatureBytesReason(signature, expected)
  if (fields.crcUid !== ANY_UID_CRC || options.uidString === ANY_UID_STRING) return reasons
  const anyUser = packSignedBytes(fields.appId, options.channelName, ANY_UID_STRING, message)
  const anyUserReasons = signatureBytesReason(signature, await signAccessToken(options.appCertificate, anyUser))
  return reasons.length === 0 || anyUserReasons.length === 0 ? [] : reasons
}

function expiryReasons(fields: AccessTokenFields, now: number): VerifyReason[] {
  const reasons: VerifyReason[] = []
  if (fields.ts <= now) {
    reasons.push({
      code: 'token-expired',
      message: `token expired ${String(now - fields.ts)} s ago (ts ${String(fields.ts)})`,
    })
  }
  for (const privilege of fields.privileges) {
    if (privilege.expireTimestamp !== 0 && privilege.expireTimestamp <= now) {
      const name = privilege.name ?? `privilege ${String(privilege.id)}`
      const expiry = privilege.expireTimestamp
      reasons.push({
        code: 'privilege-expired',
        message: `${name} expired ${String(now - expiry)} s ago (expireTimestamp ${String(expiry)})`,
      })
    }
  }
  return reasons
}

/**
 * Verifies an AccessToken "006": parses it, re-signs its message with the
 * certificate, channel name and uid given, compares signatures in constant
 * time, and checks the CRCs, the App ID, ts and each privilege's expiry.
 * A token made for uid 0 (crcUid 0, the CRC-32 of the empty uid string) lets
 * any user join, so it is valid for every expected uid or account.
 * A malformed token gives an invalid result, not an exception.
 *
 * @throws {AgoraKeysError} for bad options: `ERR_INVALID_APP_CERTIFICATE`,
 *   `ERR_INVALID_APP_ID`, `ERR_INVALID_ARGUMENT`, `ERR_UID_NOT_INTEGER`,
 *   `ERR_INVALID_INTEGER`, `ERR_TIMESTAMP_IN_MILLISECONDS`, and
 *   `ERR_UNSUPPORTED_RUNTIME` when the runtime lacks WebCrypto.
 * @example
 * const result = await verifyAccessToken(token, { appCertificate, channelName: 'room-1', uid: 42 })
 * if (!result.valid) console.log(result.reasons.map((reason) => reason.code))
 */
export async function verifyAccessToken(
  token: string,
  options: AccessTokenVerifyOptions,
): Promise<VerifyResult<AccessTokenFields>> {
  const resolved = resolveTokenVerifyOptions(options)
  let decoded
  try {
    decoded = decodeAccessToken(token)
  } catch (error) {
    return malformedResult(error)
  }
  const { fields, message } = decoded
  const signed = packSignedBytes(fields.appId, resolved.channelName, resolved.uidString, message)
  return verifyResult(fields, [
    ...appIdReason(fields.appId, resolved.appId),
    ...(await signatureReasons(decoded, signed, resolved)),
    ...crcReasons(fields, signed, resolved),
    ...expiryReasons(fields, resolved.now),
  ])
}
