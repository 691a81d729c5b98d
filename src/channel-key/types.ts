/**
 * Parsed forms of the Channel Keys. Each version stores only some of its
 * signed inputs: the channel name is never stored, and DynamicKey4 does not
 * store the uid or the service, so those fields are absent from its result.
 */

/** Fields every Channel Key stores. */
interface ChannelKeyFieldsBase {
  /** The signature as it appears in the key (hex; DynamicKey5 stores upper-case hex). */
  readonly signature: string
  readonly appId: string
  /** Issue time, Unix seconds. */
  readonly unixTs: number
  /** Random nonce, uint32. */
  readonly randomInt: number
}

/** DynamicKey: 90 hex characters, no version prefix, no uid, no expiry. */
export interface DynamicKeyFields extends ChannelKeyFieldsBase {
  readonly version: '001'
}

/** DynamicKey2: 110 characters, no version prefix. */
export interface DynamicKey2Fields extends ChannelKeyFieldsBase {
  readonly version: '002'
  readonly uid: number
  /** Unix seconds; 0 means no limit. */
  readonly expiredTs: number
}

/** DynamicKey3: "003" prefix. */
export interface DynamicKey3Fields extends ChannelKeyFieldsBase {
  readonly version: '003'
  readonly uid: number
  readonly expiredTs: number
}

/** DynamicKey4: "004" prefix. The uid and the service (ACS, ARS, APSS) are signed but not stored. */
export interface DynamicKey4Fields extends ChannelKeyFieldsBase {
  readonly version: '004'
  readonly expiredTs: number
}

/** DynamicKey4 services, as signed: media channel, recording, public sharing. */
export type DynamicKey4Service = 'ACS' | 'ARS' | 'APSS'

/**
 * Fields of a DynamicKey4 verify result: the stored fields plus the service
 * and uid whose signature matched.
 */
export interface DynamicKey4VerifiedFields extends DynamicKey4Fields {
  /** The service whose signature matched, absent when none matched. */
  readonly service?: DynamicKey4Service
  /**
   * The uid whose signature matched, absent when none matched: the expected
   * uid, or 0 for a key made for uid 0, which lets any user join.
   */
  readonly uid?: number
}

/** Service types of DynamicKey5, as written in the key. */
export const DynamicKey5Service = {
  mediaChannel: 1,
  recording: 2,
  publicSharing: 3,
  inChannelPermission: 4,
} as const

/** DynamicKey5: "005" + base64 of a packed message. The uid is signed but not stored. */
export interface DynamicKey5Fields extends ChannelKeyFieldsBase {
  readonly version: '005'
  /** 1 media channel, 2 recording, 3 public sharing, 4 in-channel permission; other values are kept as read. */
  readonly serviceType: number
  readonly expiredTs: number
  /**
   * The extra map as stored (key → UTF-8 text). Key 1 is "allow upload in
   * channel" with value "0" (no upload) or "3" (audio and video upload).
   */
  readonly extra: ReadonlyMap<number, string>
}

/** Fields of a DynamicKey5 verify result: the stored fields plus the uid whose signature matched. */
export interface DynamicKey5VerifiedFields extends DynamicKey5Fields {
  /**
   * The uid whose signature matched, absent when none matched: the expected
   * uid, or 0 for a key made for uid 0, which lets any user join.
   */
  readonly uid?: number
}

/** Any parsed Channel Key, discriminated by `version`. */
export type ChannelKeyFields =
  | DynamicKeyFields
  | DynamicKey2Fields
  | DynamicKey3Fields
  | DynamicKey4Fields
  | DynamicKey5Fields

/**
 * Stable codes of the checks a verifier runs. A verification result lists
 * every check that failed, so a caller may accept, say, a correctly signed key
 * whose join window has passed.
 */
export type VerifyReasonCode =
  /** The key could not be parsed; `errorCode` has the parser's code. */
  | 'malformed'
  /**
   * The signature does not match the App Certificate, channel name and uid given.
   * A key or token made for uid 0 matches every expected uid.
   */
  | 'signature'
  /** The key's App ID differs from the expected one. */
  | 'app-id'
  /** The key was used more than 5 minutes (300 s) after unixTs (Channel Keys) or after its ts/expire (tokens). */
  | 'join-window'
  /** expiredTs has passed, so the server removes the user from the channel. */
  | 'call-expired'
  /**
   * The key stores a uid (AccessToken "006": the CRC-32 of the uid string) that
   * differs from the expected one. A stored uid 0 matches every expected uid.
   */
  | 'uid'
  /** unixTs is in the future by more than the allowed clock skew. */
  | 'issued-in-future'
  /** AccessToken2: issueTs + expire has passed, so Agora rejects the whole token. AccessToken "006": ts has passed. */
  | 'token-expired'
  /**
   * AccessToken2: issueTs + the seconds of a privilege have passed, so that privilege is gone.
   * AccessToken "006": the privilege's expiry timestamp has passed (0 never expires).
   */
  | 'privilege-expired'
  /** AccessToken2: no RTC service is for the expected channel name. AccessToken "006": the CRC-32 of the channel name differs. */
  | 'channel-name'
  /** AccessToken2: the token has no service of the expected type. */
  | 'service-missing'

/** One failed check. */
export interface VerifyReason {
  readonly code: VerifyReasonCode
  /** A sentence for people; never contains the App Certificate. */
  readonly message: string
  /** With `malformed`: the parser's error code, e.g. ERR_KEY_TRUNCATED. */
  readonly errorCode?: string
}

/** Result of verifying a key or token. `valid` is true only when `reasons` is empty. */
export interface VerifyResult<Fields> {
  readonly valid: boolean
  readonly reasons: readonly VerifyReason[]
  /** The parsed key, absent when it was malformed. */
  readonly fields?: Fields
}
