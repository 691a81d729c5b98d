import { describe, expect, it } from 'vitest'
import { RtcRole, RtcTokenBuilder, RtmTokenBuilder } from '../../src/access-token/index.js'
import {
  buildAccessToken2,
  RtcRole as RtcRole2,
  RtcTokenBuilder2,
  ServiceType,
} from '../../src/access-token2/index.js'
import { generate as generateDynamicKey2 } from '../../src/dynamic-key2/index.js'
import { generateMediaChannelKey } from '../../src/dynamic-key5/index.js'
import { appId, certificate, craftAccessToken, craftAccessToken2 } from './fixtures.js'
import { ERROR_LINE, runCli } from './process.js'

interface InspectJson {
  comparisons: { option: string; value: string; matches: boolean | null }[]
  warnings: { code: string; message: string }[]
}

async function inspect(key: string, ...options: string[]): Promise<InspectJson> {
  const run = await runCli(['inspect', key, '--json', ...options])
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  return JSON.parse(run.stdout) as InspectJson
}

async function warningCodes(key: string, ...options: string[]): Promise<string[]> {
  return (await inspect(key, ...options)).warnings.map((warning) => warning.code)
}

const credentials = { appId, appCertificate: certificate }
/** Issue time of every test key: 2023-11-14T22:13:20Z. */
const issued = 1_700_000_000
const nowAt = (seconds: number): string => `--now=${String(seconds)}`

function rtcToken2(options: { uid?: number; account?: string; tokenExpire?: number; privilegeExpire?: number }): Promise<string> {
  const common = {
    ...credentials,
    channelName: 'room-1',
    role: RtcRole2.PUBLISHER,
    tokenExpire: options.tokenExpire ?? 3600,
    privilegeExpire: options.privilegeExpire ?? 3600,
    issueTs: issued,
    salt: 1,
  }
  return options.account === undefined
    ? RtcTokenBuilder2.buildTokenWithUid({ ...common, uid: options.uid ?? 42 })
    : RtcTokenBuilder2.buildTokenWithUserAccount({ ...common, account: options.account })
}

describe.concurrent('cli inspect "007" warnings', () => {
  it('passes a sound token', async () => {
    expect(await warningCodes(await rtcToken2({}), nowAt(issued + 10))).toEqual([])
  })

  it('flags uid 0', async () => {
    const output = await inspect(await rtcToken2({ uid: 0 }), nowAt(issued + 10), '--uid=5')
    expect(output.warnings.map((warning) => warning.code)).toEqual(['uid-zero'])
    expect(output.comparisons).toMatchObject([{ option: '--uid', value: '5', matches: true }])
  })

  it('flags the account "0"', async () => {
    const output = await inspect(await rtcToken2({ account: '0' }), nowAt(issued + 10), '--uid=0')
    expect(output.warnings.map((warning) => warning.code)).toEqual(['uid-account-zero'])
    expect(output.comparisons).toMatchObject([{ option: '--uid', value: '0', matches: false }])
  })

  it('flags non-integer digit uids', async () => {
    for (const account of ['-1', '042', '4294967296']) {
      expect(await warningCodes(await rtcToken2({ account }), nowAt(issued + 10)), account).toEqual(['uid-not-integer'])
    }
    expect(await warningCodes(await rtcToken2({ account: '4294967295' }), nowAt(issued + 10))).toEqual([])
    expect(await warningCodes(await rtcToken2({ account: 'alice' }), nowAt(issued + 10))).toEqual([])
  })

  it('flags an expired token', async () => {
    const token = await rtcToken2({ tokenExpire: 600, privilegeExpire: 600 })
    const output = await inspect(token, nowAt(issued + 720))
    expect(output.warnings.map((warning) => warning.code)).toEqual(['token-expired'])
    expect(output.warnings[0]?.message).toContain('expired 2 minutes ago')
  })

  it('flags a privilege outliving the token', async () => {
    const token = await rtcToken2({ tokenExpire: 600, privilegeExpire: 7200 })
    const codes = await warningCodes(token, nowAt(issued + 10))
    // One warning for each of the four RTC privileges of the publisher.
    expect(codes).toEqual(Array(4).fill('privilege-outlives-token'))
  })

  it('flags an expired privilege', async () => {
    const token = await RtcTokenBuilder2.buildTokenWithUidAndPrivilege({
      ...credentials,
      channelName: 'room-1',
      uid: 42,
      tokenExpire: 3600,
      joinChannelPrivilegeExpire: 3600,
      pubAudioPrivilegeExpire: 60,
      pubVideoPrivilegeExpire: 3600,
      pubDataStreamPrivilegeExpire: 3600,
      issueTs: issued,
      salt: 1,
    })
    const output = await inspect(token, nowAt(issued + 120))
    expect(output.warnings.map((warning) => warning.code)).toEqual(['privilege-expired'])
    expect(output.warnings[0]?.message).toBe('rtc publishAudioStream (2) expired 1 minute ago')
  })

  it('flags odd expire values', async () => {
    const service = { type: ServiceType.rtc, channelName: 'room-1', uid: '42', privileges: { 1: 0 } } as const
    const token = (expire: number): Promise<string> =>
      craftAccessToken2({ issueTs: issued, expire, salt: 1, services: [service] })
    expect(await warningCodes(await token(0), nowAt(issued))).toEqual(['expire-zero'])
    expect(await warningCodes(await token(86401), nowAt(issued))).toEqual(['expire-over-24-hours'])
    expect(await warningCodes(await token(issued + 3600), nowAt(issued))).toEqual(['expire-looks-like-timestamp'])
  })

  it('flags a future issue time', async () => {
    const token = await rtcToken2({})
    expect(await warningCodes(token, nowAt(issued - 300))).toEqual([])
    expect(await warningCodes(token, nowAt(issued - 301))).toEqual(['issued-in-future'])
  })

  it('flags a service that cannot join', async () => {
    const token = await buildAccessToken2({
      ...credentials,
      expire: 600,
      issueTs: issued,
      salt: 1,
      services: [{ type: ServiceType.rtc, channelName: 'room/1', uid: '42', privileges: { 2: 600 } }],
    })
    expect(await warningCodes(token, nowAt(issued))).toEqual(['channel-name-invalid-characters', 'missing-join-privilege'])
  })

  it('compares the channel', async () => {
    const token = await rtcToken2({})
    const output = await inspect(token, nowAt(issued), '--channel=room-2', '--account=42')
    expect(output.comparisons).toMatchObject([
      { option: '--channel', value: 'room-2', matches: false },
      { option: '--account', value: '42', matches: true },
    ])
  })
})

function rtcToken(uid: number, privilegeExpiredTs: number, ts: number): Promise<string> {
  return RtcTokenBuilder.buildTokenWithUid({
    ...credentials,
    channelName: 'room-1',
    uid,
    role: RtcRole.PUBLISHER,
    privilegeExpiredTs,
    salt: 1,
    ts,
  })
}

describe.concurrent('cli inspect "006" warnings', () => {
  it('passes a sound token', async () => {
    expect(await warningCodes(await rtcToken(42, issued + 3600, issued + 7200), nowAt(issued))).toEqual([])
  })

  it('flags uid 0 in RTC only', async () => {
    expect(await warningCodes(await rtcToken(0, 0, issued + 3600), nowAt(issued))).toEqual(['uid-zero'])
    const rtm = await RtmTokenBuilder.buildToken({ ...credentials, userAccount: 'alice', salt: 1, ts: issued + 3600 })
    expect(await warningCodes(rtm, nowAt(issued))).toEqual([])
  })

  it('flags an expired token', async () => {
    const output = await inspect(await rtcToken(42, issued - 10, issued), nowAt(issued + 180))
    expect(output.warnings.map((warning) => warning.code)).toEqual(['token-expired'])
    expect(output.warnings[0]?.message).toBe('the token expired 3 minutes ago (ts)')
  })

  it('flags an expired privilege', async () => {
    const codes = await warningCodes(await rtcToken(42, issued - 10, issued + 3600), nowAt(issued))
    expect(codes).toEqual(Array(4).fill('privilege-expired'))
  })

  it('flags a privilege outliving the token', async () => {
    const codes = await warningCodes(await rtcToken(42, issued + 7200, issued + 3600), nowAt(issued))
    expect(codes).toEqual(Array(4).fill('privilege-outlives-token'))
  })

  it('flags a duration as expiry', async () => {
    const token = await craftAccessToken({
      channelName: 'room-1',
      uidString: '42',
      salt: 1,
      ts: issued + 3600,
      privileges: new Map([[1, 3600]]),
    })
    expect(await warningCodes(token, nowAt(issued))).toEqual(['expire-looks-like-duration'])
  })

  it('compares the CRCs', async () => {
    const token = await rtcToken(42, 0, issued + 3600)
    const right = await inspect(token, nowAt(issued), '--channel=room-1', '--uid=42')
    expect(right.comparisons.map((comparison) => comparison.matches)).toEqual([true, true])
    const wrong = await inspect(token, nowAt(issued), '--channel=room-2', '--account=42')
    expect(wrong.comparisons).toMatchObject([
      { option: '--channel', matches: false },
      // "006" signs uid 42 and the account "42" alike, as the text "42".
      { option: '--account', matches: true },
    ])
    const otherUid = await inspect(token, nowAt(issued), '--uid=43')
    expect(otherUid.comparisons).toMatchObject([{ option: '--uid', value: '43', matches: false }])
  })
})

describe.concurrent('cli inspect Channel Key warnings', () => {
  const keyOptions = { ...credentials, channelName: 'room-1', unixTs: issued, randomInt: 7 }

  it('passes a sound key', async () => {
    const key = await generateMediaChannelKey({ ...keyOptions, uid: 42, expiredTs: issued + 3600 })
    expect(await warningCodes(key, nowAt(issued + 10))).toEqual([])
  })

  it('flags the join window', async () => {
    const key = await generateMediaChannelKey({ ...keyOptions, uid: 42 })
    expect(await warningCodes(key, nowAt(issued + 299))).toEqual([])
    const output = await inspect(key, nowAt(issued + 420))
    expect(output.warnings).toEqual([
      { code: 'join-window', message: 'join window closed 2 minutes ago: a client must join within 300 seconds of unixTs' },
    ])
  })

  it('flags a future unixTs', async () => {
    const key = await generateMediaChannelKey({ ...keyOptions, uid: 42 })
    expect(await warningCodes(key, nowAt(issued - 301))).toEqual(['issued-in-future'])
  })

  it('flags expiredTs mistakes', async () => {
    const passed = await generateMediaChannelKey({ ...keyOptions, uid: 42, expiredTs: issued + 60 })
    expect(await warningCodes(passed, nowAt(issued + 120))).toEqual(['call-expired'])
    const early = await generateMediaChannelKey({ ...keyOptions, uid: 42, expiredTs: issued - 60 })
    expect(await warningCodes(early, nowAt(issued))).toEqual(['call-expired', 'expired-before-issue'])
    const duration = await generateMediaChannelKey({ ...keyOptions, uid: 42, expiredTs: 3600 })
    expect(await warningCodes(duration, nowAt(issued))).toEqual(['expire-looks-like-duration', 'expired-before-issue'])
  })

  it('flags and compares uids', async () => {
    const anyone = await generateDynamicKey2({ ...keyOptions, uid: 0 })
    const output = await inspect(anyone, nowAt(issued), '--uid=9')
    expect(output.warnings.map((warning) => warning.code)).toEqual(['uid-zero'])
    expect(output.comparisons).toMatchObject([{ option: '--uid', value: '9', matches: true }])
    const bound = await generateDynamicKey2({ ...keyOptions, uid: 42 })
    expect((await inspect(bound, nowAt(issued), '--uid=-1')).comparisons).toMatchObject([
      { option: '--uid', value: '4294967295', matches: false },
    ])
  })

  it('cannot compare unstored values', async () => {
    const key = await generateMediaChannelKey({ ...keyOptions, uid: 42 })
    const output = await inspect(key, nowAt(issued), '--channel=room-1', '--uid=42')
    expect(output.comparisons).toMatchObject([
      { option: '--channel', matches: null },
      { option: '--uid', matches: null },
    ])
  })

  it('checks the --channel name', async () => {
    const key = await generateMediaChannelKey({ ...keyOptions, uid: 42 })
    const output = await inspect(key, nowAt(issued), `--channel=${'x'.repeat(64)}`)
    expect(output.warnings).toMatchObject([{ code: 'channel-name-too-long' }])
    expect(output.warnings[0]?.message).toMatch(/^--channel: channel name is 64 bytes/)
  })
})

describe.concurrent('cli inspect text report', () => {
  it('prints human times', async () => {
    const token = await rtcToken2({ tokenExpire: 600, privilegeExpire: 600 })
    const run = await runCli(['inspect', token, nowAt(issued + 89)])
    expect(run.status).toBe(0)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toBe('AccessToken2 "007", format access-token2')
    expect(lines[1]).toBe(`Times are relative to 2023-11-14T22:14:49Z (--now ${String(issued + 89)}).`)
    expect(run.stdout).toContain(`  issueTs    ${String(issued)} (2023-11-14T22:13:20Z, issued 1 minute 29 seconds ago)\n`)
    expect(run.stdout).toContain(
      '  expire     600 seconds (10 minutes), until 2023-11-14T22:23:20Z, expires in 8 minutes 31 seconds\n',
    )
    expect(run.stdout).toContain('      uid          "42"\n')
    expect(run.stdout).not.toContain('Warnings:')
  })

  it('lists warnings last', async () => {
    const key = await generateDynamicKey2({ ...credentials, channelName: 'room-1', unixTs: issued, randomInt: 7, uid: 0 })
    const run = await runCli(['inspect', key, nowAt(issued + 3600 * 23)])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('  uid            0 (any user may join)\n')
    expect(run.stdout).toMatch(
      /\nWarnings:\n {2}- join window closed 22 hours 55 minutes ago: .* \(join-window\)\n {2}- uid is 0, so any user may join with this key \(uid-zero\)\n$/,
    )
  })

  it('names the system clock', async () => {
    const run = await runCli(['inspect', await rtcToken2({})])
    expect(run.stdout.split('\n')[1]).toMatch(/^Times are relative to \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(the system clock\)\.$/)
  })
})

describe.concurrent('cli inspect failures', () => {
  it('rejects an unknown format', async () => {
    const run = await runCli(['inspect', 'not-a-key'])
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(ERROR_LINE.exec(run.stderr)?.[1]).toBe('ERR_KEY_UNKNOWN_VERSION')
  })

  it('reports a broken token as JSON', async () => {
    const token = await rtcToken2({})
    const run = await runCli(['inspect', token.slice(0, 40), '--json'])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(ERROR_LINE)
    const output = JSON.parse(run.stdout) as { format: string; error: { code: string; message: string } }
    expect(output.format).toBe('access-token2')
    expect(output.error.code).toMatch(/^ERR_KEY_/)
    expect(ERROR_LINE.exec(run.stderr)?.[1]).toBe(output.error.code)
  })

  it('rejects a truncated "006"', async () => {
    const token = await rtcToken(42, 0, issued)
    const run = await runCli(['inspect', token.slice(0, 60)])
    expect(run.status).toBe(1)
    expect(ERROR_LINE.exec(run.stderr)?.[1]).toMatch(/^ERR_KEY_/)
  })

  const usageErrors: readonly (readonly [string, readonly string[], string])[] = [
    ['no key', ['inspect'], 'ERR_INVALID_ARGUMENT'],
    ['two keys', ['inspect', 'a', 'b'], 'ERR_INVALID_ARGUMENT'],
    ['uid and account', ['inspect', 'a', '--uid=1', '--account=b'], 'ERR_INVALID_ARGUMENT'],
    ['non-decimal uid', ['inspect', 'a', '--uid=0x10'], 'ERR_INVALID_INTEGER'],
    ['millisecond now', ['inspect', 'a', '--now=1700000000000'], 'ERR_TIMESTAMP_IN_MILLISECONDS'],
    ['unknown option', ['inspect', 'a', '--app-id=x'], 'ERR_INVALID_ARGUMENT'],
  ]

  it.each(usageErrors)('rejects %s', async (_name, args, code) => {
    const run = await runCli(args)
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(ERROR_LINE.exec(run.stderr)?.[1]).toBe(code)
  })

  it('rejects an account for Channel Keys', async () => {
    const key = await generateMediaChannelKey({ ...credentials, channelName: 'room-1', unixTs: issued, randomInt: 7 })
    const run = await runCli(['inspect', key, '--account=alice'])
    expect(run.status).toBe(2)
    expect(ERROR_LINE.exec(run.stderr)?.[1]).toBe('ERR_INVALID_ARGUMENT')
  })
})
