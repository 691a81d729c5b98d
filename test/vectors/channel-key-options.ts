import type { ChannelKeyWithUidOptions } from '../../src/channel-key/inputs.js'
import { inputNumber, inputString } from './load.js'

/**
 * Builds generator options from a DynamicKey2, 3 or 4 vector input
 * (appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs).
 */
export function uidKeyOptions(input: Record<string, unknown>): ChannelKeyWithUidOptions {
  return {
    appId: inputString(input, 'appID'),
    appCertificate: inputString(input, 'appCertificate'),
    channelName: inputString(input, 'channelName'),
    unixTs: inputNumber(input, 'unixTs'),
    randomInt: inputNumber(input, 'randomInt'),
    uid: inputNumber(input, 'uid'),
    expiredTs: inputNumber(input, 'expiredTs'),
  }
}
