import { expect } from 'vitest'
import { base64Encode } from '../../src/bytes/index.js'
import { deflate } from '../../src/compress/index.js'
import { AgoraKeysError } from '../../src/errors.js'
import type { AccessToken2Options, AccessToken2Service } from '../../src/access-token2/index.js'

// Agora's documented sample credentials, as used by the references' own tests.
export const APP_ID = '970CA35de60c44645bbae8a215061b33'
export const APP_CERTIFICATE = '5CFd2fd1755d40ecb72977518be15d3b'
export const OTHER_CERTIFICATE = '0123456789abcdef0123456789abcdef'
export const ISSUE_TS = 1_700_000_000

/** One service of every known type, with every field set to a non-default value. */
export const everyService: readonly AccessToken2Service[] = [
  { type: 10, privileges: { 1: 60 } },
  { type: 9, privileges: {} },
  {
    type: 8,
    privileges: { 1: 600 },
    userId: 'rtm2-user',
    permissions: { 4: { 1: ['user-a'] }, 0: { 0: ['ch-1', 'ch-2'], 1: [] } },
  },
  { type: 7, privileges: { 2: 600 }, roomUuid: 'room', userUuid: 'user', role: -2 },
  { type: 6, privileges: { 2: 600, 1: 300 }, channelName: 'cdn', account: 'acc' },
  { type: 5, privileges: { 1: 600 }, userId: 'chat-user' },
  { type: 4, privileges: { 1: 600 } },
  { type: 3, privileges: { 1: 600 }, channelName: 'stream', account: '7' },
  { type: 2, privileges: { 1: 600 }, userId: 'rtm-user' },
  { type: 1, privileges: { 1: 600, 4: 900 }, channelName: 'room-1', uid: '42' },
]

/** Options that build a valid token with a single RTC service. */
export function rtcOptions(overrides: Partial<AccessToken2Options> = {}): AccessToken2Options {
  return {
    appId: APP_ID,
    appCertificate: APP_CERTIFICATE,
    issueTs: ISSUE_TS,
    expire: 3600,
    salt: 12345,
    services: [{ type: 1, privileges: { 1: 3600 }, channelName: 'room-1', uid: '42' }],
    ...overrides,
  }
}

/** Wraps raw payload bytes into a token, the way the builder does. */
export function tokenFromPayload(payload: Uint8Array): Promise<string> {
  return Promise.resolve('007' + base64Encode(deflate(payload)))
}

/** Awaits a promise that must reject with an AgoraKeysError and returns it. */
export async function rejectionOf(promise: Promise<unknown>): Promise<AgoraKeysError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(AgoraKeysError)
    return error as AgoraKeysError
  }
  throw new Error('expected the promise to reject')
}
