import { randomUint32 } from '../random.js'
import {
  checkAppCertificate,
  checkAppId,
  checkOptions,
  checkString,
  checkTimestamp,
  checkWrappingUint32,
  nowSeconds,
} from '../validate.js'

/** Inputs of the Channel Key generators (DynamicKey 001–005). */
export interface ChannelKeyOptions {
  /** App ID from Agora Console: 32 hex characters. Reference name: appID. */
  readonly appId: string
  /** App Certificate: 32 hex characters. Keep it on your server. Reference name: appCertificate. */
  readonly appCertificate: string
  /** Channel name; its UTF-8 bytes are signed but never stored in the key. Reference name: channelName / channel. */
  readonly channelName: string
  /** Issue time, Unix seconds. Default: now. Reference name: unixTs / ts. */
  readonly unixTs?: number
  /** Random nonce, uint32 (signed 32-bit negatives wrap). Default: fresh from crypto.getRandomValues. Reference name: randomInt / r. */
  readonly randomInt?: number
}

/** Channel Key inputs that also bind a user and an expiry (DynamicKey2 and later). */
export interface ChannelKeyWithUidOptions extends ChannelKeyOptions {
  /** User ID, uint32 (signed 32-bit negatives wrap); 0 lets any user join. Default 0. Reference name: uid. */
  readonly uid?: number
  /** When the user is removed from the channel, Unix seconds; 0 means no limit. Default 0. Reference name: expiredTs. */
  readonly expiredTs?: number
}

/** Checked Channel Key inputs with defaults applied. */
export interface ResolvedChannelKeyInputs {
  readonly appId: string
  readonly appCertificate: string
  readonly channelName: string
  readonly unixTs: number
  readonly randomInt: number
  readonly uid: number
  readonly expiredTs: number
}

/**
 * Checks every Channel Key option and fills in the defaults: unixTs now,
 * randomInt fresh per call, uid 0 and expiredTs 0. `what` names the calling
 * function in error messages.
 */
export function resolveChannelKeyInputs(options: unknown, what: string): ResolvedChannelKeyInputs {
  const input = checkOptions(options, what)
  return {
    appId: checkAppId(input.appId),
    appCertificate: checkAppCertificate(input.appCertificate),
    channelName: checkString(input.channelName, 'channelName'),
    unixTs: input.unixTs === undefined ? nowSeconds() : checkTimestamp(input.unixTs, 'unixTs'),
    randomInt:
      input.randomInt === undefined ? randomUint32() : checkWrappingUint32(input.randomInt, 'randomInt'),
    uid: input.uid === undefined ? 0 : checkWrappingUint32(input.uid, 'uid'),
    expiredTs: input.expiredTs === undefined ? 0 : checkTimestamp(input.expiredTs, 'expiredTs'),
  }
}
