import { describe, expect, it } from 'vitest'
import {
  ApaasTokenBuilder,
  ChatTokenBuilder2,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  FpaTokenBuilder,
  RtcTokenBuilder,
  RtcTokenBuilder2,
  RtmTokenBuilder,
  RtmTokenBuilder2,
  SttTokenBuilder,
  buildAccessToken,
  buildAccessToken2,
  buildAccessToken2Payload,
  checkChannelName,
  dynamicKey,
  dynamicKey2,
  dynamicKey3,
  dynamicKey4,
  dynamicKey5,
  matchAccessTokenCrcs,
  parseAccessToken,
  parseAccessToken2,
  parseKey,
  verifyAccessToken,
  verifyAccessToken2,
  verifyKey,
} from '../../src/index.js'
import { MAX_QUOTED_STRING_LENGTH, quoteString } from '../../src/validate.js'
import { loadVectors } from '../vectors/load.js'

/** A stand-in App Certificate: 32 hex characters that no vector uses. */
const secret = 'c0ffee00d15ea5e5c0ffee00d15ea5e5'

type Call = (options: Record<string, unknown>) => unknown

/** Lets a typed builder take the loose options this test puts together. */
function asCall(call: (options: never) => unknown): Call {
  return call as Call
}

/** Returns the options of the first `name` case in vectors/<kind>.json, with appID renamed to appId. */
function vectorOptions(kind: string, name: string): Record<string, unknown> {
  const vector = loadVectors(kind).cases.find((candidate) => candidate.function === name)
  if (vector === undefined) throw new Error(`vectors/${kind}.json has no ${name} case`)
  const { appID, ...rest } = vector.input
  return { ...rest, appId: appID }
}

/** Wraps a verifier or parser that takes the key first, so the key is one more option. */
function withKey(verify: (key: string, options: never) => unknown): Call {
  return ({ key, ...options }) => verify(key as string, options as never)
}

const appId = '970ca35de60c44645bbae8a215061b33'
const appCertificate = '5cfd2fd1755d40ecb72977518be15d3b'
const now = 1_700_000_000
const channelKeyInputs = { appId, appCertificate, channelName: 'room-1', uid: 42, unixTs: now, expiredTs: now + 60 }
const channelKeyChecks = { appCertificate, channelName: 'room-1', uid: 42, appId, now }

const keys = {
  dynamicKey: await dynamicKey.generate(channelKeyInputs),
  dynamicKey2: await dynamicKey2.generate(channelKeyInputs),
  dynamicKey3: await dynamicKey3.generate(channelKeyInputs),
  dynamicKey4: await dynamicKey4.generateMediaChannelKey(channelKeyInputs),
  dynamicKey5: await dynamicKey5.generateMediaChannelKey(channelKeyInputs),
}
const token006 = await RtcTokenBuilder.buildTokenWithUid({
  ...vectorOptions('access-token', 'RtcTokenBuilder.buildTokenWithUid'),
  appId,
  appCertificate,
} as never)
const token007 = await RtcTokenBuilder2.buildTokenWithUid({
  ...vectorOptions('access-token2', 'RtcTokenBuilder2.build_token_with_uid'),
  appId,
  appCertificate,
} as never)
const tokenChecks = { appCertificate, channelName: 'room-1', uid: 42, appId, now }

/** Every builder, generator, verifier and parser, each with options that it accepts. */
const calls: readonly (readonly [string, Call, Record<string, unknown>])[] = [
  ['dynamicKey.generate', asCall(dynamicKey.generate), vectorOptions('dynamic-key', 'generate')],
  ['dynamicKey2.generate', asCall(dynamicKey2.generate), vectorOptions('dynamic-key2', 'generate')],
  ['dynamicKey3.generate', asCall(dynamicKey3.generate), vectorOptions('dynamic-key3', 'generate')],
  ...(['generateMediaChannelKey', 'generateRecordingKey', 'generatePublicSharingKey'] as const).map(
    (name) => [`dynamicKey4.${name}`, asCall(dynamicKey4[name]), vectorOptions('dynamic-key4', name)] as const,
  ),
  ...(
    [
      'generateMediaChannelKey',
      'generateRecordingKey',
      'generatePublicSharingKey',
      'generateInChannelPermissionKey',
    ] as const
  ).map((name) => [`dynamicKey5.${name}`, asCall(dynamicKey5[name]), vectorOptions('dynamic-key5', name)] as const),
  ['dynamicKey.verify', withKey(dynamicKey.verify), { key: keys.dynamicKey, ...channelKeyChecks }],
  ['dynamicKey2.verify', withKey(dynamicKey2.verify), { key: keys.dynamicKey2, ...channelKeyChecks }],
  ['dynamicKey3.verify', withKey(dynamicKey3.verify), { key: keys.dynamicKey3, ...channelKeyChecks }],
  ['dynamicKey4.verify', withKey(dynamicKey4.verify), { key: keys.dynamicKey4, ...channelKeyChecks }],
  ['dynamicKey5.verify', withKey(dynamicKey5.verify), { key: keys.dynamicKey5, ...channelKeyChecks }],
  ['verifyKey', withKey(verifyKey), { key: keys.dynamicKey3, ...channelKeyChecks }],
  ['parseKey', ({ key }) => parseKey(key as string), { key: keys.dynamicKey5 }],
  ['buildAccessToken', asCall(buildAccessToken), vectorOptions('access-token', 'AccessToken')],
  [
    'RtcTokenBuilder.buildTokenWithUid',
    asCall(RtcTokenBuilder.buildTokenWithUid),
    vectorOptions('access-token', 'RtcTokenBuilder.buildTokenWithUid'),
  ],
  [
    'RtcTokenBuilder.buildTokenWithAccount',
    asCall(RtcTokenBuilder.buildTokenWithAccount),
    vectorOptions('access-token', 'RtcTokenBuilder.buildTokenWithAccount'),
  ],
  ['RtmTokenBuilder.buildToken', asCall(RtmTokenBuilder.buildToken), vectorOptions('access-token', 'RtmTokenBuilder.buildToken')],
  ['verifyAccessToken with uid', withKey(verifyAccessToken), { key: token006, ...tokenChecks }],
  [
    'verifyAccessToken with account',
    withKey(verifyAccessToken),
    { key: token006, appCertificate, channelName: 'room-1', account: 'alice', appId, now },
  ],
  ['parseAccessToken', ({ key }) => parseAccessToken(key as string), { key: token006 }],
  [
    'matchAccessTokenCrcs with uid',
    (target) => matchAccessTokenCrcs(parseAccessToken(token006), target as never),
    { channelName: 'room-1', uid: 42 },
  ],
  [
    'matchAccessTokenCrcs with account',
    (target) => matchAccessTokenCrcs(parseAccessToken(token006), target as never),
    { channelName: 'room-1', account: 'alice' },
  ],
  ['buildAccessToken2', asCall(buildAccessToken2), vectorOptions('access-token2', 'AccessToken2')],
  ['buildAccessToken2Payload', asCall(buildAccessToken2Payload), vectorOptions('access-token2', 'AccessToken2')],
  ['verifyAccessToken2', withKey(verifyAccessToken2), { key: token007, ...tokenChecks, serviceType: 1 }],
  ['parseAccessToken2', ({ key }) => parseAccessToken2(key as string), { key: token007 }],
  ['checkChannelName', ({ name }) => checkChannelName(name as string), { name: 'room-1' }],
  ...builder2Calls(),
]

/** Lists the "007" builders, each with the options of its first case in the vector files. */
function builder2Calls(): (readonly [string, Call, Record<string, unknown>])[] {
  const builders: readonly (readonly [string, string, Call])[] = [
    ['access-token2', 'RtcTokenBuilder2.build_token_with_uid', asCall(RtcTokenBuilder2.buildTokenWithUid)],
    ['access-token2', 'RtcTokenBuilder2.build_token_with_user_account', asCall(RtcTokenBuilder2.buildTokenWithUserAccount)],
    [
      'access-token2',
      'RtcTokenBuilder2.build_token_with_uid_and_privilege',
      asCall(RtcTokenBuilder2.buildTokenWithUidAndPrivilege),
    ],
    [
      'access-token2-extra',
      'RtcTokenBuilder2.build_token_with_user_account_and_privilege',
      asCall(RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege),
    ],
    ['access-token2-extra', 'RtcTokenBuilder2.build_token_with_rtm', asCall(RtcTokenBuilder2.buildTokenWithRtm)],
    ['access-token2-extra', 'RtcTokenBuilder2.build_token_with_rtm2', asCall(RtcTokenBuilder2.buildTokenWithRtm2)],
    ['access-token2', 'RtmTokenBuilder2.build_token', asCall(RtmTokenBuilder2.buildToken)],
    [
      'access-token2-extra',
      'RtmTokenBuilder2.build_token_with_permissions',
      asCall(RtmTokenBuilder2.buildTokenWithPermissions),
    ],
    ['access-token2', 'ChatTokenBuilder2.build_user_token', asCall(ChatTokenBuilder2.buildUserToken)],
    ['access-token2', 'ChatTokenBuilder2.build_app_token', asCall(ChatTokenBuilder2.buildAppToken)],
    ['access-token2-extra', 'FpaTokenBuilder.build_token', asCall(FpaTokenBuilder.buildToken)],
    ['access-token2-extra', 'ApaasTokenBuilder.build_room_user_token', asCall(ApaasTokenBuilder.buildRoomUserToken)],
    ['access-token2-extra', 'ApaasTokenBuilder.build_user_token', asCall(ApaasTokenBuilder.buildUserToken)],
    ['access-token2-extra', 'ApaasTokenBuilder.build_app_token', asCall(ApaasTokenBuilder.buildAppToken)],
    [
      'access-token2-extra',
      'EducationTokenBuilder.build_room_user_token',
      asCall(EducationTokenBuilder.buildRoomUserToken),
    ],
    ['access-token2-extra', 'EducationTokenBuilder.build_user_token', asCall(EducationTokenBuilder.buildUserToken)],
    ['access-token2-extra', 'EducationTokenBuilder.build_app_token', asCall(EducationTokenBuilder.buildAppToken)],
    ['access-token2-extra', 'ConvoAITokenBuilder.build_token', asCall(ConvoAITokenBuilder.buildToken)],
    ['access-token2-extra', 'SttTokenBuilder.build_token', asCall(SttTokenBuilder.buildToken)],
  ]
  return builders.map(([kind, name, call]) => [name, call, vectorOptions(kind, name)] as const)
}

/** Options whose values are objects, with the secret put in one of their keys. */
const nestedCases: readonly (readonly [string, Call, Record<string, unknown>])[] = [
  [
    'buildAccessToken privileges key',
    asCall(buildAccessToken),
    { ...vectorOptions('access-token', 'AccessToken'), privileges: { [secret]: 0 } },
  ],
  [
    'buildAccessToken privileges Map key',
    asCall(buildAccessToken),
    { ...vectorOptions('access-token', 'AccessToken'), privileges: new Map([[secret, 0]]) },
  ],
  [
    'buildAccessToken2 privileges key',
    asCall(buildAccessToken2),
    {
      ...vectorOptions('access-token2', 'AccessToken2'),
      services: [{ type: 1, channelName: 'room-1', uid: '42', privileges: { [secret]: 600 } }],
    },
  ],
  [
    'buildAccessToken2 permissions key',
    asCall(buildAccessToken2),
    {
      ...vectorOptions('access-token2', 'AccessToken2'),
      services: [{ type: 8, userId: 'user-1', privileges: { 1: 600 }, permissions: { [secret]: { 0: ['a'] } } }],
    },
  ],
]

interface Outcome {
  /** Every text a caller may log: the error's message, field and cause, or the result's messages. */
  readonly texts: readonly string[]
  /** Whether the call rejected the input or reported a problem, so its texts had a chance to leak. */
  readonly reported: boolean
}

async function outcomeOf(call: Call, options: Record<string, unknown>): Promise<Outcome> {
  let value: unknown
  try {
    value = await call(options)
  } catch (error) {
    expect(error).toBeInstanceOf(Error)
    const { message, stack, cause, field } = error as Error & { field?: unknown }
    const causeText = cause instanceof Error ? `${cause.message} ${cause.stack ?? ''}` : String(cause)
    return { texts: [message, stack ?? '', String(field), causeText], reported: true }
  }
  if (typeof value !== 'object' || value === null) return { texts: [], reported: false }
  const messages = ['reasons', 'problems'].flatMap((name) => {
    const list = (value as Record<string, unknown>)[name]
    return Array.isArray(list) ? list.map((entry) => JSON.stringify(entry)) : []
  })
  return { texts: messages, reported: messages.length > 0 }
}

function expectNoSecret(texts: readonly string[], where: string): void {
  for (const text of texts) expect(text.toLowerCase(), where).not.toContain(secret)
}

/** Calls for which the secret is a valid value of every option, so no message is made. */
const acceptsAnyString = new Set(['matchAccessTokenCrcs with account', 'checkChannelName'])

describe('secret passed in the wrong option', () => {
  it.each(calls)('%s never echoes it', async (name, call, options) => {
    let reported = 0
    for (const option of Object.keys(options)) {
      const outcome = await outcomeOf(call, { ...options, [option]: secret })
      expectNoSecret(outcome.texts, option)
      if (outcome.reported) reported++
    }
    // Unless every option accepts the secret, one must reject it, or the loop checked no message.
    if (acceptsAnyString.has(name)) expect(reported).toBe(0)
    else expect(reported).toBeGreaterThan(0)
  })

  it.each(nestedCases)('%s is not echoed', async (_name, call, options) => {
    const outcome = await outcomeOf(call, options)
    expect(outcome.reported).toBe(true)
    expectNoSecret(outcome.texts, 'options')
  })
})

describe('quoteString', () => {
  it('quotes short strings as JSON', () => {
    expect(quoteString('room-1')).toBe('"room-1"')
    expect(quoteString('')).toBe('""')
    expect(quoteString('a\nb')).toBe('"a\\nb"')
  })

  it('quotes up to the maximum', () => {
    const longest = 'x'.repeat(MAX_QUOTED_STRING_LENGTH)
    expect(quoteString(longest)).toBe(JSON.stringify(longest))
  })

  it('hides longer strings', () => {
    const text = 'x'.repeat(MAX_QUOTED_STRING_LENGTH + 1)
    expect(quoteString(text)).toBe(`[${String(text.length)} characters, not shown]`)
    expect(quoteString(secret)).toBe('[32 characters, not shown]')
  })
})
