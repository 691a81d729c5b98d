import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildAccessToken,
  matchAccessTokenCrcs,
  parseAccessToken,
  verifyAccessToken,
  type AccessTokenFields,
} from '../../src/access-token/index.js'
import { base64Decode, base64Encode } from '../../src/bytes/index.js'
import { AgoraKeysError } from '../../src/errors.js'

/** Runs for the properties that only parse (synchronous and cheap). */
const PARSE_RUNS = 10_000
/** Runs for the properties that sign and verify (one or two HMACs each). */
const SIGN_RUNS = 2_000

const hex32 = fc.stringMatching(/^[0-9a-fA-F]{32}$/)
const uint32 = fc.nat({ max: 0xffffffff })
const expire = fc.oneof(fc.constant(0), fc.integer({ min: 100_000_000, max: 0xffffffff }))
const text = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 32 }),
)
const user = fc.oneof(uint32.map((uid) => ({ uid })), text.map((account) => ({ account })))
const privileges = fc.dictionary(fc.nat({ max: 0xffff }).map(String), expire, { maxKeys: 40 })

const tokenInputs = fc.record({
  appId: hex32,
  appCertificate: hex32,
  channelName: text,
  user,
  privileges,
  salt: uint32,
  ts: fc.integer({ min: 1, max: 0xffffffff }),
})

type TokenInputs = typeof tokenInputs extends fc.Arbitrary<infer T> ? T : never

function build(inputs: TokenInputs): Promise<string> {
  const { user: userOption, ...rest } = inputs
  return buildAccessToken({ ...rest, ...userOption })
}

/** Returns the uid string "006" signs for a user: "" for uid 0, else the decimal uid or the account. */
function uidString(target: { readonly uid: number } | { readonly account: string }): string {
  if ('account' in target) return target.account
  return target.uid === 0 ? '' : String(target.uid)
}

/** A few valid tokens, built once, for the mutation and truncation properties. */
const samples: readonly string[] = await Promise.all(
  fc.sample(tokenInputs, { numRuns: 20, seed: 6 }).map(build),
)
const sample = fc.constantFrom(...samples)

/** Parses `token` and checks that it either returns well-typed fields or throws an AgoraKeysError. */
function parseWithinContract(token: string): AccessTokenFields | AgoraKeysError {
  let fields: AccessTokenFields
  try {
    fields = parseAccessToken(token)
  } catch (error) {
    expect(error).toBeInstanceOf(AgoraKeysError)
    expect((error as AgoraKeysError).code).toMatch(/^ERR_KEY_/)
    return error as AgoraKeysError
  }
  expect(fields.appId).toMatch(/^[0-9a-fA-F]{32}$/)
  expect(fields.signature).toMatch(/^[0-9a-f]{64}$/)
  for (const value of [fields.salt, fields.ts, fields.crcChannelName, fields.crcUid]) {
    expect(Number.isInteger(value)).toBe(true)
    expect(value).toBeGreaterThanOrEqual(0)
    expect(value).toBeLessThanOrEqual(0xffffffff)
  }
  return fields
}

describe('access-token properties', () => {
  it('round-trips build and parse', async () => {
    await fc.assert(
      fc.asyncProperty(tokenInputs, async (inputs) => {
        const token = await build(inputs)
        const fields = parseAccessToken(token)
        expect(fields.appId).toBe(inputs.appId)
        expect(fields.salt).toBe(inputs.salt)
        expect(fields.ts).toBe(inputs.ts)
        const ids = Object.keys(inputs.privileges).map(Number).sort((a, b) => a - b)
        expect(fields.privileges.map((entry) => entry.id)).toEqual(ids)
        for (const entry of fields.privileges) {
          expect(entry.expireTimestamp).toBe(inputs.privileges[String(entry.id)])
        }
        const target = { channelName: inputs.channelName, ...inputs.user }
        expect(matchAccessTokenCrcs(fields, target)).toEqual({ channelName: true, uid: true })
        const result = await verifyAccessToken(token, {
          appCertificate: inputs.appCertificate,
          appId: inputs.appId,
          now: 0,
          ...target,
        })
        expect(result.reasons).toEqual([])
      }),
      { numRuns: SIGN_RUNS },
    )
  })

  it('accepts uid 0 tokens for any user', async () => {
    await fc.assert(
      fc.asyncProperty(tokenInputs, user, async (inputs, expectedUser) => {
        const token = await build({ ...inputs, user: { uid: 0 } })
        const result = await verifyAccessToken(token, {
          appCertificate: inputs.appCertificate,
          channelName: inputs.channelName,
          now: 0,
          ...expectedUser,
        })
        expect(result.reasons).toEqual([])
        expect(result.valid).toBe(true)
      }),
      { numRuns: SIGN_RUNS },
    )
  })

  it('rejects another user otherwise', async () => {
    const otherUser = fc
      .tuple(tokenInputs, user)
      .filter(([inputs, expectedUser]) => {
        const signed = uidString(inputs.user)
        return signed !== '' && uidString(expectedUser) !== signed
      })
    await fc.assert(
      fc.asyncProperty(otherUser, async ([inputs, expectedUser]) => {
        const token = await build(inputs)
        const result = await verifyAccessToken(token, {
          appCertificate: inputs.appCertificate,
          channelName: inputs.channelName,
          now: 0,
          ...expectedUser,
        })
        expect(result.valid).toBe(false)
        const codes = result.reasons.map((reason) => reason.code)
        expect(codes).toContain('signature')
        expect(codes).toContain('uid')
      }),
      { numRuns: SIGN_RUNS },
    )
  })

  it('rejects one-character flips', async () => {
    const character = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })
    const flip = fc.tuple(tokenInputs, fc.nat(), character)
    await fc.assert(
      fc.asyncProperty(flip, async ([inputs, position, replacement]) => {
        const token = await build(inputs)
        const index = position % token.length
        fc.pre(token[index] !== replacement)
        const flipped = token.slice(0, index) + replacement + token.slice(index + 1)
        const result = await verifyAccessToken(flipped, {
          appCertificate: inputs.appCertificate,
          channelName: inputs.channelName,
          now: 0,
          ...inputs.user,
        })
        expect(result.valid).toBe(false)
        expect(result.reasons.length).toBeGreaterThan(0)
      }),
      { numRuns: SIGN_RUNS },
    )
  })

  it('keeps random strings in contract', () => {
    const anyString = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ maxLength: 200 }).map((rest) => '006' + rest),
    )
    fc.assert(
      fc.property(anyString, (token) => {
        parseWithinContract(token)
      }),
      { numRuns: PARSE_RUNS },
    )
  })

  it('keeps random base64 in contract', () => {
    const randomContent = fc.tuple(hex32, fc.uint8Array({ maxLength: 300 }))
    fc.assert(
      fc.property(randomContent, ([appId, bytes]) => {
        parseWithinContract('006' + appId + base64Encode(bytes))
      }),
      { numRuns: PARSE_RUNS },
    )
  })

  it('keeps mutated content in contract', () => {
    const byteChange = fc.tuple(fc.nat(), fc.nat({ max: 255 }))
    const edit = fc.tuple(sample, fc.array(byteChange, { minLength: 1, maxLength: 4 }))
    fc.assert(
      fc.property(edit, ([token, changes]) => {
        const content = base64Decode(token.slice(35), 'content')
        for (const [position, value] of changes) content[position % content.length] = value
        parseWithinContract(token.slice(0, 35) + base64Encode(content))
      }),
      { numRuns: PARSE_RUNS },
    )
  })

  it('rejects every truncation', () => {
    fc.assert(
      fc.property(sample, fc.nat(), (token, cut) => {
        const outcome = parseWithinContract(token.slice(0, cut % token.length))
        expect(outcome).toBeInstanceOf(AgoraKeysError)
      }),
      { numRuns: PARSE_RUNS },
    )
  })

  it('rejects appended characters', () => {
    const tail = fc.string({ unit: 'binary', minLength: 1, maxLength: 8 })
    fc.assert(
      fc.property(sample, tail, (token, extra) => {
        const outcome = parseWithinContract(token + extra)
        expect(outcome).toBeInstanceOf(AgoraKeysError)
      }),
      { numRuns: PARSE_RUNS },
    )
  })
})
