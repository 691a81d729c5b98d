import { describe, expect, it } from 'vitest'
import { RtcRole, RtcTokenBuilder, RtmTokenBuilder } from '../../src/access-token/index.js'
import {
  ChatTokenBuilder2,
  RtcRole as RtcRole2,
  RtcTokenBuilder2,
  RtmTokenBuilder2,
} from '../../src/access-token2/index.js'
import { loadVectors, type VectorCase } from '../vectors/load.js'
import { appId, certificate, certificateEnv, payloadHex } from './fixtures.js'
import { ERROR_LINE, runCli } from './process.js'

/** Shape of `generate --json` output. */
interface JsonOutput {
  kind: string
  version: string
  service: string
  inputs: Record<string, string | number>
  key: string
}

const credentials = { appId, appCertificate: certificate }
const fixed = ['--salt=7', '--ts=1700003600']
const fixed2 = ['--salt=7', '--issue-ts=1700000000']

async function generate(args: readonly string[]): Promise<string> {
  const run = await runCli(['generate', ...args, `--app-id=${appId}`], certificateEnv)
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  return run.stdout.trimEnd()
}

describe.concurrent('cli generate access-token', () => {
  const rtc = { ...credentials, channelName: 'room-1', salt: 7, ts: 1700003600, privilegeExpiredTs: 1700001800 }

  it('matches buildTokenWithUid', async () => {
    const roles = [
      ['publisher', RtcRole.PUBLISHER],
      ['subscriber', RtcRole.SUBSCRIBER],
      ['attendee', RtcRole.ATTENDEE],
      ['admin', RtcRole.ADMIN],
    ] as const
    for (const [name, role] of roles) {
      const args = ['access-token', '--channel=room-1', '--uid=-1', `--role=${name}`, '--privilege-expired-ts=1700001800', ...fixed]
      expect(await generate(args), name).toBe(await RtcTokenBuilder.buildTokenWithUid({ ...rtc, uid: 4294967295, role }))
    }
  })

  it('defaults to publisher and uid 0', async () => {
    const token = await generate(['access-token', '--channel=room-1', ...fixed])
    expect(token).toBe(await RtcTokenBuilder.buildTokenWithUid({ ...rtc, privilegeExpiredTs: 0, uid: 0, role: RtcRole.PUBLISHER }))
  })

  it('matches buildTokenWithAccount', async () => {
    const args = ['access-token', '--channel=room-1', '--account=alice', '--role=subscriber', '--privilege-expired-ts=1700001800', ...fixed]
    expect(await generate(args)).toBe(
      await RtcTokenBuilder.buildTokenWithAccount({ ...rtc, account: 'alice', role: RtcRole.SUBSCRIBER }),
    )
  })

  it('matches the RTM builder', async () => {
    const args = ['access-token', '--service=rtm', '--user-id=alice', '--privilege-expired-ts=1700001800', ...fixed]
    expect(await generate(args)).toBe(
      await RtmTokenBuilder.buildToken({ ...credentials, userAccount: 'alice', privilegeExpiredTs: 1700001800, salt: 7, ts: 1700003600 }),
    )
  })

  it('prints the defaults as JSON', async () => {
    const run = await runCli(['generate', 'access-token', `--app-id=${appId}`, '--channel=room-1', '--uid=42', '--json'], certificateEnv)
    expect(run.status).toBe(0)
    const output = JSON.parse(run.stdout) as JsonOutput
    expect(output.kind).toBe('access-token')
    expect(output.version).toBe('006')
    expect(output.service).toBe('rtc')
    const { salt, ts } = output.inputs
    expect(output.inputs).toEqual({
      appId,
      appCertificate: '[redacted]',
      appCertificateSource: 'AGORA_APP_CERTIFICATE',
      channelName: 'room-1',
      uid: 42,
      role: 'publisher',
      privilegeExpiredTs: 0,
      salt,
      ts,
    })
    expect(salt).toBeGreaterThanOrEqual(1)
    expect(salt).toBeLessThanOrEqual(99999999)
    const expected = await RtcTokenBuilder.buildTokenWithUid({
      ...credentials,
      channelName: 'room-1',
      uid: 42,
      role: RtcRole.PUBLISHER,
      salt: Number(salt),
      ts: Number(ts),
    })
    expect(output.key).toBe(expected)
  })
})

describe.concurrent('cli generate access-token2', () => {
  const rtc = { ...credentials, channelName: 'room-1', issueTs: 1700000000, salt: 7 }

  it('matches buildTokenWithUid', async () => {
    for (const [name, role] of [['publisher', RtcRole2.PUBLISHER], ['subscriber', RtcRole2.SUBSCRIBER]] as const) {
      const args = ['access-token2', '--channel=room-1', '--uid=42', `--role=${name}`, '--token-expire=600', '--privilege-expire=300', ...fixed2]
      expect(await generate(args), name).toBe(
        await RtcTokenBuilder2.buildTokenWithUid({ ...rtc, uid: 42, role, tokenExpire: 600, privilegeExpire: 300 }),
      )
    }
  })

  it('defaults the expiries', async () => {
    const token = await generate(['access-token2', '--channel=room-1', ...fixed2])
    expect(token).toBe(
      await RtcTokenBuilder2.buildTokenWithUid({ ...rtc, uid: 0, role: RtcRole2.PUBLISHER, tokenExpire: 3600, privilegeExpire: 3600 }),
    )
  })

  it('matches buildTokenWithUserAccount', async () => {
    const args = ['access-token2', '--channel=room-1', '--account=alice', '--role=subscriber', '--token-expire=600', ...fixed2]
    expect(await generate(args)).toBe(
      await RtcTokenBuilder2.buildTokenWithUserAccount({
        ...rtc,
        account: 'alice',
        role: RtcRole2.SUBSCRIBER,
        tokenExpire: 600,
        privilegeExpire: 600,
      }),
    )
  })

  it('matches the privilege builders', async () => {
    const perPrivilege = ['--join-channel-expire=900', '--publish-video-expire=60', '--privilege-expire=300']
    const expiries = {
      tokenExpire: 3600,
      joinChannelPrivilegeExpire: 900,
      pubAudioPrivilegeExpire: 300,
      pubVideoPrivilegeExpire: 60,
      pubDataStreamPrivilegeExpire: 300,
    }
    const withUid = await generate(['access-token2', '--channel=room-1', '--uid=42', ...perPrivilege, ...fixed2])
    expect(withUid).toBe(await RtcTokenBuilder2.buildTokenWithUidAndPrivilege({ ...rtc, uid: 42, ...expiries }))
    const withAccount = await generate(['access-token2', '--channel=room-1', '--account=bob', ...perPrivilege, ...fixed2])
    expect(withAccount).toBe(
      await RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege({ ...rtc, account: 'bob', ...expiries }),
    )
  })

  it('matches the RTM and Chat builders', async () => {
    const options = { ...credentials, issueTs: 1700000000, salt: 7, expire: 600 }
    const rtm = await generate(['access-token2', '--service=rtm', '--user-id=alice', '--token-expire=600', ...fixed2])
    expect(rtm).toBe(await RtmTokenBuilder2.buildToken({ ...options, userId: 'alice' }))
    const user = await generate(['access-token2', '--service=chat-user', '--user-id=alice', '--token-expire=600', ...fixed2])
    expect(user).toBe(await ChatTokenBuilder2.buildUserToken({ ...options, userId: 'alice' }))
    const app = await generate(['access-token2', '--service=chat-app', '--token-expire=600', ...fixed2])
    expect(app).toBe(await ChatTokenBuilder2.buildAppToken(options))
  })

  it('prints the defaults as JSON', async () => {
    const run = await runCli(['generate', 'access-token2', `--app-id=${appId}`, '--service=rtm', '--user-id=alice', '--json'], certificateEnv)
    expect(run.status).toBe(0)
    const output = JSON.parse(run.stdout) as JsonOutput
    expect(output.kind).toBe('access-token2')
    expect(output.version).toBe('007')
    expect(output.service).toBe('rtm')
    const { issueTs, salt } = output.inputs
    expect(output.inputs).toEqual({
      appId,
      appCertificate: '[redacted]',
      appCertificateSource: 'AGORA_APP_CERTIFICATE',
      userId: 'alice',
      issueTs,
      salt,
      tokenExpire: 3600,
    })
    const expected = await RtmTokenBuilder2.buildToken({
      ...credentials,
      userId: 'alice',
      expire: 3600,
      issueTs: Number(issueTs),
      salt: Number(salt),
    })
    expect(output.key).toBe(expected)
  })
})

/** The command line of each builder function in the vectors. */
const builderArgs: Readonly<Record<string, (input: Record<string, unknown>) => string[]>> = {
  'RtcTokenBuilder.buildTokenWithUid': (input) => [
    'access-token',
    `--uid=${String(input.uid)}`,
    ...rtcArgs(input),
    `--privilege-expired-ts=${String(input.privilegeExpiredTs)}`,
    `--ts=${String(input.ts)}`,
  ],
  'RtcTokenBuilder.buildTokenWithAccount': (input) => [
    'access-token',
    `--account=${String(input.account)}`,
    ...rtcArgs(input),
    `--privilege-expired-ts=${String(input.privilegeExpiredTs)}`,
    `--ts=${String(input.ts)}`,
  ],
  'RtmTokenBuilder.buildToken': (input) => [
    'access-token',
    '--service=rtm',
    `--user-id=${String(input.userAccount)}`,
    `--privilege-expired-ts=${String(input.privilegeExpiredTs)}`,
    `--ts=${String(input.ts)}`,
  ],
  'RtcTokenBuilder2.build_token_with_uid': (input) => [
    'access-token2',
    `--uid=${String(input.uid)}`,
    ...rtcArgs(input),
    `--token-expire=${String(input.tokenExpire)}`,
    `--privilege-expire=${String(input.privilegeExpire)}`,
    `--issue-ts=${String(input.issueTs)}`,
  ],
  'RtcTokenBuilder2.build_token_with_user_account': (input) => [
    'access-token2',
    `--account=${String(input.account)}`,
    ...rtcArgs(input),
    `--token-expire=${String(input.tokenExpire)}`,
    `--privilege-expire=${String(input.privilegeExpire)}`,
    `--issue-ts=${String(input.issueTs)}`,
  ],
  'RtcTokenBuilder2.build_token_with_uid_and_privilege': (input) => [
    'access-token2',
    `--uid=${String(input.uid)}`,
    `--channel=${String(input.channelName)}`,
    `--token-expire=${String(input.tokenExpire)}`,
    `--join-channel-expire=${String(input.joinChannelPrivilegeExpire)}`,
    `--publish-audio-expire=${String(input.pubAudioPrivilegeExpire)}`,
    `--publish-video-expire=${String(input.pubVideoPrivilegeExpire)}`,
    `--publish-data-expire=${String(input.pubDataStreamPrivilegeExpire)}`,
    `--issue-ts=${String(input.issueTs)}`,
  ],
  'RtmTokenBuilder2.build_token': (input) => [
    'access-token2',
    '--service=rtm',
    `--user-id=${String(input.userId)}`,
    `--token-expire=${String(input.expire)}`,
    `--issue-ts=${String(input.issueTs)}`,
  ],
  'ChatTokenBuilder2.build_user_token': (input) => [
    'access-token2',
    '--service=chat-user',
    `--user-id=${String(input.userId)}`,
    `--token-expire=${String(input.expire)}`,
    `--issue-ts=${String(input.issueTs)}`,
  ],
  'ChatTokenBuilder2.build_app_token': (input) => [
    'access-token2',
    '--service=chat-app',
    `--token-expire=${String(input.expire)}`,
    `--issue-ts=${String(input.issueTs)}`,
  ],
}

/** --role names of the role values in the vectors. */
const roleNames: Readonly<Record<number, string>> = { 0: 'attendee', 1: 'publisher', 2: 'subscriber', 101: 'admin' }

function rtcArgs(input: Record<string, unknown>): string[] {
  const role = roleNames[Number(input.role)]
  if (role === undefined) throw new TypeError(`vector role ${String(input.role)} has no --role name`)
  return [`--channel=${String(input.channelName)}`, `--role=${role}`]
}

function builderCases(kind: string): VectorCase[] {
  return loadVectors(kind).cases.filter((vector) => vector.function in builderArgs)
}

describe.concurrent('cli generate token vectors', () => {
  const cases = [...builderCases('access-token'), ...builderCases('access-token2')]

  it('covers every builder', () => {
    const functions = new Set(cases.map((vector) => vector.function))
    expect([...functions].sort()).toEqual(Object.keys(builderArgs).sort())
  })

  it.each(cases.map((vector) => [vector.name, vector] as const))('%s', async (_name, vector) => {
    const build = builderArgs[vector.function]
    if (build === undefined) throw new TypeError(`no command line for ${vector.function}`)
    const args = [
      'generate',
      ...build(vector.input),
      `--app-id=${String(vector.input.appID)}`,
      `--salt=${String(vector.input.salt)}`,
    ]
    const run = await runCli(args, { AGORA_APP_CERTIFICATE: String(vector.input.appCertificate) })
    expect(run.status).toBe(0)
    const token = run.stdout.trimEnd()
    // "007" tokens compare by payload, because deflate output differs between zlib builds.
    if (token.startsWith('007')) expect(payloadHex(token)).toBe(vector.payloadHex)
    else expect(token).toBe(vector.expected)
  })
})

/** Bad token command lines: each exits with status 2 and one error line with this code. */
const badInputs: readonly (readonly [string, readonly string[], string])[] = [
  ['"006" without channel', ['access-token', '--uid=1'], 'ERR_INVALID_ARGUMENT'],
  ['"006" uid and account', ['access-token', '--channel=a', '--uid=1', '--account=b'], 'ERR_INVALID_ARGUMENT'],
  ['"006" unknown role', ['access-token', '--channel=a', '--role=owner'], 'ERR_INVALID_ARGUMENT'],
  ['"006" duration expiry', ['access-token', '--channel=a', '--privilege-expired-ts=3600'], 'ERR_EXPIRE_LOOKS_LIKE_DURATION'],
  ['"006" millisecond ts', ['access-token', '--channel=a', '--ts=1700000000000'], 'ERR_TIMESTAMP_IN_MILLISECONDS'],
  ['"006" rtm without user', ['access-token', '--service=rtm'], 'ERR_INVALID_ARGUMENT'],
  ['"006" rtm with channel', ['access-token', '--service=rtm', '--user-id=a', '--channel=b'], 'ERR_INVALID_ARGUMENT'],
  ['"006" rtc with user', ['access-token', '--channel=a', '--user-id=b'], 'ERR_INVALID_ARGUMENT'],
  ['"006" chat service', ['access-token', '--service=chat-user', '--user-id=a'], 'ERR_INVALID_ARGUMENT'],
  ['"006" salt above uint32', ['access-token', '--channel=a', '--salt=4294967296'], 'ERR_INVALID_INTEGER'],
  ['"006" option of "007"', ['access-token', '--channel=a', '--token-expire=60'], 'ERR_INVALID_ARGUMENT'],
  ['"007" "006" role', ['access-token2', '--channel=a', '--role=admin'], 'ERR_INVALID_ARGUMENT'],
  ['"007" timestamp expire', ['access-token2', '--channel=a', '--token-expire=1700000000'], 'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP'],
  ['"007" timestamp privilege', ['access-token2', '--channel=a', '--privilege-expire=1700000000'], 'ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP'],
  ['"007" role with privileges', ['access-token2', '--channel=a', '--role=publisher', '--join-channel-expire=60'], 'ERR_INVALID_ARGUMENT'],
  ['"007" rtm with uid', ['access-token2', '--service=rtm', '--user-id=a', '--uid=1'], 'ERR_INVALID_ARGUMENT'],
  ['"007" chat-app with user', ['access-token2', '--service=chat-app', '--user-id=a'], 'ERR_INVALID_ARGUMENT'],
  ['"007" chat-user without user', ['access-token2', '--service=chat-user'], 'ERR_INVALID_ARGUMENT'],
  ['"007" negative expire', ['access-token2', '--channel=a', '--token-expire=-1'], 'ERR_INVALID_INTEGER'],
  ['"007" option of "006"', ['access-token2', '--channel=a', '--ts=1'], 'ERR_INVALID_ARGUMENT'],
]

describe.concurrent('cli generate token rejects', () => {
  it.each(badInputs)('%s', async (_name, args, code) => {
    const run = await runCli(['generate', ...args, `--app-id=${appId}`], certificateEnv)
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(ERROR_LINE.exec(run.stderr)?.[1]).toBe(code)
  })
})
