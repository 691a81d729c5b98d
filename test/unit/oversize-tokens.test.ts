import { describe, expect, it } from 'vitest'
import { MAX_ACCESS_TOKEN_LENGTH, parseAccessToken, verifyAccessToken } from '../../src/access-token/index.js'
import {
  MAX_ACCESS_TOKEN2_LENGTH,
  parseAccessToken2,
  verifyAccessToken2,
} from '../../src/access-token2/index.js'
import { tokenTextHint, withTokenTextHint } from '../../src/bytes/token-text.js'
import { AgoraKeysError } from '../../src/errors.js'
import { rejectionOf, thrownBy } from './errors-thrown.js'

const appId = '970ca35de60c44645bbae8a215061b33'
const appCertificate = '5cfd2fd1755d40ecb72977518be15d3b'

/** The words of the damage hints, none of which a length error may carry. */
const hintWords = ['whitespace', 'space', 'URL-safe']

/**
 * Builds a token text of `length` characters that starts with `prefix` and
 * ends with a space, a '-' and a newline, each of which draws a hint when the
 * text is short enough to be scanned.
 */
function damagedText(prefix: string, length: number): string {
  return prefix + 'A'.repeat(length - prefix.length - 3) + ' -\n'
}

const fiftyMillion = 50_000_000

function expectNoHint(message: string): void {
  for (const word of hintWords) expect(message).not.toContain(word)
}

describe('oversize "006" tokens', () => {
  it('rejects 50M characters by length', () => {
    const error = thrownBy(() => parseAccessToken(damagedText(`006${appId}`, fiftyMillion)))
    expect(error.code).toBe('ERR_KEY_TOO_LONG')
    expect(error.field).toBe('token')
    expectNoHint(error.message)
  })

  it('verifies 50M characters as malformed', async () => {
    const token = damagedText(`006${appId}`, fiftyMillion)
    const result = await verifyAccessToken(token, { appCertificate, channelName: 'room' })
    expect(result.valid).toBe(false)
    expect(result.reasons).toHaveLength(1)
    expect(result.reasons[0]?.code).toBe('malformed')
    expect(result.reasons[0]?.errorCode).toBe('ERR_KEY_TOO_LONG')
    expectNoHint(result.reasons[0]?.message ?? '')
  })

  it('skips the hint one over the limit', () => {
    const error = thrownBy(() => parseAccessToken(damagedText(`006${appId}`, MAX_ACCESS_TOKEN_LENGTH + 1)))
    expect(error.code).toBe('ERR_KEY_TOO_LONG')
    expectNoHint(error.message)
  })

  it('keeps the hint at the limit', () => {
    const error = thrownBy(() => parseAccessToken(damagedText(`006${appId}`, MAX_ACCESS_TOKEN_LENGTH)))
    expect(error.code).toBe('ERR_KEY_BAD_ENCODING')
    expect(error.message).toContain('whitespace')
  })
})

describe('oversize "007" tokens', () => {
  it('rejects 50M characters by length', async () => {
    const error = await rejectionOf(() => parseAccessToken2(damagedText('007', fiftyMillion)))
    expect(error.code).toBe('ERR_KEY_TOO_LONG')
    expect(error.field).toBe('token')
    expectNoHint(error.message)
  })

  it('verifies 50M characters as malformed', async () => {
    const result = await verifyAccessToken2(damagedText('007', fiftyMillion), { appCertificate })
    expect(result.valid).toBe(false)
    expect(result.reasons).toHaveLength(1)
    expect(result.reasons[0]?.code).toBe('malformed')
    expect(result.reasons[0]?.errorCode).toBe('ERR_KEY_TOO_LONG')
    expectNoHint(result.reasons[0]?.message ?? '')
  })

  it('skips the hint one over the limit', async () => {
    const error = await rejectionOf(() => parseAccessToken2(damagedText('007', MAX_ACCESS_TOKEN2_LENGTH + 1)))
    expect(error.code).toBe('ERR_KEY_TOO_LONG')
    expectNoHint(error.message)
  })

  it('keeps the hint at the limit', async () => {
    const error = await rejectionOf(() => parseAccessToken2(damagedText('007', MAX_ACCESS_TOKEN2_LENGTH)))
    expect(error.code).toBe('ERR_KEY_BAD_ENCODING')
    expect(error.message).toContain('whitespace')
  })
})

describe('withTokenTextHint', () => {
  const error = new AgoraKeysError('ERR_KEY_BAD_ENCODING', 'token is not valid base64', { field: 'token' })

  it('adds the hint within the limit', () => {
    const hinted = withTokenTextHint(error, ' abc', 4)
    expect(hinted).toBeInstanceOf(AgoraKeysError)
    expect((hinted as AgoraKeysError).message).toBe(`token is not valid base64${tokenTextHint(' abc')}`)
    expect((hinted as AgoraKeysError).field).toBe('token')
  })

  it('returns the error over the limit', () => {
    expect(withTokenTextHint(error, ' abc', 3)).toBe(error)
  })
})
