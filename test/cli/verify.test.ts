import { describe, expect, it } from 'vitest'
import { RtcRole, RtcTokenBuilder } from '../../src/access-token/index.js'
import { ChatTokenBuilder2, RtcRole as RtcRole2, RtcTokenBuilder2 } from '../../src/access-token2/index.js'
import { generate as generateDynamicKey } from '../../src/dynamic-key/index.js'
import { generate as generateDynamicKey2 } from '../../src/dynamic-key2/index.js'
import { generate as generateDynamicKey3 } from '../../src/dynamic-key3/index.js'
import { generateRecordingKey as generateRecordingKey4 } from '../../src/dynamic-key4/index.js'
import { generateMediaChannelKey as generateMediaChannelKey5 } from '../../src/dynamic-key5/index.js'
import { appId, certificate, certificateEnv, otherCertificate } from './fixtures.js'
import { ERROR_LINE, runCli } from './process.js'

/** Shape of `verify --json` output. */
interface VerifyJson {
  valid: boolean
  format: string | null
  version: string | null
  service?: string
  now: number
  nowIso: string
  reasons: { code: string; message: string; errorCode?: string }[]
}

/** Issue time of every test key: 2023-11-14T22:13:20Z. */
const issued = 1_700_000_000
const now = `--now=${String(issued + 10)}`
const target = ['--channel=room-1', '--uid=42']

/** Builds a key of every format for channel "room-1" and uid 42, signed with `appCertificate`. */
async function keysSignedWith(appCertificate: string): Promise<(readonly [string, string])[]> {
  const channelKey = { appId, appCertificate, channelName: 'room-1', unixTs: issued, randomInt: 7 }
  const withUid = { ...channelKey, uid: 42, expiredTs: issued + 3600 }
  return [
    ['dynamic-key', await generateDynamicKey(channelKey)],
    ['dynamic-key2', await generateDynamicKey2(withUid)],
    ['dynamic-key3', await generateDynamicKey3(withUid)],
    ['dynamic-key4', await generateRecordingKey4(withUid)],
    ['dynamic-key5', await generateMediaChannelKey5(withUid)],
    [
      'access-token',
      await RtcTokenBuilder.buildTokenWithUid({
        appId,
        appCertificate,
        channelName: 'room-1',
        uid: 42,
        role: RtcRole.PUBLISHER,
        privilegeExpiredTs: issued + 3600,
        salt: 1,
        ts: issued + 3600,
      }),
    ],
    [
      'access-token2',
      await RtcTokenBuilder2.buildTokenWithUid({
        appId,
        appCertificate,
        channelName: 'room-1',
        uid: 42,
        role: RtcRole2.PUBLISHER,
        tokenExpire: 3600,
        privilegeExpire: 3600,
        issueTs: issued,
        salt: 1,
      }),
    ],
  ]
}

const validKeys = await keysSignedWith(certificate)
const foreignKeys = await keysSignedWith(otherCertificate)

async function verifyJson(args: readonly string[], env: Record<string, string> = certificateEnv): Promise<{ status: number; output: VerifyJson }> {
  const run = await runCli(['verify', ...args, '--json'], env)
  expect(run.stderr).toBe('')
  return { status: run.status, output: JSON.parse(run.stdout) as VerifyJson }
}

describe.concurrent('cli verify', () => {
  it.each(validKeys)('accepts a valid %s', async (format, key) => {
    const text = await runCli(['verify', key, ...target, now], certificateEnv)
    expect(text.status).toBe(0)
    expect(text.stderr).toBe('')
    expect(text.stdout).toMatch(/^VALID: .* for channel "room-1", uid 42/)

    const { status, output } = await verifyJson([key, ...target, now])
    expect(status).toBe(0)
    expect(output.valid).toBe(true)
    expect(output.format).toBe(format)
    expect(output.reasons).toEqual([])
    expect(output.now).toBe(issued + 10)
  })

  it.each(foreignKeys)('rejects a foreign %s', async (format, key) => {
    const text = await runCli(['verify', key, ...target, now], certificateEnv)
    expect(text.status).toBe(1)
    expect(text.stdout).toMatch(/^INVALID: /)
    expect(text.stdout).toContain('\n  signature: signature does not match')

    const { status, output } = await verifyJson([key, ...target, now])
    expect(status).toBe(1)
    expect(output.valid).toBe(false)
    expect(output.format).toBe(format)
    expect(output.reasons.map((reason) => reason.code)).toEqual(['signature'])
  })

  it('hides a certificate passed as an option value', async () => {
    // runCli fails the test if the certificate reaches stdout or stderr in any letter case.
    for (const [format, key] of validKeys) {
      for (const extra of [['--json'], []]) {
        const run = await runCli(['verify', key, `--channel=${certificate.toUpperCase()}`, '--uid=42', now, ...extra], certificateEnv)
        expect(run.status, format).toBe(1)
      }
      const inspect = await runCli(['inspect', key, `--channel=${certificate}`, now], certificateEnv)
      expect(inspect.status, format).toBe(0)
    }
  })

  it('rejects an altered hex key', async () => {
    const key = validKeys.find(([format]) => format === 'dynamic-key3')?.[1] ?? ''
    // Characters 75 to 84 are unixTs, which the signature covers.
    const altered = key.slice(0, 80) + (key[80] === '9' ? '8' : '9') + key.slice(81)
    const { status, output } = await verifyJson([altered, ...target, now])
    expect(status).toBe(1)
    expect(output.reasons.map((reason) => reason.code)).toContain('signature')
  })

  it('rejects an altered token', async () => {
    const token = validKeys.find(([format]) => format === 'access-token')?.[1] ?? ''
    // Character 40 lies in the base64 of the signature.
    const altered = token.slice(0, 40) + (token[40] === 'A' ? 'B' : 'A') + token.slice(41)
    const { status, output } = await verifyJson([altered, ...target, now])
    expect(status).toBe(1)
    expect(output.reasons.map((reason) => reason.code)).toEqual(['signature'])
  })

  it('names the DynamicKey4 service', async () => {
    const key = validKeys.find(([format]) => format === 'dynamic-key4')?.[1] ?? ''
    const { output } = await verifyJson([key, ...target, now])
    expect(output.service).toBe('ARS')
    const text = await runCli(['verify', key, ...target, now], certificateEnv)
    expect(text.stdout).toContain('for channel "room-1", uid 42, service ARS, at 2023-11-14T22:13:30Z')
  })

  it('reports every failed check', async () => {
    const token = validKeys.find(([format]) => format === 'access-token2')?.[1] ?? ''
    const { status, output } = await verifyJson([
      token,
      '--channel=room-2',
      '--uid=43',
      `--now=${String(issued + 7200)}`,
      `--app-id=${'0'.repeat(32)}`,
    ])
    expect(status).toBe(1)
    expect(output.reasons.map((reason) => reason.code)).toEqual([
      'app-id',
      'token-expired',
      'privilege-expired',
      'privilege-expired',
      'privilege-expired',
      'privilege-expired',
      'channel-name',
    ])
    const text = await runCli(['verify', token, '--channel=room-2', `--now=${String(issued + 7200)}`], certificateEnv)
    expect(text.stdout.split('\n').slice(1, 3)).toEqual([
      '  token-expired: token expired 3600 s ago (issueTs 1700000000 + expire 3600 s)',
      '  privilege-expired: privilege 1 of service type 1 expired 3600 s ago (issueTs + 3600 s)',
    ])
  })

  it('reads the App ID variable', async () => {
    const key = validKeys.find(([format]) => format === 'dynamic-key5')?.[1] ?? ''
    const { output } = await verifyJson([key, ...target, now], { ...certificateEnv, AGORA_APP_ID: '0'.repeat(32) })
    expect(output.reasons.map((reason) => reason.code)).toEqual(['app-id'])
    const matching = await verifyJson([key, ...target, now], { ...certificateEnv, AGORA_APP_ID: appId.toLowerCase() })
    expect(matching.output.valid).toBe(true)
  })

  it('verifies "006" accounts', async () => {
    const token = await RtcTokenBuilder.buildTokenWithAccount({
      appId,
      appCertificate: certificate,
      channelName: 'room-1',
      account: 'alice',
      role: RtcRole.SUBSCRIBER,
      salt: 1,
      ts: issued + 3600,
    })
    expect((await verifyJson([token, '--channel=room-1', '--account=alice', now])).status).toBe(0)
    const asUid = await verifyJson([token, '--channel=room-1', now])
    expect(asUid.output.reasons.map((reason) => reason.code)).toEqual(['signature', 'uid'])
  })

  it('checks "007" services', async () => {
    const token = await ChatTokenBuilder2.buildUserToken({
      appId,
      appCertificate: certificate,
      userId: 'alice',
      expire: 600,
      issueTs: issued,
      salt: 1,
    })
    expect((await verifyJson([token, now])).status).toBe(0)
    expect((await verifyJson([token, now, '--service=chat'])).status).toBe(0)
    const rtc = await verifyJson([token, now, '--service=rtc'])
    expect(rtc.status).toBe(1)
    expect(rtc.output.reasons.map((reason) => reason.code)).toEqual(['service-missing'])
  })

  it('warns about the channel name', async () => {
    const key = validKeys.find(([format]) => format === 'dynamic-key')?.[1] ?? ''
    const run = await runCli(['verify', key, '--channel=room/1', now], certificateEnv)
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/^agora-keys: warning: --channel: .*"\/".* \(channel-name-invalid-characters\)\n$/)
  })

  it('never prints the certificate', async () => {
    for (const [, key] of [...validKeys, ...foreignKeys]) {
      const run = await runCli(['verify', key, ...target, now, '--json', `--app-certificate=${certificate}`])
      expect(run.stdout.toLowerCase()).not.toContain(certificate.toLowerCase())
      expect(run.stderr.toLowerCase()).not.toContain(certificate.toLowerCase())
    }
  })
})

describe.concurrent('cli verify malformed keys', () => {
  const malformed: readonly (readonly [string, string, string | null, string])[] = [
    ['unknown shape', 'not-a-key', null, 'ERR_KEY_UNKNOWN_VERSION'],
    ['bad "006" base64', `006${appId}!!!!`, 'access-token', 'ERR_KEY_BAD_ENCODING'],
    ['truncated "007"', 'eJxTYBBbsMMnKq7p9', 'access-token2', 'ERR_KEY_BAD_ENCODING'],
    ['hex key of wrong length', 'a'.repeat(89), null, 'ERR_KEY_UNKNOWN_VERSION'],
  ]

  it.each(malformed)('rejects %s', async (_name, key, format, errorCode) => {
    const input = format === 'access-token2' ? `007${key}` : key
    const { status, output } = await verifyJson([input, '--channel=room-1', now])
    expect(status).toBe(1)
    expect(output.valid).toBe(false)
    expect(output.format).toBe(format)
    expect(output.reasons).toHaveLength(1)
    expect(output.reasons[0]?.code).toBe('malformed')
    expect(output.reasons[0]?.errorCode).toBe(errorCode)

    const text = await runCli(['verify', input, '--channel=room-1', now], certificateEnv)
    expect(text.status).toBe(1)
    expect(text.stdout).toMatch(new RegExp(`^INVALID: .*\\n  malformed \\(${errorCode}\\): `))
  })
})

describe.concurrent('cli verify usage errors', () => {
  const key = validKeys.find(([format]) => format === 'dynamic-key5')?.[1] ?? ''
  const token = validKeys.find(([format]) => format === 'access-token')?.[1] ?? ''
  const usageErrors: readonly (readonly [string, readonly string[], Record<string, string>, string])[] = [
    ['no key', ['verify', '--channel=a'], certificateEnv, 'ERR_INVALID_ARGUMENT'],
    ['two keys', ['verify', key, key, '--channel=a'], certificateEnv, 'ERR_INVALID_ARGUMENT'],
    ['missing certificate', ['verify', key, '--channel=a'], {}, 'ERR_INVALID_ARGUMENT'],
    ['short certificate', ['verify', key, '--channel=a'], { AGORA_APP_CERTIFICATE: certificate.slice(1) }, 'ERR_INVALID_APP_CERTIFICATE'],
    ['missing channel', ['verify', key], certificateEnv, 'ERR_INVALID_ARGUMENT'],
    ['"006" without channel', ['verify', token], certificateEnv, 'ERR_INVALID_ARGUMENT'],
    ['account for a Channel Key', ['verify', key, '--channel=a', '--account=b'], certificateEnv, 'ERR_INVALID_ARGUMENT'],
    ['uid and account', ['verify', token, '--channel=a', '--uid=1', '--account=b'], certificateEnv, 'ERR_INVALID_ARGUMENT'],
    ['service for "006"', ['verify', token, '--channel=a', '--service=rtc'], certificateEnv, 'ERR_INVALID_ARGUMENT'],
    ['unknown service', ['verify', token, '--channel=a', '--service=voice'], certificateEnv, 'ERR_INVALID_ARGUMENT'],
    ['short App ID', ['verify', key, '--channel=a', '--app-id=abc'], certificateEnv, 'ERR_INVALID_APP_ID'],
    ['millisecond now', ['verify', key, '--channel=a', '--now=1700000000000'], certificateEnv, 'ERR_TIMESTAMP_IN_MILLISECONDS'],
    ['uid above uint32', ['verify', key, '--channel=a', '--uid=4294967296'], certificateEnv, 'ERR_INVALID_INTEGER'],
  ]

  it.each(usageErrors)('rejects %s', async (_name, args, env, code) => {
    const run = await runCli(args, env)
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(ERROR_LINE.exec(run.stderr)?.[1]).toBe(code)
  })
})
