/**
 * Verifying AccessToken2 ("007") tokens offline: the signature, the App ID,
 * the token and privilege expiry, and the RTC channel and uid.
 */
import type { VerifyReason, VerifyResult } from '../channel-key/types.js'
import {
  MAX_CLOCK_SKEW_SECONDS,
  appIdReason,
  malformedResult,
  signatureBytesReason,
  verifyResult,
} from '../channel-key/verify-checks.js'
import { utf8Decode, utf8Encode } from '../bytes/encoding.js'
import { AgoraKeysError } from '../errors.js'
import {
  checkAppCertificate,
  checkAppId,
  checkOptions,
  checkString,
  checkTimestamp,
  checkUint32,
  checkWrappingUint32,
  nowSeconds,
  quoteString,
} from '../validate.js'
import { decodePayload, inflateAccessToken2, type AccessToken2Fields } from './parse.js'
import { ServiceType, type AccessToken2Service, type RtcService } from './services.js'
import { signSigningInfo } from './signing.js'

/** Options of {@link verifyAccessToken2}. */
export interface AccessToken2VerifyOptions {
  /** The App Certificate the token should be signed with. */
  readonly appCertificate: string
  /** When given, the token's App ID must equal it (case-insensitive). */
  readonly appId?: string
  /** The time to check against, Unix seconds. Default: now. */
  readonly now?: number
  /** When given, the token must hold an RTC service for this channel. */
  readonly channelName?: string
  /**
   * When given, the token must hold an RTC service (for `channelName`, if
   * given) whose uid is this one or the wildcard uid 0. A number is written as
   * the references write it: 0 as "", other values in decimal (signed 32-bit
   * negatives wrap to uint32). A string is compared as-is.
   */
  readonly uid?: number | string
  /**
   * When given, the token must hold a service of this type, and only the
   * privileges of that type are checked for expiry. Default: every service.
   */
  readonly serviceType?: number
}

interface ResolvedOptions {
  readonly appCertificate: string
  readonly appId: string | undefined
  readonly now: number
  readonly channelName: string | undefined
  readonly uid: string | undefined
  readonly serviceType: number | undefined
}

/**
 * Returns `text` as the builder stores it. A lone surrogate is written as
 * U+FFFD, as TextEncoder writes it, so comparing the option as given would
 * reject a token built from that same option.
 */
function storedText(text: string, field: string): string {
  return utf8Decode(utf8Encode(text), field)
}

/** Converts a uid option to the text the RTC service stores. */
function uidText(value: unknown): string {
  if (typeof value === 'string') return storedText(value, 'uid')
  if (typeof value === 'number') {
    const uid = checkWrappingUint32(value, 'uid')
    return uid === 0 ? '' : String(uid)
  }
  throw new AgoraKeysError('ERR_INVALID_ARGUMENT', `uid must be a number or a string, got ${typeof value}`, {
    field: 'uid',
  })
}

function resolveOptions(options: unknown): ResolvedOptions {
  const input = checkOptions(options, 'verifyAccessToken2')
  return {
    appCertificate: checkAppCertificate(input.appCertificate),
    appId: input.appId === undefined ? undefined : checkAppId(input.appId),
    now: input.now === undefined ? nowSeconds() : checkTimestamp(input.now, 'now'),
    channelName:
      input.channelName === undefined
        ? undefined
        : storedText(checkString(input.channelName, 'channelName'), 'channelName'),
    uid: input.uid === undefined ? undefined : uidText(input.uid),
    serviceType: input.serviceType === undefined ? undefined : checkUint32(input.serviceType, 'serviceType'),
  }
}

/**
 * Tells whether `seconds` after issueTs have passed at `now`. A limit of 0
 * seconds is read as "no limit of its own".
 * NOTE: the references never define 0, and Agora does not document how its
 * servers read it. Python's RtcTokenBuilder2 defaults a privilege to 0, which
 * suggests "no separate limit", and an expiry of 0 meant "never" in "006".
 */
function hasPassed(issueTs: number, seconds: number, now: number): boolean {
  return seconds !== 0 && issueTs + seconds <= now
}

function timeReasons(fields: AccessToken2Fields, scope: readonly AccessToken2Service[], now: number): VerifyReason[] {
  const reasons: VerifyReason[] = []
  if (fields.issueTs - now > MAX_CLOCK_SKEW_SECONDS) {
    reasons.push({
      code: 'issued-in-future',
      message: `issueTs is ${String(fields.issueTs - now)} s in the future; check the clock of the server that built the token`,
    })
  }
  if (hasPassed(fields.issueTs, fields.expire, now)) {
    reasons.push({
      code: 'token-expired',
      message: `token expired ${String(now - fields.issueTs - fields.expire)} s ago (issueTs ${String(fields.issueTs)} + expire ${String(fields.expire)} s)`,
    })
  }
  for (const service of scope) {
    for (const [id, seconds] of Object.entries(service.privileges)) {
      if (!hasPassed(fields.issueTs, seconds, now)) continue
      reasons.push({
        code: 'privilege-expired',
        message: `privilege ${id} of service type ${String(service.type)} expired ${String(now - fields.issueTs - seconds)} s ago (issueTs + ${String(seconds)} s)`,
      })
    }
  }
  return reasons
}

/**
 * Checks the RTC services against the expected channel and uid. The messages
 * quote what the token stores, which any client with the token can read,
 * but pass the expected values through quoteString.
 */
function rtcReasons(services: readonly AccessToken2Service[], channelName: string | undefined, uid: string | undefined): VerifyReason[] {
  if (channelName === undefined && uid === undefined) return []
  const rtc = services.filter((service): service is RtcService => service.type === ServiceType.rtc)
  if (rtc.length === 0) {
    return [{ code: 'service-missing', message: 'token has no RTC service (type 1), so it cannot join a channel' }]
  }
  let inChannel = rtc
  if (channelName !== undefined) {
    inChannel = rtc.filter((service) => service.channelName === channelName)
    if (inChannel.length === 0) {
      const stored = rtc.map((service) => JSON.stringify(service.channelName)).join(', ')
      return [
        {
          code: 'channel-name',
          message: `token is for channel ${stored}, expected ${quoteString(channelName)}`,
        },
      ]
    }
  }
  if (uid === undefined || inChannel.some((service) => service.uid === '' || service.uid === uid)) return []
  const stored = inChannel.map((service) => JSON.stringify(service.uid)).join(', ')
  return [{ code: 'uid', message: `token is for uid ${stored}, expected ${quoteString(uid)}` }]
}

function serviceReasons(fields: AccessToken2Fields, serviceType: number | undefined): VerifyReason[] {
  if (serviceType === undefined || fields.services.some((service) => service.type === serviceType)) return []
  const present = fields.services.map((service) => String(service.type)).join(', ') || 'none'
  return [
    {
      code: 'service-missing',
      message: `token has no service of type ${String(serviceType)} (types present: ${present})`,
    },
  ]
}

/**
 * Verifies an AccessToken2 ("007") offline and lists every check that failed:
 * `malformed`, `signature`, `app-id`, `issued-in-future`, `token-expired`,
 * `privilege-expired`, `service-missing`, `channel-name` and `uid`. An expire
 * or privilege of 0 seconds is taken as "no limit of its own". A token with an
 * unknown service type is still checked: the signature covers its raw bytes.
 *
 * @throws {AgoraKeysError} For bad options: `ERR_INVALID_ARGUMENT`,
 *   `ERR_INVALID_APP_CERTIFICATE`, `ERR_INVALID_APP_ID`, `ERR_INVALID_INTEGER`,
 *   `ERR_TIMESTAMP_IN_MILLISECONDS`. `ERR_UNSUPPORTED_RUNTIME` when the runtime
 *   lacks WebCrypto. A bad token gives `valid: false`.
 * @example
 * const result = await verifyAccessToken2(token, { appCertificate, channelName: 'room-1', uid: 42 })
 * if (!result.valid) console.log(result.reasons.map((reason) => reason.code))
 */
export async function verifyAccessToken2(
  token: string,
  options: AccessToken2VerifyOptions,
): Promise<VerifyResult<AccessToken2Fields>> {
  const input = resolveOptions(options)
  let parsed
  try {
    parsed = decodePayload(await inflateAccessToken2(token))
  } catch (error) {
    return malformedResult(error)
  }
  const { fields, signature, signingInfo } = parsed
  const expected = await signSigningInfo(input.appCertificate, fields.issueTs, fields.salt, signingInfo)
  const scope =
    input.serviceType === undefined
      ? fields.services
      : fields.services.filter((service) => service.type === input.serviceType)
  const reasons = [
    ...signatureBytesReason(signature, expected),
    ...appIdReason(fields.appId, input.appId),
    ...timeReasons(fields, scope, input.now),
    ...serviceReasons(fields, input.serviceType),
    ...rtcReasons(fields.services, input.channelName, input.uid),
  ]
  return verifyResult(fields, reasons)
}
