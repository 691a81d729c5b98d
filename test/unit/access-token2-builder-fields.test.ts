// The "007" builders report errors on the options their caller passed
// (channelName, account, userUuid, ...), never on the services they build.
import { describe, expect, it } from 'vitest'
import {
  ApaasTokenBuilder,
  ChatTokenBuilder2,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  FpaTokenBuilder,
  RtcRole,
  RtcTokenBuilder2,
  RtmTokenBuilder2,
  SttTokenBuilder,
  buildAccessToken2,
} from '../../src/access-token2/index.js'
import { checkLengthPrefixedString } from '../../src/access-token2/inputs.js'
import { rejectionOf, thrownBy } from './errors-thrown.js'

// Agora's documented sample credentials, as used by the references' own tests.
const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERTIFICATE = '5CFd2fd1755d40ecb72977518be15d3b'
const FIXED = { appId: APP_ID, appCertificate: APP_CERTIFICATE, issueTs: 1_700_000_000, salt: 7 }

/** The maximum string length that a uint16 length prefix allows, and one byte more. */
const MAX_TEXT = 'x'.repeat(65_535)
const OVER_MAX_TEXT = 'x'.repeat(65_536)

type Build = (options: Record<string, unknown>) => Promise<string>

/** A builder, options it accepts, and the text options the token carries. */
interface BuilderCase {
  readonly name: string
  readonly build: Build
  readonly options: Record<string, unknown>
  readonly textOptions: readonly string[]
}

const roleOptions = { ...FIXED, channelName: 'room-1', role: RtcRole.PUBLISHER, tokenExpire: 600, privilegeExpire: 600 }
const privilegeOptions = {
  ...FIXED,
  channelName: 'room-1',
  tokenExpire: 600,
  joinChannelPrivilegeExpire: 600,
  pubAudioPrivilegeExpire: 600,
  pubVideoPrivilegeExpire: 600,
  pubDataStreamPrivilegeExpire: 600,
}
const rtm2Options = {
  ...privilegeOptions,
  rtcAccount: '42',
  rtcRole: RtcRole.PUBLISHER,
  rtcTokenExpire: 600,
  rtmUserId: 'alice',
  rtmTokenExpire: 600,
}
const roomUserOptions = { ...FIXED, roomUuid: 'room-1', userUuid: 'user-1', role: 2, expire: 600 }

/** Widens a typed builder method to the loose signature the table needs. */
function loose(build: (options: never) => Promise<string>): Build {
  return build as Build
}

const builderCases: readonly BuilderCase[] = [
  {
    name: 'RtcTokenBuilder2.buildTokenWithUid',
    build: loose(RtcTokenBuilder2.buildTokenWithUid),
    options: { ...roleOptions, uid: 42 },
    textOptions: ['channelName'],
  },
  {
    name: 'RtcTokenBuilder2.buildTokenWithUserAccount',
    build: loose(RtcTokenBuilder2.buildTokenWithUserAccount),
    options: { ...roleOptions, account: 'alice' },
    textOptions: ['channelName', 'account'],
  },
  {
    name: 'RtcTokenBuilder2.buildTokenWithUidAndPrivilege',
    build: loose(RtcTokenBuilder2.buildTokenWithUidAndPrivilege),
    options: { ...privilegeOptions, uid: 42 },
    textOptions: ['channelName'],
  },
  {
    name: 'RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege',
    build: loose(RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege),
    options: { ...privilegeOptions, account: 'alice' },
    textOptions: ['channelName', 'account'],
  },
  {
    name: 'RtcTokenBuilder2.buildTokenWithRtm',
    build: loose(RtcTokenBuilder2.buildTokenWithRtm),
    options: { ...roleOptions, account: 'alice' },
    textOptions: ['channelName', 'account'],
  },
  {
    name: 'RtcTokenBuilder2.buildTokenWithRtm2',
    build: loose(RtcTokenBuilder2.buildTokenWithRtm2),
    options: rtm2Options,
    textOptions: ['channelName', 'rtcAccount', 'rtmUserId'],
  },
  {
    name: 'ConvoAITokenBuilder.buildToken',
    build: loose(ConvoAITokenBuilder.buildToken),
    options: rtm2Options,
    textOptions: ['channelName', 'rtcAccount', 'rtmUserId'],
  },
  {
    name: 'SttTokenBuilder.buildToken',
    build: loose(SttTokenBuilder.buildToken),
    options: rtm2Options,
    textOptions: ['channelName', 'rtcAccount', 'rtmUserId'],
  },
  {
    name: 'RtmTokenBuilder2.buildToken',
    build: loose(RtmTokenBuilder2.buildToken),
    options: { ...FIXED, userId: 'alice', expire: 600 },
    textOptions: ['userId'],
  },
  {
    name: 'RtmTokenBuilder2.buildTokenWithPermissions',
    build: loose(RtmTokenBuilder2.buildTokenWithPermissions),
    options: { ...FIXED, userId: 'alice', expire: 600, permissions: { 0: { 0: ['news'] } } },
    textOptions: ['userId'],
  },
  {
    name: 'ChatTokenBuilder2.buildUserToken',
    build: loose(ChatTokenBuilder2.buildUserToken),
    options: { ...FIXED, userId: 'carol', expire: 600 },
    textOptions: ['userId'],
  },
  {
    name: 'ApaasTokenBuilder.buildRoomUserToken',
    build: loose(ApaasTokenBuilder.buildRoomUserToken),
    options: roomUserOptions,
    textOptions: ['roomUuid', 'userUuid'],
  },
  {
    name: 'ApaasTokenBuilder.buildUserToken',
    build: loose(ApaasTokenBuilder.buildUserToken),
    options: { ...FIXED, userUuid: 'user-1', expire: 600 },
    textOptions: ['userUuid'],
  },
  {
    name: 'EducationTokenBuilder.buildRoomUserToken',
    build: loose(EducationTokenBuilder.buildRoomUserToken),
    options: roomUserOptions,
    textOptions: ['roomUuid', 'userUuid'],
  },
  {
    name: 'EducationTokenBuilder.buildUserToken',
    build: loose(EducationTokenBuilder.buildUserToken),
    options: { ...FIXED, userUuid: 'user-1', expire: 600 },
    textOptions: ['userUuid'],
  },
]

/** One bad text option of one builder. */
interface OptionCase {
  readonly builder: string
  readonly option: string
  readonly build: Build
  readonly options: Record<string, unknown>
}

const optionCases: readonly OptionCase[] = builderCases.flatMap(({ name, build, options, textOptions }) =>
  textOptions.map((option) => ({ builder: name, option, build, options })),
)

describe('builder option fields', () => {
  it.each(builderCases)('$name accepts its options', async ({ build, options }) => {
    const token = await build(options)
    expect(token.startsWith('007')).toBe(true)
  })

  it.each(optionCases)('$builder rejects $option type', async ({ build, options, option }) => {
    const error = await rejectionOf(() => build({ ...options, [option]: 42 }))
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe(option)
    expect(error.message.startsWith(`${option} must be a string`)).toBe(true)
  })

  it.each(optionCases)('$builder rejects long $option', async ({ build, options, option }) => {
    const error = await rejectionOf(() => build({ ...options, [option]: OVER_MAX_TEXT }))
    expect(error.code).toBe('ERR_VALUE_TOO_LONG')
    expect(error.field).toBe(option)
    expect(error.message.startsWith(`${option} is 65536 bytes`)).toBe(true)
  })

  it.each(optionCases)('$builder caps payload on $option', async ({ build, options, option }) => {
    const error = await rejectionOf(() => build({ ...options, [option]: MAX_TEXT }))
    expect(error.code).toBe('ERR_VALUE_TOO_LONG')
    expect(error.field).toBe(option)
    expect(error.message).toContain(`shorten ${option} (65535 bytes)`)
    expect(error.message).not.toContain('services')
    expect(error.message).not.toContain(APP_CERTIFICATE)
  })
})

describe('builder payload cap', () => {
  it('names the longest option', async () => {
    const options = { ...roleOptions, channelName: 'c'.repeat(30_000), account: 'a'.repeat(40_000) }
    const error = await rejectionOf(() => RtcTokenBuilder2.buildTokenWithUserAccount(options))
    expect(error.code).toBe('ERR_VALUE_TOO_LONG')
    expect(error.field).toBe('account')
    expect(error.message).toContain('shorten account (40000 bytes) or channelName (30000 bytes)')
  })

  it('counts UTF-8 bytes', async () => {
    // 'é' is 2 bytes of UTF-8, so 20,000 of them are 40,000 bytes.
    const options = { ...roleOptions, channelName: 'é'.repeat(20_000), account: 'a'.repeat(30_000) }
    const error = await rejectionOf(() => RtcTokenBuilder2.buildTokenWithUserAccount(options))
    expect(error.field).toBe('channelName')
    expect(error.message).toContain('shorten channelName (40000 bytes) or account (30000 bytes)')
  })

  it('names a shared userUuid', async () => {
    // The room-user token writes userUuid twice: as the APaaS user and as the RTM user id.
    const options = { ...roomUserOptions, userUuid: 'u'.repeat(33_000) }
    const error = await rejectionOf(() => ApaasTokenBuilder.buildRoomUserToken(options))
    expect(error.code).toBe('ERR_VALUE_TOO_LONG')
    expect(error.field).toBe('userUuid')
  })

  it('counts permission names', async () => {
    const permissions = { 0: { 0: ['a'.repeat(40_000)], 1: ['b'.repeat(30_000)] } }
    const error = await rejectionOf(() =>
      RtmTokenBuilder2.buildTokenWithPermissions({ ...FIXED, userId: 'alice', expire: 600, permissions }),
    )
    expect(error.code).toBe('ERR_VALUE_TOO_LONG')
    expect(error.field).toBe('permissions')
    expect(error.message).toContain('shorten permissions (70000 bytes) or userId (5 bytes)')
  })

  it('keeps services for buildAccessToken2', async () => {
    const service = { type: 1 as const, channelName: MAX_TEXT, uid: '', privileges: { 1: 600 } }
    const error = await rejectionOf(() => buildAccessToken2({ ...FIXED, expire: 600, services: [service] }))
    expect(error.code).toBe('ERR_VALUE_TOO_LONG')
    expect(error.field).toBe('services')
    expect(error.message).toContain('grant fewer or shorter services')
  })

  it('fixed-size builders still build', async () => {
    const fpa = await FpaTokenBuilder.buildToken(FIXED)
    const chat = await ChatTokenBuilder2.buildAppToken({ ...FIXED, expire: 600 })
    const apaas = await ApaasTokenBuilder.buildAppToken({ ...FIXED, expire: 600 })
    expect(fpa.startsWith('007')).toBe(true)
    expect(chat.startsWith('007')).toBe(true)
    expect(apaas.startsWith('007')).toBe(true)
  })
})

describe('builder permissions fields', () => {
  const base = { ...FIXED, userId: 'alice', expire: 600 }

  it('rejects names not in an array', async () => {
    const error = await rejectionOf(() =>
      RtmTokenBuilder2.buildTokenWithPermissions({ ...base, permissions: { 0: { 0: 'news' } } as never }),
    )
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('permissions[0][0]')
    expect(error.message.startsWith('permissions[0][0] must be an array')).toBe(true)
  })

  it('rejects a non-object', async () => {
    const error = await rejectionOf(() => RtmTokenBuilder2.buildTokenWithPermissions({ ...base, permissions: null as never }))
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('permissions')
  })

  it('rejects a long name', async () => {
    const permissions = { 3: { 1: ['ok', OVER_MAX_TEXT] } }
    const error = await rejectionOf(() => RtmTokenBuilder2.buildTokenWithPermissions({ ...base, permissions }))
    expect(error.code).toBe('ERR_VALUE_TOO_LONG')
    expect(error.field).toBe('permissions[3][1][1]')
  })

  it('rejects 65536 resource types', async () => {
    const permissions: Record<number, Record<number, string[]>> = {}
    for (let type = 0; type <= 0xffff; type++) permissions[type] = {}
    const error = await rejectionOf(() => RtmTokenBuilder2.buildTokenWithPermissions({ ...base, permissions }))
    expect(error.code).toBe('ERR_VALUE_TOO_LONG')
    expect(error.field).toBe('permissions')
    expect(error.message).toContain('65536 resource types')
  })

  it('rejects 65536 permission types', async () => {
    const byPermission: Record<number, string[]> = {}
    for (let type = 0; type <= 0xffff; type++) byPermission[type] = []
    const error = await rejectionOf(() => RtmTokenBuilder2.buildTokenWithPermissions({ ...base, permissions: { 0: byPermission } }))
    expect(error.code).toBe('ERR_VALUE_TOO_LONG')
    expect(error.field).toBe('permissions[0]')
    expect(error.message).toContain('65536 permission types')
  })
})

describe('checkLengthPrefixedString', () => {
  it.each([
    ['65535 ASCII bytes', 'x'.repeat(65_535)],
    ['65535 bytes of 3-byte characters', '€'.repeat(21_845)],
    ['the empty string', ''],
  ])('accepts %s', (_title, text) => {
    expect(checkLengthPrefixedString(text, 'name')).toBe(text)
  })

  it.each([
    ['65536 ASCII bytes', 'x'.repeat(65_536), 65_536],
    ['21846 3-byte characters', '€'.repeat(21_846), 65_538],
    ['32768 2-byte characters', 'é'.repeat(32_768), 65_536],
    ['16384 surrogate pairs', '😀'.repeat(16_384), 65_536],
  ])('rejects %s', (_title, text, bytes) => {
    const error = thrownBy(() => checkLengthPrefixedString(text, 'name'))
    expect(error.code).toBe('ERR_VALUE_TOO_LONG')
    expect(error.field).toBe('name')
    expect(error.message).toContain(`name is ${String(bytes)} bytes`)
  })

  it('rejects a non-string', () => {
    const error = thrownBy(() => checkLengthPrefixedString(7, 'name'))
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('name')
  })
})
