import { describe, expect, it } from 'vitest'
import { base64Decode, hexEncode } from '../../src/bytes/index.js'
import { inflate } from '../../src/compress/index.js'
import {
  ApaasTokenBuilder,
  ChatTokenBuilder2,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  FpaTokenBuilder,
  RtcTokenBuilder2,
  RtmTokenBuilder2,
  SttTokenBuilder,
} from '../../src/access-token2/index.js'
import { inputString, loadVectors, type VectorCase } from './load.js'

/**
 * Each vector function name (the python3 reference's, e.g. RtcTokenBuilder2.build_token_with_uid)
 * and the builder of this library that implements it. Every builder reads its fields from the
 * vector input, whose names are already the camelCase option names except appID.
 */
const builders: Readonly<Record<string, (options: never) => Promise<string>>> = {
  'RtcTokenBuilder2.build_token_with_uid': RtcTokenBuilder2.buildTokenWithUid,
  'RtcTokenBuilder2.build_token_with_user_account': RtcTokenBuilder2.buildTokenWithUserAccount,
  'RtcTokenBuilder2.build_token_with_uid_and_privilege': RtcTokenBuilder2.buildTokenWithUidAndPrivilege,
  'RtcTokenBuilder2.build_token_with_user_account_and_privilege':
    RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege,
  'RtcTokenBuilder2.build_token_with_rtm': RtcTokenBuilder2.buildTokenWithRtm,
  'RtcTokenBuilder2.build_token_with_rtm2': RtcTokenBuilder2.buildTokenWithRtm2,
  'RtmTokenBuilder2.build_token': RtmTokenBuilder2.buildToken,
  'RtmTokenBuilder2.build_token_with_permissions': RtmTokenBuilder2.buildTokenWithPermissions,
  'ChatTokenBuilder2.build_user_token': ChatTokenBuilder2.buildUserToken,
  'ChatTokenBuilder2.build_app_token': ChatTokenBuilder2.buildAppToken,
  'FpaTokenBuilder.build_token': FpaTokenBuilder.buildToken,
  'ApaasTokenBuilder.build_room_user_token': ApaasTokenBuilder.buildRoomUserToken,
  'ApaasTokenBuilder.build_user_token': ApaasTokenBuilder.buildUserToken,
  'ApaasTokenBuilder.build_app_token': ApaasTokenBuilder.buildAppToken,
  'EducationTokenBuilder.build_room_user_token': EducationTokenBuilder.buildRoomUserToken,
  'EducationTokenBuilder.build_user_token': EducationTokenBuilder.buildUserToken,
  'EducationTokenBuilder.build_app_token': EducationTokenBuilder.buildAppToken,
  'ConvoAITokenBuilder.build_token': ConvoAITokenBuilder.buildToken,
  'SttTokenBuilder.build_token': SttTokenBuilder.buildToken,
}

/** The 64 KiB payload cap of the parser, so inflating a vector token cannot run away. */
const MAX_PAYLOAD_BYTES = 65_536

async function payloadHex(token: string): Promise<string> {
  expect(token.startsWith('007')).toBe(true)
  return hexEncode(await inflate(base64Decode(token.slice(3), 'token'), MAX_PAYLOAD_BYTES))
}

async function buildFromVector(vector: VectorCase): Promise<string> {
  const build = builders[vector.function]
  if (build === undefined) throw new Error(`no builder is mapped for ${vector.function}`)
  // The vector spells the App ID appID; every other input name is already the option name.
  const options: Record<string, unknown> = { ...vector.input, appId: inputString(vector.input, 'appID') }
  delete options.appID
  return build(options as never)
}

const shared = loadVectors('access-token2')
const sharedBuilderCases = shared.cases.filter((c) => c.function !== 'AccessToken2')
const extra = loadVectors('access-token2-extra')

describe('access-token2 builder vectors', () => {
  it('has builder cases in both files', () => {
    expect(sharedBuilderCases.length).toBeGreaterThan(0)
    expect(extra.cases.length).toBeGreaterThan(0)
  })

  it('maps every vector function', () => {
    const functions = new Set([...sharedBuilderCases, ...extra.cases].map((c) => c.function))
    for (const name of functions) expect(Object.keys(builders)).toContain(name)
  })

  it.each(sharedBuilderCases.map((c) => [c.name, c] as const))('shared: %s', async (_name, vector) => {
    const token = await buildFromVector(vector)
    expect(await payloadHex(token)).toBe(vector.payloadHex)
  })

  it.each(extra.cases.map((c) => [c.name, c] as const))('extra: %s', async (_name, vector) => {
    const token = await buildFromVector(vector)
    expect(await payloadHex(token)).toBe(vector.payloadHex)
  })

  it('extra payloads match expected tokens', async () => {
    for (const vector of extra.cases) {
      expect(await payloadHex(vector.expected), vector.name).toBe(vector.payloadHex)
    }
  })
})
