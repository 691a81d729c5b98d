import { describe, expect, it } from 'vitest'
import * as dynamicKey from '../../src/dynamic-key/index.js'
import * as dynamicKey2 from '../../src/dynamic-key2/index.js'
import * as dynamicKey3 from '../../src/dynamic-key3/index.js'
import * as dynamicKey4 from '../../src/dynamic-key4/index.js'
import type { VerifyResult } from '../../src/channel-key/types.js'
import type { ChannelKeyVerifyOptions } from '../../src/channel-key/verify-checks.js'
import { inputNumber, inputString, loadVectors, type VectorCase } from './load.js'

/** One hex Channel Key version: its vectors, parser and verifier. */
interface Version {
  readonly kind: string
  readonly version: string
  readonly prefix: string
  /** Inputs the key stores, besides appId and signature. */
  readonly stored: readonly string[]
  /** The reason a wrong uid gives when the key was not made for uid 0; undefined when the key binds no uid. */
  readonly uidMismatch: 'uid' | 'signature' | undefined
  readonly parse: (key: string) => object
  readonly verify: (key: string, options: ChannelKeyVerifyOptions) => Promise<VerifyResult<object>>
}

const versions: readonly Version[] = [
  {
    kind: 'dynamic-key',
    version: '001',
    prefix: '',
    stored: ['unixTs', 'randomInt'],
    uidMismatch: undefined,
    parse: dynamicKey.parse,
    verify: dynamicKey.verify,
  },
  {
    kind: 'dynamic-key2',
    version: '002',
    prefix: '',
    stored: ['unixTs', 'randomInt', 'uid', 'expiredTs'],
    uidMismatch: 'uid',
    parse: dynamicKey2.parse,
    verify: dynamicKey2.verify,
  },
  {
    kind: 'dynamic-key3',
    version: '003',
    prefix: '003',
    stored: ['unixTs', 'randomInt', 'uid', 'expiredTs'],
    uidMismatch: 'uid',
    parse: dynamicKey3.parse,
    verify: dynamicKey3.verify,
  },
  {
    kind: 'dynamic-key4',
    version: '004',
    prefix: '004',
    stored: ['unixTs', 'randomInt', 'expiredTs'],
    uidMismatch: 'signature',
    parse: dynamicKey4.parse,
    verify: dynamicKey4.verify,
  },
]

const dynamicKey4Services: Record<string, string> = {
  generateMediaChannelKey: 'ACS',
  generateRecordingKey: 'ARS',
  generatePublicSharingKey: 'APSS',
}

/** The stored fields a vector's inputs should parse back to; signed inputs wrap to uint32. */
function expectedFields(version: Version, vector: VectorCase): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    version: version.version,
    signature: vector.expected.slice(version.prefix.length, version.prefix.length + 40),
    appId: inputString(vector.input, 'appID'),
  }
  for (const name of version.stored) fields[name] = inputNumber(vector.input, name) >>> 0
  return fields
}

function verifyOptions(vector: VectorCase, channelName: string): ChannelKeyVerifyOptions {
  const uid = vector.input.uid
  return {
    appCertificate: inputString(vector.input, 'appCertificate'),
    channelName,
    now: inputNumber(vector.input, 'unixTs'),
    ...(typeof uid === 'number' ? { uid } : {}),
  }
}

/** Returns the uid a vector's key was signed for, wrapped to uint32, or 0 when the vector has none. */
function signedUid(vector: VectorCase): number {
  const uid = vector.input.uid
  return typeof uid === 'number' ? uid >>> 0 : 0
}

/** Tells whether a key has already expired at now = unixTs: its expiredTs is set and not after unixTs. */
function expiredAtIssue(vector: VectorCase): boolean {
  const expiredTs = vector.input.expiredTs
  return typeof expiredTs === 'number' && expiredTs !== 0 && expiredTs <= inputNumber(vector.input, 'unixTs')
}

for (const version of versions) {
  const cases = loadVectors(version.kind).cases.map((c) => [c.name, c] as const)

  describe(`${version.kind} round trip`, () => {
    it.each(cases)('parse: %s', (_name, vector) => {
      expect(version.parse(vector.expected)).toEqual(expectedFields(version, vector))
    })

    it.each(cases)('verify: %s', async (_name, vector) => {
      const channelName = inputString(vector.input, 'channelName')
      const result = await version.verify(vector.expected, verifyOptions(vector, channelName))
      const codes = result.reasons.map((reason) => reason.code)
      expect(codes).toEqual(expiredAtIssue(vector) ? ['call-expired'] : [])
      expect(result.valid).toBe(!expiredAtIssue(vector))
      if (version.kind === 'dynamic-key4') {
        expect(result.fields).toHaveProperty('service', dynamicKey4Services[vector.function])
        expect(result.fields).toHaveProperty('uid', signedUid(vector))
      }
    })

    it.each(cases)('other channel: %s', async (_name, vector) => {
      const channelName = inputString(vector.input, 'channelName') + '-other'
      const result = await version.verify(vector.expected, verifyOptions(vector, channelName))
      const codes = result.reasons.map((reason) => reason.code)
      expect(codes).toEqual(expiredAtIssue(vector) ? ['signature', 'call-expired'] : ['signature'])
      expect(result.valid).toBe(false)
      expect(result.fields).not.toHaveProperty('service')
      if (version.kind === 'dynamic-key4') expect(result.fields).not.toHaveProperty('uid')
    })

    // A key made for uid 0 lets any user join, so it verifies for any other uid.
    it.each(cases)('other uid: %s', async (_name, vector) => {
      const channelName = inputString(vector.input, 'channelName')
      const otherUid = (signedUid(vector) + 1) >>> 0
      const options = { ...verifyOptions(vector, channelName), uid: otherUid }
      const result = await version.verify(vector.expected, options)
      const codes = result.reasons.map((reason) => reason.code)
      const timeCodes = expiredAtIssue(vector) ? ['call-expired'] : []
      const anyUid = version.uidMismatch === undefined || signedUid(vector) === 0
      expect(codes).toEqual(anyUid ? timeCodes : [version.uidMismatch, ...timeCodes])
      expect(result.valid).toBe(codes.length === 0)
      if (version.kind === 'dynamic-key4') {
        if (anyUid) expect(result.fields).toHaveProperty('uid', 0)
        else expect(result.fields).not.toHaveProperty('uid')
      }
    })
  })
}
