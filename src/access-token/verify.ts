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
} from '../validate.js'
import { packSignedBytes, signAccessToken, type SignedBytes } from './build.js'
import { resolveUidOrAccount } from './inputs.js'
import { decodeAccessToken, type AccessTokenFields } from './parse.js'

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

/** Compares the token's CRCs with those of the channel name and uid string that were signed. */
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
  if (crc32(signed.uid) !== fields.crcUid) {
    const expectedUid = options.uidString === '' ? 'uid 0' : JSON.stringify(options.uidString)
    reasons.push({
      code: 'uid',
      message:
        `token was made for another uid: the CRC-32 of ${expectedUid} does not match. ` +
        'A token built with an account never matches an integer uid, and the reverse',
    })
  }
  return reasons
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
 * A malformed token gives an invalid result, not an exception.
 *
 * @throws {AgoraKeysError} only for bad options: `ERR_INVALID_APP_CERTIFICATE`,
 *   `ERR_INVALID_APP_ID`, `ERR_INVALID_ARGUMENT`, `ERR_UID_NOT_INTEGER`,
 *   `ERR_INVALID_INTEGER`, `ERR_TIMESTAMP_IN_MILLISECONDS`.
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
  const { fields, signature, message } = decoded
  const signed = packSignedBytes(fields.appId, resolved.channelName, resolved.uidString, message)
  const expected = await signAccessToken(resolved.appCertificate, signed)
  return verifyResult(fields, [
    ...appIdReason(fields.appId, resolved.appId),
    ...signatureBytesReason(signature, expected),
    ...crcReasons(fields, signed, resolved),
    ...expiryReasons(fields, resolved.now),
  ])
}
