// Messages for the mistakes a token-server author makes most often. Each
// message must name the mistake and the fix without echoing the certificate.
import { describe, expect, it } from 'vitest'
import { RtcRole, RtcTokenBuilder2, buildAccessToken2 } from '../../src/access-token2/index.js'
import { RtcTokenBuilder, parseAccessToken } from '../../src/access-token/index.js'
import { parseAccessToken2 } from '../../src/access-token2/index.js'
import { detectKeyFormat } from '../../src/channel-key/detect.js'
import { parseKey } from '../../src/channel-key/parse-key.js'
import * as dynamicKey5 from '../../src/dynamic-key5/index.js'
import { rejectionOf, thrownBy } from './errors-thrown.js'
import { checkAppCertificate, checkAppId } from '../../src/validate.js'

const appId = '970CA35de60c44645bbae8a215061b33'
const appCertificate = '5CFd2fd1755d40ecb72977518be15d3b'
const channelName = 'room-1'
const issueTs = 1_700_000_000
const dateNowMs = 1_700_000_000_123

describe('credential messages', () => {
  it.each([
    ['trailing newline', `${appCertificate}\n`],
    ['leading space', ` ${appCertificate}`],
    ['spaces around', ` ${appCertificate} `],
  ])('certificate with %s names the whitespace', (_name, value) => {
    const error = thrownBy(() => checkAppCertificate(value))
    expect(error.code).toBe('ERR_INVALID_APP_CERTIFICATE')
    expect(error.message).toContain('surrounding whitespace')
    expect(error.message).not.toContain(appCertificate)
  })

  it('App ID with whitespace names the whitespace', () => {
    const error = thrownBy(() => checkAppId(`${appId}\r\n`))
    expect(error.code).toBe('ERR_INVALID_APP_ID')
    expect(error.message).toContain('surrounding whitespace')
  })

  it('32 characters that are not hex say so', () => {
    const error = thrownBy(() => checkAppCertificate(`${appCertificate.slice(0, 31)}z`))
    expect(error.code).toBe('ERR_INVALID_APP_CERTIFICATE')
    expect(error.message).toContain('not hexadecimal')
    expect(error.message).not.toContain(appCertificate.slice(0, 31))
  })
})

describe('Channel Key uid as a string', () => {
  it('shows the decimal string and the fix', async () => {
    const error = await rejectionOf(() =>
      dynamicKey5.generateMediaChannelKey({ appId, appCertificate, channelName, uid: '42' as unknown as number }),
    )
    expect(error.code).toBe('ERR_INVALID_INTEGER')
    expect(error.field).toBe('uid')
    expect(error.message).toContain('the string "42"')
    expect(error.message).toContain('pass a number')
  })
})

describe('"007" durations in milliseconds', () => {
  it('expire from Date.now() looks like a timestamp', async () => {
    const error = await rejectionOf(() =>
      buildAccessToken2({
        appId,
        appCertificate,
        issueTs,
        expire: dateNowMs,
        services: [{ type: 1, channelName, uid: '', privileges: { 1: 600 } }],
      }),
    )
    expect(error.code).toBe('ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP')
    expect(error.field).toBe('expire')
    expect(error.message).toContain('milliseconds')
  })

  it('tokenExpire from Date.now() looks like a timestamp', async () => {
    const error = await rejectionOf(() =>
      RtcTokenBuilder2.buildTokenWithUid({
        appId,
        appCertificate,
        channelName,
        uid: 42,
        role: RtcRole.PUBLISHER,
        tokenExpire: dateNowMs + 3_600_000,
      }),
    )
    expect(error.code).toBe('ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP')
    expect(error.field).toBe('tokenExpire')
  })

  it('privilege from Date.now() looks like a timestamp', async () => {
    const error = await rejectionOf(() =>
      buildAccessToken2({
        appId,
        appCertificate,
        issueTs,
        expire: 600,
        services: [{ type: 1, channelName, uid: '', privileges: { 1: dateNowMs } }],
      }),
    )
    expect(error.code).toBe('ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP')
    expect(error.field).toBe('services[0].privileges[1]')
  })

  it('a fractional value is still an invalid integer', async () => {
    const error = await rejectionOf(() =>
      RtcTokenBuilder2.buildTokenWithUid({
        appId,
        appCertificate,
        channelName,
        uid: 42,
        role: RtcRole.PUBLISHER,
        tokenExpire: dateNowMs + 0.5,
      }),
    )
    expect(error.code).toBe('ERR_INVALID_INTEGER')
  })
})

async function sampleTokens(): Promise<{ key5: string; token6: string; token7: string }> {
  return {
    key5: await dynamicKey5.generateMediaChannelKey({ appId, appCertificate, channelName, unixTs: issueTs, randomInt: 1 }),
    token6: await RtcTokenBuilder.buildTokenWithUid({
      appId,
      appCertificate,
      channelName,
      uid: 42,
      role: 1,
      privilegeExpiredTs: 0,
      salt: 1,
      ts: issueTs,
    }),
    token7: await RtcTokenBuilder2.buildTokenWithUid({
      appId,
      appCertificate,
      channelName,
      uid: 42,
      role: RtcRole.PUBLISHER,
      tokenExpire: 600,
      issueTs,
      salt: 1,
    }),
  }
}

describe('detectKeyFormat with whitespace', () => {
  it.each([' ', '\n', '\r\n', '\t'])('rejects trailing %j on prefixed formats', async (space) => {
    const { key5, token6, token7 } = await sampleTokens()
    expect(detectKeyFormat(key5)).toBe('dynamic-key5')
    expect(detectKeyFormat(`${key5}${space}`)).toBeUndefined()
    expect(detectKeyFormat(`${token6}${space}`)).toBeUndefined()
    expect(detectKeyFormat(`${token7}${space}`)).toBeUndefined()
  })
})

describe('token text mistakes', () => {
  it.each([
    ['trailing newline', (token: string) => `${token}\n`],
    ['leading space', (token: string) => ` ${token}`],
  ])('"006" with %s says to remove whitespace', async (_name, damage) => {
    const { token6 } = await sampleTokens()
    const error = thrownBy(() => parseAccessToken(damage(token6)))
    expect(error.message).toContain('remove the surrounding whitespace')
  })

  it.each([
    ['trailing newline', (token: string) => `${token}\n`],
    ['leading space', (token: string) => ` ${token}`],
  ])('"007" with %s says to remove whitespace', async (_name, damage) => {
    const { token7 } = await sampleTokens()
    const error = await rejectionOf(() => parseAccessToken2(damage(token7)))
    expect(error.message).toContain('remove the surrounding whitespace')
  })

  it('a space inside points at URL decoding', async () => {
    const { token7 } = await sampleTokens()
    const damaged = `${token7.slice(0, 20)} ${token7.slice(21)}`
    const error = await rejectionOf(() => parseAccessToken2(damaged))
    expect(error.code).toBe('ERR_KEY_BAD_ENCODING')
    expect(error.message).toContain('encodeURIComponent')
  })

  it('URL-safe characters point at standard base64', async () => {
    const { token6 } = await sampleTokens()
    const damaged = `${token6.slice(0, 40)}-${token6.slice(41)}`
    const error = thrownBy(() => parseAccessToken(damaged))
    expect(error.code).toBe('ERR_KEY_BAD_ENCODING')
    expect(error.message).toContain('URL-safe')
  })
})

describe('parseKey with a padded AccessToken', () => {
  it.each([
    ['"006"', 'token6', 'parseAccessToken'],
    ['"007"', 'token7', 'parseAccessToken2'],
  ] as const)('names %s and the whitespace', async (_name, which, parser) => {
    const tokens = await sampleTokens()
    const error = thrownBy(() => parseKey(`${tokens[which]}\n`))
    expect(error.code).toBe('ERR_KEY_UNKNOWN_VERSION')
    expect(error.message).toContain(`read it with ${parser} `)
    expect(error.message).toContain('remove the surrounding whitespace')
  })
})
