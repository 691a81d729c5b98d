import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { base64Decode, base64Encode, hexEncode } from '../../src/bytes/index.js'
import { deflate, inflate } from '../../src/compress/index.js'
import {
  buildAccessToken2,
  buildAccessToken2Payload,
  parseAccessToken2,
  verifyAccessToken2,
  type AccessToken2Options,
  type AccessToken2Service,
} from '../../src/access-token2/index.js'
import { AgoraKeysError, type AgoraKeysErrorCode } from '../../src/errors.js'

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERTIFICATE = '5CFd2fd1755d40ecb72977518be15d3b'

/** Every code a parser may throw for a string token. */
const parseCodes: ReadonlySet<AgoraKeysErrorCode> = new Set([
  'ERR_KEY_TOO_LONG',
  'ERR_KEY_UNKNOWN_VERSION',
  'ERR_KEY_BAD_ENCODING',
  'ERR_KEY_INFLATE_FAILED',
  'ERR_KEY_TRUNCATED',
  'ERR_KEY_TRAILING_BYTES',
  'ERR_KEY_INVALID_FIELD',
])

const text = fc.string({ unit: 'grapheme', maxLength: 12 })
const uint16Key = fc.integer({ min: 0, max: 0xffff }).map(String)
const seconds = fc.oneof(fc.integer({ min: 0, max: 100_000_000 }), fc.constant(0xffffffff))
const privileges = fc.dictionary(uint16Key, seconds, { maxKeys: 5 })
const permissions = fc.dictionary(
  uint16Key,
  fc.dictionary(uint16Key, fc.array(text, { maxLength: 3 }), { maxKeys: 3 }),
  { maxKeys: 3 },
)

const service: fc.Arbitrary<AccessToken2Service> = fc.oneof(
  fc.record({ type: fc.constant(1 as const), privileges, channelName: text, uid: text }),
  fc.record({ type: fc.constantFrom(2 as const, 5 as const), privileges, userId: text }),
  fc.record({ type: fc.constantFrom(3 as const, 6 as const), privileges, channelName: text, account: text }),
  fc.record({ type: fc.constantFrom(4 as const, 9 as const, 10 as const), privileges }),
  fc.record({
    type: fc.constant(7 as const),
    privileges,
    roomUuid: text,
    userUuid: text,
    role: fc.integer({ min: -0x8000, max: 0x7fff }),
  }),
  fc.record({ type: fc.constant(8 as const), privileges, userId: text, permissions }),
)

const options: fc.Arbitrary<AccessToken2Options> = fc.record({
  appId: fc.constant(APP_ID),
  appCertificate: fc.constant(APP_CERTIFICATE),
  issueTs: fc.integer({ min: 0, max: 0xffffffff }),
  expire: seconds,
  salt: fc.integer({ min: 0, max: 0xffffffff }),
  services: fc.array(service, { minLength: 1, maxLength: 6 }),
})

/** Parses and reports the outcome; any error outside the contract fails the test. */
async function parseOutcome(token: string): Promise<'parsed' | AgoraKeysErrorCode> {
  try {
    await parseAccessToken2(token)
    return 'parsed'
  } catch (error) {
    if (!(error instanceof AgoraKeysError)) throw error
    return error.code
  }
}

async function payloadHexOf(token: string): Promise<string | undefined> {
  try {
    return hexEncode(await inflate(base64Decode(token.slice(3), 'body'), 1 << 16))
  } catch {
    return undefined
  }
}

const base64Characters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='

describe('access-token2 properties', () => {
  it('round-trips random services', async () => {
    await fc.assert(
      fc.asyncProperty(options, async (input) => {
        const fields = await parseAccessToken2(await buildAccessToken2(input))
        expect(fields.appId).toBe(input.appId)
        expect(fields.issueTs).toBe(input.issueTs)
        expect(fields.expire).toBe(input.expire)
        expect(fields.salt).toBe(input.salt)
        expect(fields.services).toEqual([...input.services].sort((a, b) => a.type - b.type))
      }),
      { numRuns: 300 },
    )
  })

  it('verifies every built token', async () => {
    await fc.assert(
      fc.asyncProperty(options, async (input) => {
        const token = await buildAccessToken2(input)
        const result = await verifyAccessToken2(token, { appCertificate: APP_CERTIFICATE, now: input.issueTs })
        expect(result.reasons.filter((reason) => reason.code === 'signature')).toEqual([])
      }),
      { numRuns: 100 },
    )
  })

  it('fails verification after a flip', async () => {
    // A flip may land in the padding bits after the last deflate block, which
    // inflate ignores; such a token still carries the original signed payload.
    await fc.assert(
      fc.asyncProperty(
        options,
        fc.nat(),
        fc.integer({ min: 0, max: base64Characters.length - 1 }).map((i) => base64Characters.charAt(i)),
        async (input, position, replacement) => {
          const token = await buildAccessToken2(input)
          const index = position % token.length
          fc.pre(token[index] !== replacement)
          const flipped = token.slice(0, index) + replacement + token.slice(index + 1)
          const result = await verifyAccessToken2(flipped, { appCertificate: APP_CERTIFICATE, now: input.issueTs })
          const signatureValid = !result.reasons.some((reason) => ['signature', 'malformed'].includes(reason.code))
          if (signatureValid) expect(await payloadHexOf(flipped)).toBe(await payloadHexOf(token))
        },
      ),
      { numRuns: 400 },
    )
  })

  it('keeps random text in contract', async () => {
    const token = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }).map((body) => '007' + body),
      fc.base64String({ maxLength: 400 }).map((body) => '007' + body),
    )
    await fc.assert(
      fc.asyncProperty(token, async (candidate) => {
        const outcome = await parseOutcome(candidate)
        expect(['parsed', ...parseCodes]).toContain(outcome)
      }),
      { numRuns: 500 },
    )
  })

  it('rejects truncated tokens', async () => {
    await fc.assert(
      fc.asyncProperty(options, fc.nat(), async (input, cut) => {
        const token = await buildAccessToken2(input)
        const length = cut % token.length
        const kept = token.slice(0, length)
        const outcome = await parseOutcome(kept)
        // Base64 padding is optional, so dropping all of it (not part) loses nothing.
        const droppedPadding = /^=+$/.test(token.slice(length)) && !kept.endsWith('=')
        if (droppedPadding) expect(outcome).toBe('parsed')
        else expect([...parseCodes]).toContain(outcome)
      }),
      { numRuns: 200 },
    )
  })

  it('keeps random payloads in contract', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (payload) => {
        const outcome = await parseOutcome('007' + base64Encode(deflate(payload)))
        expect(['parsed', ...parseCodes]).toContain(outcome)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps forged counts in contract', async () => {
    // Overwrites two bytes anywhere in a valid payload, which hits every count
    // and length prefix for some inputs, then re-deflates it.
    await fc.assert(
      fc.asyncProperty(
        options,
        fc.nat(),
        fc.integer({ min: 0, max: 0xffff }),
        async (input, position, value) => {
          const payload = await buildAccessToken2Payload(input)
          const index = position % (payload.length - 1)
          payload[index] = value & 0xff
          payload[index + 1] = value >> 8
          const token = '007' + base64Encode(deflate(payload))
          const outcome = await parseOutcome(token)
          expect(['parsed', ...parseCodes]).toContain(outcome)
          const result = await verifyAccessToken2(token, { appCertificate: APP_CERTIFICATE })
          expect(typeof result.valid).toBe('boolean')
        },
      ),
      { numRuns: 400 },
    )
  })
})
