import { timingSafeEqual } from '../bytes/compare.js'
import { utf8Encode } from '../bytes/encoding.js'
import { AgoraKeysError } from '../errors.js'
import { checkAppCertificate, checkAppId, checkOptions, checkString, checkTimestamp, checkWrappingUint32, nowSeconds } from '../validate.js'
import type { VerifyReason, VerifyResult } from './types.js'

/** A Channel Key must be used to join within this many seconds after its unixTs. */
export const JOIN_WINDOW_SECONDS = 300

/**
 * How far unixTs may lie in the future before a verifier flags it.
 * NOTE: Agora does not publish its server's tolerance; 300 s is this library's choice.
 */
export const MAX_CLOCK_SKEW_SECONDS = 300

/** Options of every Channel Key verifier. */
export interface ChannelKeyVerifyOptions {
  /** The App Certificate the key should be signed with. */
  readonly appCertificate: string
  /** The channel the client joins; it is signed, not stored, so it must be given. */
  readonly channelName: string
  /** The uid the client joins with. Default 0. DynamicKey (001) ignores it. */
  readonly uid?: number
  /** When given, the key's App ID must equal it (case-insensitive). */
  readonly appId?: string
  /** The time to check against, Unix seconds. Default: now. */
  readonly now?: number
}

/** Checked verifier options with defaults applied. */
export interface ResolvedVerifyOptions {
  readonly appCertificate: string
  readonly channelName: string
  readonly uid: number
  readonly appId: string | undefined
  readonly now: number
}

/** Checks verifier options. Bad options are the caller's bug, so they throw rather than become reasons. */
export function resolveVerifyOptions(options: unknown, what: string): ResolvedVerifyOptions {
  const input = checkOptions(options, what)
  return {
    appCertificate: checkAppCertificate(input.appCertificate),
    channelName: checkString(input.channelName, 'channelName'),
    uid: input.uid === undefined ? 0 : checkWrappingUint32(input.uid, 'uid'),
    appId: input.appId === undefined ? undefined : checkAppId(input.appId),
    now: input.now === undefined ? nowSeconds() : checkTimestamp(input.now, 'now'),
  }
}

/** Compares a signature from a key with a recomputed one in constant time. */
export function signatureReason(stored: string, expected: string): VerifyReason[] {
  return signatureBytesReason(utf8Encode(stored), utf8Encode(expected))
}

/**
 * The uid that lets any user join. Agora's references document uid 0 as "do
 * not authenticate the user ID": any uid from the app client can join
 * (AgoraIO/Tools python3/src/RtcTokenBuilder2.py, cpp/src/RtcTokenBuilder2.h).
 */
export const ANY_UID = 0

/** Result of {@link matchUidSignature}. */
export interface UidSignatureMatch {
  /** The uid whose signature matched: the expected uid or {@link ANY_UID}. Absent when none matched. */
  readonly uid?: number
  /** The `signature` reason when no signature matched, else empty. */
  readonly reasons: readonly VerifyReason[]
}

/**
 * Checks the signature of a key that signs its uid but does not store it
 * (DynamicKey4 and DynamicKey5). The key matches when it was signed for the
 * expected uid or for {@link ANY_UID}, which lets any user join. When the
 * expected uid is not 0, both signatures are computed and compared, so the
 * time taken does not depend on which one matched.
 */
export async function matchUidSignature(
  stored: string,
  expectedUid: number,
  sign: (uid: number) => Promise<string>,
): Promise<UidSignatureMatch> {
  const candidates = expectedUid === ANY_UID ? [ANY_UID] : [expectedUid, ANY_UID]
  let matched: number | undefined
  let mismatch: readonly VerifyReason[] = []
  for (const uid of candidates) {
    const reasons = signatureReason(stored, await sign(uid))
    if (reasons.length > 0) mismatch = reasons
    else matched ??= uid
  }
  return matched === undefined ? { reasons: mismatch } : { uid: matched, reasons: [] }
}

/** Compares signature bytes from a token with recomputed ones in constant time. */
export function signatureBytesReason(stored: Uint8Array, expected: Uint8Array): VerifyReason[] {
  if (timingSafeEqual(stored, expected)) return []
  return [
    {
      code: 'signature',
      message:
        'signature does not match: the key was signed with another App Certificate, channel name or uid, or was altered',
    },
  ]
}

/**
 * Checks the App ID stored in a key against the expected one. The message
 * shows the stored App ID, which the key carries in the clear, but not the
 * expected one: a certificate passed as `appId` is 32 hex characters too.
 */
export function appIdReason(stored: string, expected: string | undefined): VerifyReason[] {
  if (expected === undefined || stored.toLowerCase() === expected.toLowerCase()) return []
  return [{ code: 'app-id', message: `key is for App ID ${stored}, not the expected App ID` }]
}

/** Checks the join window, a future issue time and expiredTs against `now`. */
export function timeReasons(unixTs: number, expiredTs: number | undefined, now: number): VerifyReason[] {
  const reasons: VerifyReason[] = []
  if (unixTs - now > MAX_CLOCK_SKEW_SECONDS) {
    reasons.push({
      code: 'issued-in-future',
      message: `unixTs is ${String(unixTs - now)} s in the future; check the clock of the server that made the key`,
    })
  }
  if (now - unixTs > JOIN_WINDOW_SECONDS) {
    reasons.push({
      code: 'join-window',
      message: `key was issued ${String(now - unixTs)} s ago; a Channel Key must be used within ${String(JOIN_WINDOW_SECONDS)} s of unixTs`,
    })
  }
  if (expiredTs !== undefined && expiredTs !== 0 && expiredTs <= now) {
    reasons.push({
      code: 'call-expired',
      message: `expiredTs passed ${String(now - expiredTs)} s ago, so the user is removed from the channel`,
    })
  }
  return reasons
}

/** Checks a uid stored in the key against the expected one. */
export function uidReason(stored: number, expected: number): VerifyReason[] {
  if (stored === expected) return []
  return [{ code: 'uid', message: `key is for uid ${String(stored)}, expected ${String(expected)}` }]
}

/**
 * Turns a parse failure into an invalid result. Any other error is re-thrown,
 * and so is `ERR_UNSUPPORTED_RUNTIME`, because a missing API is a fault of the
 * runtime, not of the key, and must not make the key look malformed.
 */
export function malformedResult(error: unknown): VerifyResult<never> {
  if (!(error instanceof AgoraKeysError) || error.code === 'ERR_UNSUPPORTED_RUNTIME') throw error
  return {
    valid: false,
    reasons: [{ code: 'malformed', message: error.message, errorCode: error.code }],
  }
}

/** Builds the result: valid only when no check failed. */
export function verifyResult<Fields>(fields: Fields, reasons: readonly VerifyReason[]): VerifyResult<Fields> {
  return { valid: reasons.length === 0, reasons, fields }
}
