import { describe, expect, it } from 'vitest'
import {
  buildAccessToken,
  matchAccessTokenCrcs,
  parseAccessToken,
  RtcTokenBuilder,
  RtmTokenBuilder,
  verifyAccessToken,
  type RtcRole,
  type RtmRole,
} from '../../src/access-token/index.js'
import { inputNumber, inputString, loadVectors, type VectorCase } from './load.js'

const vectors = loadVectors('access-token')

/** Returns the uid option of an AccessToken case: a JSON integer is an int uid, a JSON string an account. */
function uidOption(input: Record<string, unknown>): { uid: number } | { account: string } {
  const uid = input.uid
  if (typeof uid === 'number') return { uid }
  if (typeof uid === 'string') return { account: uid }
  throw new TypeError('vector input uid is neither a number nor a string')
}

function privilegesOf(input: Record<string, unknown>): Record<string, number> {
  const privileges = input.privileges
  if (typeof privileges !== 'object' || privileges === null) {
    throw new TypeError('vector input privileges is not an object')
  }
  return privileges as Record<string, number>
}

/** Calls the function a case names, with the case's fixed salt and ts. */
function build(vector: VectorCase): Promise<string> {
  const input = vector.input
  const common = {
    appId: inputString(input, 'appID'),
    appCertificate: inputString(input, 'appCertificate'),
    salt: inputNumber(input, 'salt'),
    ts: inputNumber(input, 'ts'),
  }
  switch (vector.function) {
    case 'AccessToken':
      return buildAccessToken({
        ...common,
        channelName: inputString(input, 'channelName'),
        ...uidOption(input),
        privileges: privilegesOf(input),
      })
    case 'RtcTokenBuilder.buildTokenWithUid':
      return RtcTokenBuilder.buildTokenWithUid({
        ...common,
        channelName: inputString(input, 'channelName'),
        uid: inputNumber(input, 'uid'),
        role: inputNumber(input, 'role') as RtcRole,
        privilegeExpiredTs: inputNumber(input, 'privilegeExpiredTs'),
      })
    case 'RtcTokenBuilder.buildTokenWithAccount':
      return RtcTokenBuilder.buildTokenWithAccount({
        ...common,
        channelName: inputString(input, 'channelName'),
        account: inputString(input, 'account'),
        role: inputNumber(input, 'role') as RtcRole,
        privilegeExpiredTs: inputNumber(input, 'privilegeExpiredTs'),
      })
    case 'RtmTokenBuilder.buildToken':
      return RtmTokenBuilder.buildToken({
        ...common,
        userAccount: inputString(input, 'userAccount'),
        role: inputNumber(input, 'role') as RtmRole,
        privilegeExpiredTs: inputNumber(input, 'privilegeExpiredTs'),
      })
    default:
      throw new Error(`unknown vector function ${vector.function}`)
  }
}

/** Returns the channel name and uid or account that a case signs, for the parser and verifier checks. */
function signedTarget(vector: VectorCase): { channelName: string; uid?: number; account?: string } {
  const input = vector.input
  switch (vector.function) {
    case 'AccessToken':
      return { channelName: inputString(input, 'channelName'), ...uidOption(input) }
    case 'RtcTokenBuilder.buildTokenWithUid':
      return { channelName: inputString(input, 'channelName'), uid: inputNumber(input, 'uid') }
    case 'RtcTokenBuilder.buildTokenWithAccount':
      return { channelName: inputString(input, 'channelName'), account: inputString(input, 'account') }
    default:
      return { channelName: inputString(input, 'userAccount') }
  }
}

const cases = vectors.cases.map((vector) => [vector.name, vector] as const)

describe('access-token vectors', () => {
  it('has cases of every function', () => {
    const functions = new Set(vectors.cases.map((vector) => vector.function))
    expect(functions).toEqual(
      new Set([
        'AccessToken',
        'RtcTokenBuilder.buildTokenWithUid',
        'RtcTokenBuilder.buildTokenWithAccount',
        'RtmTokenBuilder.buildToken',
      ]),
    )
  })

  it.each(cases)('builds %s', async (_name, vector) => {
    expect(await build(vector)).toBe(vector.expected)
  })

  it.each(cases)('parses %s', (_name, vector) => {
    const fields = parseAccessToken(vector.expected)
    expect(fields.version).toBe('006')
    expect(fields.appId).toBe(inputString(vector.input, 'appID'))
    expect(fields.salt).toBe(inputNumber(vector.input, 'salt'))
    expect(fields.ts).toBe(inputNumber(vector.input, 'ts'))
    expect(fields.signature).toMatch(/^[0-9a-f]{64}$/)
    if (vector.function === 'AccessToken') {
      const stored = Object.fromEntries(fields.privileges.map((entry) => [entry.id, entry.expireTimestamp]))
      expect(stored).toEqual(privilegesOf(vector.input))
    }
    const ids = fields.privileges.map((entry) => entry.id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect(matchAccessTokenCrcs(fields, signedTarget(vector))).toEqual({ channelName: true, uid: true })
  })

  it.each(cases)('verifies %s', async (_name, vector) => {
    const result = await verifyAccessToken(vector.expected, {
      appCertificate: inputString(vector.input, 'appCertificate'),
      appId: inputString(vector.input, 'appID'),
      ...signedTarget(vector),
    })
    const codes = result.reasons.map((reason) => reason.code)
    // The fixed ts of many cases lies in the past, so only the expiry checks may fail.
    expect(codes.filter((code) => code !== 'token-expired' && code !== 'privilege-expired')).toEqual([])
  })
})
