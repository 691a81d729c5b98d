import { describe, expect, it } from 'vitest'
import { RtmTokenBuilder } from '../../src/access-token/index.js'
import { RtcRole as RtcRole2, RtcTokenBuilder2 } from '../../src/access-token2/index.js'
import { keyKinds } from '../../src/cli/kinds/index.js'
import { inputNumber, inputString, loadVectors, type VectorCase } from '../vectors/load.js'
import { payloadHex } from './fixtures.js'
import { runCli } from './process.js'

/** The reference function of each --service name, as the vectors name them. */
const functionOfService: Readonly<Record<string, string>> = {
  media: 'generateMediaChannelKey',
  recording: 'generateRecordingKey',
  'public-sharing': 'generatePublicSharingKey',
  'in-channel-permission': 'generateInChannelPermissionKey',
}

const permissionDigits: Readonly<Record<string, string>> = { 'no-upload': '0', 'audio-video-upload': '3' }

/**
 * Finds the reference-test vector of a sample label such as
 * "dynamic-key5 in-channel-permission no-upload". Every reference test of a
 * kind uses the same sample inputs, so the first match is the expected key.
 */
function vectorOfLabel(label: string): VectorCase | undefined {
  const [kind = '', service, permission] = label.split(' ')
  const wanted = service === undefined ? 'generate' : functionOfService[service]
  return loadVectors(kind).cases.find(
    (vector) =>
      vector.name.startsWith('reference-test: ') &&
      vector.function === wanted &&
      (permission === undefined || vector.input.permission === permissionDigits[permission]),
  )
}

/** The reference test each AccessToken sample reproduces, by label. */
const tokenSampleVectors: Readonly<Record<string, readonly [kind: string, name: string]>> = {
  'access-token rtc publisher': ['access-token', 'reference-test: nodejs/test/AccessTokenTest.js:RtcTokenBuilder_Test'],
  'access-token rtc subscriber': ['access-token', 'reference-test: python3/test/AccessTokenTest.py:test_'],
  'access-token rtc subscriber uid-0': [
    'access-token',
    'reference-test: python3/test/AccessTokenTest.py:test_parse_rejects_invalid_legacy_tokens',
  ],
  'access-token rtc subscriber account': [
    'access-token',
    'reference-test: cpp/test/AccessToken_test.cpp:testAccessTokenWithStringUid',
  ],
  'access-token2 rtc subscriber': ['access-token2', 'reference-test: python3/test/AccessToken2Test.py:test_service_rtc'],
  'access-token2 rtc subscriber uid-0': [
    'access-token2',
    'reference-test: python3/test/AccessToken2Test.py:test_service_rtc_uid_0',
  ],
  'access-token2 rtm': ['access-token2', 'reference-test: cpp/test/AccessToken2_test.cpp:TestAccessToken2Rtm'],
  'access-token2 chat-user': ['access-token2', 'reference-test: python3/test/AccessToken2Test.py:test_service_chat_user'],
  'access-token2 chat-app': ['access-token2', 'reference-test: python3/test/AccessToken2Test.py:test_service_chat_app'],
}

function namedVector(kind: string, name: string): VectorCase {
  const vector = loadVectors(kind).cases.find((candidate) => candidate.name === name)
  if (vector === undefined) throw new Error(`vectors/${kind}.json has no case ${JSON.stringify(name)}`)
  return vector
}

/** The sample inputs of the AccessToken reference tests, read from the vectors. */
const tokenInput = namedVector('access-token', 'reference-test: python3/test/AccessTokenTest.py:test_').input
const token2Input = namedVector('access-token2', 'reference-test: python3/test/AccessToken2Test.py:test_service_rtc').input
const tokenSample = {
  appId: inputString(tokenInput, 'appID'),
  appCertificate: inputString(tokenInput, 'appCertificate'),
  channelName: inputString(tokenInput, 'channelName'),
  uid: inputNumber(tokenInput, 'uid'),
  salt: inputNumber(tokenInput, 'salt'),
  ts: inputNumber(tokenInput, 'ts'),
  privilegeExpiredTs: (tokenInput.privileges as Record<string, number>)['1'],
  issueTs: inputNumber(token2Input, 'issueTs'),
  expire: inputNumber(token2Input, 'expire'),
}

/** Samples that no reference test covers, built by the library from the same inputs. */
const librarySamples: Readonly<Record<string, () => Promise<string>>> = {
  'access-token rtm': () =>
    RtmTokenBuilder.buildToken({
      appId: tokenSample.appId,
      appCertificate: tokenSample.appCertificate,
      userAccount: String(tokenSample.uid),
      privilegeExpiredTs: tokenSample.privilegeExpiredTs,
      salt: tokenSample.salt,
      ts: tokenSample.ts,
    }),
  'access-token2 rtc publisher': () =>
    RtcTokenBuilder2.buildTokenWithUid({
      appId: tokenSample.appId,
      appCertificate: tokenSample.appCertificate,
      channelName: tokenSample.channelName,
      uid: tokenSample.uid,
      role: RtcRole2.PUBLISHER,
      tokenExpire: tokenSample.expire,
      privilegeExpire: tokenSample.expire,
      issueTs: tokenSample.issueTs,
      salt: tokenSample.salt,
    }),
}

/**
 * Checks one sample key: Channel Keys and "006" tokens equal their vector,
 * "007" tokens equal it after inflating (deflate output differs between zlib
 * builds), and samples without a vector equal the library's output.
 */
async function expectSampleKey(label: string, key: string): Promise<void> {
  const library = librarySamples[label]
  if (library !== undefined) {
    expect(key, label).toBe(await library())
    return
  }
  const named = tokenSampleVectors[label]
  const vector = named === undefined ? vectorOfLabel(label) : namedVector(...named)
  expect(vector, label).toBeDefined()
  if (key.startsWith('007')) expect(payloadHex(key), label).toBe(vector?.payloadHex)
  else expect(key, label).toBe(vector?.expected)
}

/** Splits the key lines (label, spaces, key) out of the text output. */
function keyLines(stdout: string): [string, string][] {
  return stdout
    .split('\n')
    .filter((line) => /^[a-z]/.test(line) && !line.endsWith(':'))
    .map((line) => {
      const match = /^(.+?)\s{2,}(\S+)$/.exec(line)
      if (match === null) throw new Error(`sample line has no key: ${line}`)
      return [match[1] ?? '', match[2] ?? '']
    })
}

describe('cli samples', () => {
  it('prints the vector keys', async () => {
    const run = await runCli(['samples'])
    expect(run.status).toBe(0)
    expect(run.stderr).toBe('')
    const lines = keyLines(run.stdout)
    expect(lines.length).toBeGreaterThanOrEqual(keyKinds.length)
    for (const [label, key] of lines) await expectSampleKey(label, key)
  })

  it('labels the token samples', async () => {
    const run = await runCli(['samples'])
    const labels = keyLines(run.stdout)
      .map(([label]) => label)
      .filter((label) => label.startsWith('access-token'))
    expect(labels.sort()).toEqual([...Object.keys(tokenSampleVectors), ...Object.keys(librarySamples)].sort())
  })

  it('prints the token sample inputs', async () => {
    const run = await runCli(['samples', '--json'])
    const groups = JSON.parse(run.stdout) as { inputs: Record<string, string | number>; keys: { label: string }[] }[]
    const tokens = groups.find((group) => group.keys.some((key) => key.label.startsWith('access-token')))
    const printed: Record<string, string | number | undefined> = { ...tokenSample }
    delete printed.appCertificate
    expect(tokens?.inputs).toEqual(printed)
  })

  it('covers every kind', async () => {
    const run = await runCli(['samples'])
    const kinds = new Set(keyLines(run.stdout).map(([label]) => label.split(' ')[0]))
    expect([...kinds].sort()).toEqual(keyKinds.map((kind) => kind.name).sort())
  })

  it('prints no certificate', async () => {
    const run = await runCli(['samples'])
    const certificates = new Set(
      keyKinds.flatMap((kind) => loadVectors(kind.name).cases.map((vector) => String(vector.input.appCertificate))),
    )
    expect(certificates).toContain(tokenSample.appCertificate)
    for (const certificate of certificates) {
      expect(run.stdout.toLowerCase()).not.toContain(certificate.toLowerCase())
    }
  })

  it('prints JSON groups', async () => {
    const text = await runCli(['samples'])
    const json = await runCli(['samples', '--json'])
    expect(json.status).toBe(0)
    const groups = JSON.parse(json.stdout) as { heading: string; inputs: object; keys: { label: string; key: string }[] }[]
    const fromJson = groups.flatMap((group) => group.keys.map((key) => [key.label, key.key]))
    expect(fromJson).toEqual(keyLines(text.stdout))
  })

  it('rejects arguments', async () => {
    const run = await runCli(['samples', 'extra'])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('(ERR_INVALID_ARGUMENT)')
  })
})
