import { describe, expect, it } from 'vitest'
import { generate } from '../../src/dynamic-key/index.js'
import { generateInChannelPermissionKey, generateMediaChannelKey } from '../../src/dynamic-key5/index.js'
import { inputNumber, inputString, loadVectors } from '../vectors/load.js'
import { ERROR_LINE, runCli } from './process.js'

// Inputs of Agora's documented sample, taken from the vectors so no literal is typed twice.
const sampleCase = loadVectors('dynamic-key5').cases.find(
  (vector) => vector.function === 'generateMediaChannelKey' && vector.name.startsWith('reference-test: python3/'),
)
if (sampleCase === undefined) throw new Error('vectors/dynamic-key5.json has no python3 media channel reference test')
const sample = sampleCase.input
const appId = inputString(sample, 'appID')
const certificate = inputString(sample, 'appCertificate')
const channel = inputString(sample, 'channelName')
const sampleArgs = [
  `--app-id=${appId}`,
  `--channel=${channel}`,
  `--unix-ts=${String(inputNumber(sample, 'unixTs'))}`,
  `--random-int=${String(inputNumber(sample, 'randomInt'))}`,
  `--uid=${String(inputNumber(sample, 'uid'))}`,
  `--expired-ts=${String(inputNumber(sample, 'expiredTs'))}`,
]
const env = { AGORA_APP_CERTIFICATE: certificate }

/** A second valid certificate: the sample one with its halves swapped. */
const otherCertificate = certificate.slice(16) + certificate.slice(0, 16)

/** Shape of `generate --json` output. */
interface JsonOutput {
  kind: string
  version: string
  service?: string
  inputs: Record<string, string | number>
  key: string
}

describe.concurrent('cli generate', () => {
  it('prints the vector key', async () => {
    const run = await runCli(['generate', 'dynamic-key5', ...sampleArgs], env)
    expect(run.stdout).toBe(`${sampleCase.expected}\n`)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })

  it('matches the library with defaults', async () => {
    const run = await runCli(['generate', 'dynamic-key5', `--app-id=${appId}`, '--channel=room-1', '--json'], env)
    expect(run.status).toBe(0)
    const output = JSON.parse(run.stdout) as JsonOutput
    const { unixTs, randomInt, uid, expiredTs } = output.inputs
    expect(typeof unixTs).toBe('number')
    expect(typeof randomInt).toBe('number')
    expect(uid).toBe(0)
    expect(expiredTs).toBe(0)
    const expected = await generateMediaChannelKey({
      appId,
      appCertificate: certificate,
      channelName: 'room-1',
      unixTs: unixTs as number,
      randomInt: randomInt as number,
    })
    expect(output.key).toBe(expected)
  })

  it('draws a fresh random nonce', async () => {
    const args = ['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=room-1', '--unix-ts=1446455472']
    const first = await runCli(args, env)
    const second = await runCli(args, env)
    expect(first.status).toBe(0)
    expect(second.status).toBe(0)
    // Two equal uint32 draws have probability 2^-32.
    expect(first.stdout).not.toBe(second.stdout)
  })

  it('wraps a negative uid', async () => {
    const args = ['generate', 'dynamic-key5', `--app-id=${appId}`, '--channel=room-1', '--unix-ts=1446455472']
    const negative = await runCli([...args, '--random-int=-2', '--uid=-1', '--json'], env)
    const output = JSON.parse(negative.stdout) as JsonOutput
    expect(output.inputs.uid).toBe(4294967295)
    expect(output.inputs.randomInt).toBe(4294967294)
    const expected = await generateMediaChannelKey({
      appId,
      appCertificate: certificate,
      channelName: 'room-1',
      unixTs: 1446455472,
      randomInt: 4294967294,
      uid: 4294967295,
    })
    expect(output.key).toBe(expected)
  })

  it('reads the certificate flag', async () => {
    const fromEnvironment = await runCli(['generate', 'dynamic-key5', ...sampleArgs], env)
    const fromFlag = await runCli(['generate', 'dynamic-key5', ...sampleArgs, `--app-certificate=${certificate}`])
    expect(fromFlag.status).toBe(0)
    expect(fromFlag.stdout).toBe(fromEnvironment.stdout)
  })

  it('prefers the flag over the variable', async () => {
    const run = await runCli(
      ['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=room-1', '--unix-ts=1', '--random-int=2', '--app-certificate', certificate],
      { AGORA_APP_CERTIFICATE: otherCertificate },
    )
    const expected = await generate({ appId, appCertificate: certificate, channelName: 'room-1', unixTs: 1, randomInt: 2 })
    expect(run.stdout).toBe(`${expected}\n`)
  })

  it('reads the App ID variable', async () => {
    const withoutAppId = sampleArgs.filter((arg) => !arg.startsWith('--app-id='))
    const run = await runCli(['generate', 'dynamic-key5', ...withoutAppId], { ...env, AGORA_APP_ID: appId })
    expect(run.stdout).toBe(`${sampleCase.expected}\n`)
  })

  it('masks the certificate in JSON', async () => {
    for (const certificateArgs of [[], [`--app-certificate=${certificate}`]]) {
      const run = await runCli(
        ['generate', 'dynamic-key5', ...sampleArgs, ...certificateArgs, '--json'],
        certificateArgs.length === 0 ? env : {},
      )
      expect(run.status).toBe(0)
      const output = JSON.parse(run.stdout) as JsonOutput
      expect(output.inputs.appCertificate).toBe('[redacted]')
      expect(output.inputs.appCertificateSource).toBe(
        certificateArgs.length === 0 ? 'AGORA_APP_CERTIFICATE' : '--app-certificate',
      )
      expect(run.stdout).not.toContain(certificate.slice(0, 8))
    }
  })

  it('prints every input as JSON', async () => {
    const run = await runCli(
      ['generate', 'dynamic-key5', ...sampleArgs, '--service=in-channel-permission', '--permission=no-upload', '--json'],
      env,
    )
    const output = JSON.parse(run.stdout) as JsonOutput
    expect(output.kind).toBe('dynamic-key5')
    expect(output.version).toBe('005')
    expect(output.service).toBe('in-channel-permission')
    expect(output.inputs).toEqual({
      appId,
      appCertificate: '[redacted]',
      appCertificateSource: 'AGORA_APP_CERTIFICATE',
      channelName: channel,
      unixTs: inputNumber(sample, 'unixTs'),
      randomInt: inputNumber(sample, 'randomInt'),
      uid: inputNumber(sample, 'uid'),
      expiredTs: inputNumber(sample, 'expiredTs'),
      permission: '0',
    })
    const expected = await generateInChannelPermissionKey({
      appId,
      appCertificate: certificate,
      channelName: channel,
      unixTs: inputNumber(sample, 'unixTs'),
      randomInt: inputNumber(sample, 'randomInt'),
      uid: inputNumber(sample, 'uid'),
      expiredTs: inputNumber(sample, 'expiredTs'),
      permission: '0',
    })
    expect(output.key).toBe(expected)
  })

  it('accepts permission digits', async () => {
    const base = ['generate', 'dynamic-key5', ...sampleArgs, '--service=in-channel-permission']
    const byName = await runCli([...base, '--permission=audio-video-upload'], env)
    const byDigit = await runCli([...base, '--permission=3'], env)
    expect(byName.status).toBe(0)
    expect(byDigit.stdout).toBe(byName.stdout)
  })

  it('warns about a bad channel name', async () => {
    const run = await runCli(
      ['generate', 'dynamic-key', `--app-id=${appId}`, `--channel=room/${'x'.repeat(64)}`, '--unix-ts=1', '--random-int=2'],
      env,
    )
    expect(run.status).toBe(0)
    const expected = await generate({
      appId,
      appCertificate: certificate,
      channelName: `room/${'x'.repeat(64)}`,
      unixTs: 1,
      randomInt: 2,
    })
    expect(run.stdout).toBe(`${expected}\n`)
    const lines = run.stderr.split('\n').filter((line) => line.length > 0)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^agora-keys: warning: channel name is 69 bytes .* \(too-long\)$/)
    expect(lines[1]).toMatch(/^agora-keys: warning: .*"\/".* \(invalid-characters\)$/)
  })

  it('takes the kind after options', async () => {
    const run = await runCli(['generate', ...sampleArgs, 'dynamic-key5'], env)
    expect(run.stdout).toBe(`${sampleCase.expected}\n`)
  })
})

/** Bad command lines: each exits with status 2 and one error line with this code. */
const badInputs: readonly (readonly [string, readonly string[], Record<string, string>, string])[] = [
  ['missing App ID', ['generate', 'dynamic-key', '--channel=a'], env, 'ERR_INVALID_ARGUMENT'],
  ['short App ID', ['generate', 'dynamic-key', `--app-id=${appId.slice(1)}`, '--channel=a'], env, 'ERR_INVALID_APP_ID'],
  ['missing certificate', ['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=a'], {}, 'ERR_INVALID_ARGUMENT'],
  [
    'empty certificate variable',
    ['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=a'],
    { AGORA_APP_CERTIFICATE: '' },
    'ERR_INVALID_ARGUMENT',
  ],
  [
    'short certificate variable',
    ['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=a'],
    { AGORA_APP_CERTIFICATE: certificate.slice(1) },
    'ERR_INVALID_APP_CERTIFICATE',
  ],
  [
    'non-hex certificate flag',
    ['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=a', `--app-certificate=${'z'.repeat(32)}`],
    {},
    'ERR_INVALID_APP_CERTIFICATE',
  ],
  ['missing channel', ['generate', 'dynamic-key', `--app-id=${appId}`], env, 'ERR_INVALID_ARGUMENT'],
  ['missing kind', ['generate', `--app-id=${appId}`, '--channel=a'], env, 'ERR_INVALID_ARGUMENT'],
  ['unknown kind', ['generate', 'dynamic-key9', `--app-id=${appId}`, '--channel=a'], env, 'ERR_INVALID_ARGUMENT'],
  ['extra argument', ['generate', 'dynamic-key', 'extra', `--app-id=${appId}`, '--channel=a'], env, 'ERR_INVALID_ARGUMENT'],
  ['unknown option', ['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=a', '--bogus'], env, 'ERR_INVALID_ARGUMENT'],
  ['repeated option', ['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=a', '--channel=b'], env, 'ERR_INVALID_ARGUMENT'],
  ['option of another kind', ['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=a', '--uid=1'], env, 'ERR_INVALID_ARGUMENT'],
  ['missing option value', ['generate', 'dynamic-key5', `--app-id=${appId}`, '--channel=a', '--uid'], env, 'ERR_INVALID_ARGUMENT'],
  ['dash value without =', ['generate', 'dynamic-key5', `--app-id=${appId}`, '--channel=a', '--uid', '-1'], env, 'ERR_INVALID_ARGUMENT'],
  ['non-decimal uid', ['generate', 'dynamic-key5', `--app-id=${appId}`, '--channel=a', '--uid=0x10'], env, 'ERR_INVALID_INTEGER'],
  ['uid above uint32', ['generate', 'dynamic-key5', `--app-id=${appId}`, '--channel=a', '--uid=4294967296'], env, 'ERR_INVALID_INTEGER'],
  ['uid below int32', ['generate', 'dynamic-key5', `--app-id=${appId}`, '--channel=a', '--uid=-2147483649'], env, 'ERR_INVALID_INTEGER'],
  ['fractional timestamp', ['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=a', '--unix-ts=1.5'], env, 'ERR_INVALID_INTEGER'],
  ['negative timestamp', ['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=a', '--unix-ts=-1'], env, 'ERR_INVALID_INTEGER'],
  [
    'millisecond timestamp',
    ['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=a', '--unix-ts=1446455472000'],
    env,
    'ERR_TIMESTAMP_IN_MILLISECONDS',
  ],
  [
    'millisecond expiry',
    ['generate', 'dynamic-key5', `--app-id=${appId}`, '--channel=a', '--expired-ts=1446455472000'],
    env,
    'ERR_TIMESTAMP_IN_MILLISECONDS',
  ],
  ['unknown service', ['generate', 'dynamic-key5', `--app-id=${appId}`, '--channel=a', '--service=chat'], env, 'ERR_INVALID_ARGUMENT'],
  [
    'permission without its service',
    ['generate', 'dynamic-key5', `--app-id=${appId}`, '--channel=a', '--permission=no-upload'],
    env,
    'ERR_INVALID_ARGUMENT',
  ],
  [
    'service without its permission',
    ['generate', 'dynamic-key5', `--app-id=${appId}`, '--channel=a', '--service=in-channel-permission'],
    env,
    'ERR_INVALID_ARGUMENT',
  ],
  [
    'unknown permission',
    ['generate', 'dynamic-key5', `--app-id=${appId}`, '--channel=a', '--service=in-channel-permission', '--permission=1'],
    env,
    'ERR_INVALID_ARGUMENT',
  ],
  ['unknown command', ['gen'], {}, 'ERR_INVALID_ARGUMENT'],
  ['option before command', ['--json', 'samples'], {}, 'ERR_INVALID_ARGUMENT'],
]

describe.concurrent('cli generate rejects', () => {
  it.each(badInputs)('%s', async (_name, args, runEnv, code) => {
    const run = await runCli(args, runEnv)
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(ERROR_LINE)
    expect(ERROR_LINE.exec(run.stderr)?.[1]).toBe(code)
  })

  it('hides a stray certificate', async () => {
    const run = await runCli(['generate', 'dynamic-key', certificate, `--app-id=${appId}`, '--channel=a'], env)
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(ERROR_LINE)
    expect(run.stderr).toContain('unexpected argument [32 characters, not shown]')
    expect(run.stderr.toLowerCase()).not.toContain(certificate.toLowerCase())
  })

  it('names the variable in errors', async () => {
    const run = await runCli(['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=a'], {
      AGORA_APP_CERTIFICATE: certificate.slice(1),
    })
    expect(run.stderr).toContain('AGORA_APP_CERTIFICATE must be')
    expect(run.stderr).toContain('length 31')
  })
})
