import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { base64Decode, base64Encode } from '../../src/bytes/index.js'
import { detectKeyFormat, type ChannelKeyFormat } from '../../src/channel-key/detect.js'
import { parseKey, verifyKey } from '../../src/channel-key/parse-key.js'
import type { ChannelKeyWithUidOptions } from '../../src/channel-key/inputs.js'
import type { ChannelKeyFields } from '../../src/channel-key/types.js'
import * as dynamicKey from '../../src/dynamic-key/index.js'
import * as dynamicKey2 from '../../src/dynamic-key2/index.js'
import * as dynamicKey3 from '../../src/dynamic-key3/index.js'
import * as dynamicKey4 from '../../src/dynamic-key4/index.js'
import * as dynamicKey5 from '../../src/dynamic-key5/index.js'
import { AgoraKeysError, type AgoraKeysErrorCode } from '../../src/errors.js'

/**
 * Runs per version for the properties that sign: one generate and one verify
 * per run (DynamicKey4's verify signs once per service). DynamicKey4 and 5
 * split their runs between their services.
 */
const SIGN_RUNS = 10_000
/** Runs per version for the uid 0 properties, split between a version's generators. */
const UID_RUNS = 1_000
/** Runs for the properties that parse only, or that sign only when random input happens to parse. */
const PARSE_RUNS = 10_000

/** Codes parseKey may throw for a string. */
const parseCodes: readonly AgoraKeysErrorCode[] = [
  'ERR_KEY_TOO_LONG',
  'ERR_KEY_UNKNOWN_VERSION',
  'ERR_KEY_BAD_ENCODING',
  'ERR_KEY_TRUNCATED',
  'ERR_KEY_TRAILING_BYTES',
  'ERR_KEY_INVALID_FIELD',
]

/** The characters of hex Channel Keys and of DynamicKey5's base64 body, one per element. */
const hexCharacters = Array.from('0123456789abcdefABCDEF')
const base64Characters = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=')

const hex32 = fc.stringMatching(/^[0-9a-fA-F]{32}$/)
/** uid and randomInt: any uint32 and any signed 32-bit negative, which wraps. */
const wrappingUint32 = fc.integer({ min: -0x80000000, max: 0xffffffff })
const uint32 = fc.nat({ max: 0xffffffff })
const channelName = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 32 }),
  fc.string({ unit: 'binary', maxLength: 32 }),
)

/**
 * unixTs and expiredTs. Most runs have no expiry (0) or one after unixTs, so
 * the key verifies at now = unixTs. Some expire at or before unixTs and must
 * get exactly `call-expired`.
 */
const times = fc.oneof(
  { weight: 2, arbitrary: fc.record({ unixTs: uint32, expiredTs: fc.constant(0) }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(uint32, uint32)
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({ unixTs: Math.min(a, b), expiredTs: Math.max(a, b) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(uint32, fc.integer({ min: 1, max: 0xffffffff }))
      .map(([a, b]) => ({ unixTs: Math.max(a, b), expiredTs: Math.min(a, b) })),
  },
)

const keyInputs = fc
  .record({
    appId: hex32,
    appCertificate: hex32,
    channelName,
    uid: wrappingUint32,
    randomInt: wrappingUint32,
    times,
  })
  .map(({ times: { unixTs, expiredTs }, ...rest }) => ({ ...rest, unixTs, expiredTs }))

type KeyInputs = ChannelKeyWithUidOptions & { readonly unixTs: number; readonly expiredTs: number }

/** One generator of one version, with the fields its key stores. */
interface Generator {
  /** The function's name, as in vectors/. */
  readonly name: string
  readonly format: ChannelKeyFormat
  readonly generate: (inputs: KeyInputs) => Promise<string>
  /** The fields parseKey must return, except the signature. */
  readonly stored: (inputs: KeyInputs) => Record<string, unknown>
  readonly signature: RegExp
  /** Whether the key stores expiredTs. DynamicKey binds no expiry. */
  readonly expires: boolean
}

function hexKeyFields(version: string, inputs: KeyInputs, tail: readonly ('uid' | 'expiredTs')[]) {
  const fields: Record<string, unknown> = {
    version,
    appId: inputs.appId,
    unixTs: inputs.unixTs,
    randomInt: (inputs.randomInt ?? 0) >>> 0,
  }
  if (tail.includes('uid')) fields.uid = (inputs.uid ?? 0) >>> 0
  if (tail.includes('expiredTs')) fields.expiredTs = inputs.expiredTs
  return fields
}

const lowerHexSignature = /^[0-9a-f]{40}$/
const upperHexSignature = /^[0-9A-F]{40}$/

function dynamicKey4Generator(name: string, generate: Generator['generate']): Generator {
  return {
    name,
    format: 'dynamic-key4',
    generate,
    stored: (inputs) => hexKeyFields('004', inputs, ['expiredTs']),
    signature: lowerHexSignature,
    expires: true,
  }
}

function dynamicKey5Generator(
  name: string,
  serviceType: number,
  generate: Generator['generate'],
  extra: ReadonlyMap<number, string> = new Map(),
): Generator {
  return {
    name,
    format: 'dynamic-key5',
    generate,
    stored: (inputs) => ({
      version: '005',
      serviceType,
      // The key stores the App ID's bytes, so it parses back as lower-case hex.
      appId: inputs.appId.toLowerCase(),
      unixTs: inputs.unixTs,
      randomInt: (inputs.randomInt ?? 0) >>> 0,
      expiredTs: inputs.expiredTs,
      extra,
    }),
    signature: upperHexSignature,
    expires: true,
  }
}

const { InChannelPermission } = dynamicKey5

/** Every Channel Key version, each with all of its generators. */
const versions: readonly (readonly [string, readonly Generator[]])[] = [
  [
    'dynamic-key',
    [
      {
        name: 'generate',
        format: 'dynamic-key',
        generate: dynamicKey.generate,
        stored: (inputs) => hexKeyFields('001', inputs, []),
        signature: lowerHexSignature,
        expires: false,
      },
    ],
  ],
  [
    'dynamic-key2',
    [
      {
        name: 'generate',
        format: 'dynamic-key2',
        generate: dynamicKey2.generate,
        stored: (inputs) => hexKeyFields('002', inputs, ['uid', 'expiredTs']),
        signature: lowerHexSignature,
        expires: true,
      },
    ],
  ],
  [
    'dynamic-key3',
    [
      {
        name: 'generate',
        format: 'dynamic-key3',
        generate: dynamicKey3.generate,
        stored: (inputs) => hexKeyFields('003', inputs, ['uid', 'expiredTs']),
        signature: lowerHexSignature,
        expires: true,
      },
    ],
  ],
  [
    'dynamic-key4',
    [
      dynamicKey4Generator('generateMediaChannelKey', dynamicKey4.generateMediaChannelKey),
      dynamicKey4Generator('generateRecordingKey', dynamicKey4.generateRecordingKey),
      dynamicKey4Generator('generatePublicSharingKey', dynamicKey4.generatePublicSharingKey),
    ],
  ],
  [
    'dynamic-key5',
    [
      dynamicKey5Generator('generateMediaChannelKey', 1, dynamicKey5.generateMediaChannelKey),
      dynamicKey5Generator('generateRecordingKey', 2, dynamicKey5.generateRecordingKey),
      dynamicKey5Generator('generatePublicSharingKey', 3, dynamicKey5.generatePublicSharingKey),
      dynamicKey5Generator(
        'generateInChannelPermissionKey NoUpload',
        4,
        (inputs) =>
          dynamicKey5.generateInChannelPermissionKey({
            ...inputs,
            permission: InChannelPermission.NoUpload,
          }),
        new Map([[1, '0']]),
      ),
      dynamicKey5Generator(
        'generateInChannelPermissionKey AudioVideoUpload',
        4,
        (inputs) =>
          dynamicKey5.generateInChannelPermissionKey({
            ...inputs,
            permission: InChannelPermission.AudioVideoUpload,
          }),
        new Map([[1, '3']]),
      ),
    ],
  ],
]

const allGenerators = versions.flatMap(([, generators]) => generators)

/** Builds the options that verify a key made from `inputs` at its issue time. */
function verifyOptions(inputs: KeyInputs, channel = inputs.channelName) {
  return {
    appCertificate: inputs.appCertificate,
    channelName: channel,
    uid: inputs.uid ?? 0,
    appId: inputs.appId,
    now: inputs.unixTs,
  }
}

/**
 * The reason a correctly signed key gets for another expected uid, unless it
 * was made for uid 0. DynamicKey binds no uid, and DynamicKey4 and 5 do not
 * store it, so their signature fails instead.
 */
const uidMismatchCodes: Record<ChannelKeyFormat, string | undefined> = {
  'dynamic-key': undefined,
  'dynamic-key2': 'uid',
  'dynamic-key3': 'uid',
  'dynamic-key4': 'signature',
  'dynamic-key5': 'signature',
}

/** Lists the reason codes a correctly signed key gets at now = unixTs. */
function timeCodes(inputs: KeyInputs, expires: boolean): string[] {
  const expired = expires && inputs.expiredTs !== 0 && inputs.expiredTs <= inputs.unixTs
  return expired ? ['call-expired'] : []
}

/** Parses `key` and checks that it returns well-typed fields or throws an AgoraKeysError with a parse code. */
function parseWithinContract(key: string): ChannelKeyFields | AgoraKeysError {
  let fields: ChannelKeyFields
  try {
    fields = parseKey(key)
  } catch (error) {
    expect(error).toBeInstanceOf(AgoraKeysError)
    expect(parseCodes).toContain((error as AgoraKeysError).code)
    return error as AgoraKeysError
  }
  expect(['001', '002', '003', '004', '005']).toContain(fields.version)
  expect(fields.appId).toMatch(/^[0-9a-fA-F]{32}$/)
  expect(fields.signature).toMatch(/^[0-9a-fA-F]{40}$/)
  const numbers = [fields.unixTs, fields.randomInt]
  if ('expiredTs' in fields) numbers.push(fields.expiredTs)
  if ('uid' in fields) numbers.push(fields.uid)
  for (const value of numbers) {
    expect(Number.isInteger(value)).toBe(true)
    expect(value).toBeGreaterThanOrEqual(0)
    expect(value).toBeLessThanOrEqual(0xffffffff)
  }
  return fields
}

/** Verifies a random or damaged key, which must give a result and never throw. */
async function verifyWithinContract(key: string, inputs: KeyInputs): Promise<boolean> {
  const result = await verifyKey(key, verifyOptions(inputs))
  expect(result.valid).toBe(result.reasons.length === 0)
  for (const reason of result.reasons) {
    if (reason.code === 'malformed') expect(parseCodes).toContain(reason.errorCode)
  }
  return result.valid
}

/** Parses and verifies a random or damaged key, checking the error contract of both. */
async function checkWithinContract(key: string, inputs: KeyInputs): Promise<void> {
  parseWithinContract(key)
  await verifyWithinContract(key, inputs)
}

/** Characters a flip draws from: mostly the key's own alphabet, so the flipped key usually still parses. */
function replacementCharacter(format: ChannelKeyFormat): fc.Arbitrary<string> {
  const alphabet = format === 'dynamic-key5' ? base64Characters : hexCharacters
  return fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...alphabet) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  )
}

describe.each(versions)('%s properties', (_format, generators) => {
  const runsPerGenerator = Math.ceil(SIGN_RUNS / generators.length)
  const uidRunsPerGenerator = Math.ceil(UID_RUNS / generators.length)

  describe.each(generators.map((generator) => [generator.name, generator] as const))(
    '%s',
    (_name, generator) => {
      it('round-trips generate, parse, verify', async () => {
        await fc.assert(
          fc.asyncProperty(keyInputs, async (inputs) => {
            const key = await generator.generate(inputs)
            expect(detectKeyFormat(key)).toBe(generator.format)

            const fields = parseKey(key)
            const { signature, ...stored } = fields
            expect(stored).toEqual(generator.stored(inputs))
            expect(signature).toMatch(generator.signature)

            const result = await verifyKey(key, verifyOptions(inputs))
            const codes = timeCodes(inputs, generator.expires)
            expect(result.reasons.map((reason) => reason.code)).toEqual(codes)
            expect(result.valid).toBe(codes.length === 0)
          }),
          { numRuns: runsPerGenerator },
        )
      })

      it('rejects one-character flips', async () => {
        const flip = fc.tuple(keyInputs, fc.nat(), replacementCharacter(generator.format))
        await fc.assert(
          fc.asyncProperty(flip, async ([inputs, position, replacement]) => {
            const key = await generator.generate(inputs)
            const index = position % key.length
            fc.pre(key.charAt(index) !== replacement)
            const flipped = key.slice(0, index) + replacement + key.slice(index + 1)

            const result = await verifyKey(flipped, verifyOptions(inputs))
            expect(result.valid).toBe(false)
            const codes = result.reasons.map((reason) => reason.code)
            // The time checks do not read the signature, so each flip must fail a key check.
            expect(codes.some((code) => ['malformed', 'signature', 'uid', 'app-id'].includes(code))).toBe(true)
          }),
          { numRuns: runsPerGenerator },
        )
      })

      it('accepts uid 0 keys for any uid', async () => {
        await fc.assert(
          fc.asyncProperty(keyInputs, wrappingUint32, async (inputs, expectedUid) => {
            const key = await generator.generate({ ...inputs, uid: 0 })
            const result = await verifyKey(key, { ...verifyOptions(inputs), uid: expectedUid })
            const codes = timeCodes(inputs, generator.expires)
            expect(result.reasons.map((reason) => reason.code)).toEqual(codes)
            expect(result.valid).toBe(codes.length === 0)
          }),
          { numRuns: uidRunsPerGenerator },
        )
      })

      it('rejects another uid otherwise', async () => {
        const otherUid = fc
          .tuple(keyInputs, wrappingUint32)
          .filter(([inputs, expectedUid]) => {
            const signedUid = inputs.uid >>> 0
            return signedUid !== 0 && expectedUid >>> 0 !== signedUid
          })
        await fc.assert(
          fc.asyncProperty(otherUid, async ([inputs, expectedUid]) => {
            const key = await generator.generate(inputs)
            const result = await verifyKey(key, { ...verifyOptions(inputs), uid: expectedUid })
            const codes = result.reasons.map((reason) => reason.code)
            const mismatch = uidMismatchCodes[generator.format]
            const times = timeCodes(inputs, generator.expires)
            expect(codes).toEqual(mismatch === undefined ? times : [mismatch, ...times])
            expect(result.valid).toBe(codes.length === 0)
          }),
          { numRuns: uidRunsPerGenerator },
        )
      })
    },
  )
})

/** A few valid keys of every generator, made once, for the damage properties. */
const sampleInputs = fc.sample(keyInputs, { numRuns: 40, seed: 5 })
const samples: readonly (readonly [string, KeyInputs, Generator])[] = await Promise.all(
  sampleInputs.map(async (inputs, i) => {
    const generator = allGenerators[i % allGenerators.length]
    if (generator === undefined) throw new Error('no generators')
    return [await generator.generate(inputs), inputs, generator] as const
  }),
)
const sample = fc.constantFrom(...samples)

describe('channel key contract properties', () => {
  it('keeps random strings in contract', async () => {
    const prefix = fc.constantFrom('', '003', '004', '005', '006', '007')
    const key = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.tuple(prefix, fc.string({ maxLength: 200 })).map(([start, rest]) => start + rest),
      fc.tuple(prefix, fc.base64String({ maxLength: 200 })).map(([start, rest]) => start + rest),
    )
    await fc.assert(
      fc.asyncProperty(key, sample, (candidate, [, inputs]) => checkWithinContract(candidate, inputs)),
      { numRuns: PARSE_RUNS },
    )
  })

  it('keeps hex-shaped strings in contract', async () => {
    // Exactly the hex key lengths and prefixes, drawn mostly from the hex alphabet.
    const character = fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom(...hexCharacters) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    )
    const shape = fc.constantFrom(['', 90], ['', 110], ['003', 110], ['004', 100], ['005', 100])
    const key = shape.chain(([prefix, length]) =>
      fc
        .string({ unit: character, minLength: length, maxLength: length })
        .map((body) => prefix + body),
    )
    await fc.assert(
      fc.asyncProperty(key, sample, (candidate, [, inputs]) => checkWithinContract(candidate, inputs)),
      { numRuns: PARSE_RUNS },
    )
  })

  it('keeps random base64 in contract', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), sample, (bytes, [, inputs]) =>
        checkWithinContract('005' + base64Encode(bytes), inputs),
      ),
      { numRuns: PARSE_RUNS },
    )
  })

  it('keeps forged lengths in contract', async () => {
    // Overwrites a uint16 of a valid DynamicKey5, which hits the signature and
    // App ID length prefixes, the extra count and the entry lengths for some runs.
    const dynamicKey5Samples = samples.filter(([key]) => key.startsWith('005'))
    const edit = fc.tuple(fc.constantFrom(...dynamicKey5Samples), fc.nat(), fc.nat({ max: 0xffff }))
    await fc.assert(
      fc.asyncProperty(edit, async ([[key, inputs], position, value]) => {
        const content = base64Decode(key.slice(3), 'key')
        const index = position % (content.length - 1)
        content[index] = value & 0xff
        content[index + 1] = value >> 8
        await checkWithinContract('005' + base64Encode(content), inputs)
      }),
      { numRuns: PARSE_RUNS },
    )
  })

  it('rejects truncated keys', async () => {
    await fc.assert(
      fc.asyncProperty(sample, fc.nat(), async ([key, inputs, generator], cut) => {
        const length = cut % key.length
        const kept = key.slice(0, length)
        parseWithinContract(kept)
        const valid = await verifyWithinContract(kept, inputs)
        // Base64 padding is optional, so dropping all of it (not part) loses nothing.
        const droppedPadding = /^=+$/.test(key.slice(length)) && !kept.endsWith('=')
        if (droppedPadding) expect(valid).toBe(timeCodes(inputs, generator.expires).length === 0)
        else expect(valid).toBe(false)
      }),
      { numRuns: PARSE_RUNS },
    )
  })

  it('rejects appended characters', async () => {
    // A DynamicKey plus 20 digits has the DynamicKey2 shape, so the result may
    // parse, but its signature cannot match.
    const tail = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
      fc.stringMatching(/^[0-9]{1,20}$/),
    )
    await fc.assert(
      fc.asyncProperty(sample, tail, async ([key, inputs], extra) => {
        parseWithinContract(key + extra)
        expect(await verifyWithinContract(key + extra, inputs)).toBe(false)
      }),
      { numRuns: PARSE_RUNS },
    )
  })

  it('detects what version parsers read', () => {
    // detectKeyFormat checks shapes itself, so it must agree with the parsers:
    // a hex format is named exactly when its parser gets past the layout checks.
    const parsers = {
      'dynamic-key': dynamicKey.parse,
      'dynamic-key2': dynamicKey2.parse,
      'dynamic-key3': dynamicKey3.parse,
      'dynamic-key4': dynamicKey4.parse,
    } as const
    const character = fc.oneof(
      { weight: 40, arbitrary: fc.constantFrom(...hexCharacters) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    )
    const shape = fc.constantFrom(['', 90], ['', 110], ['003', 110], ['004', 100], ['', 103], ['', 113])
    const key = fc.oneof(
      shape.chain(([prefix, length]) =>
        fc.string({ unit: character, minLength: length, maxLength: length }).map((body) => prefix + body),
      ),
      sample.map(([key]) => key),
    )
    fc.assert(
      fc.property(key, (candidate) => {
        const detected = detectKeyFormat(candidate)
        for (const [format, parse] of Object.entries(parsers)) {
          let layoutMatches = true
          try {
            parse(candidate)
          } catch (error) {
            layoutMatches = (error as AgoraKeysError).code === 'ERR_KEY_INVALID_FIELD'
          }
          expect(detected === format).toBe(layoutMatches)
        }
      }),
      { numRuns: PARSE_RUNS },
    )
  })
})
