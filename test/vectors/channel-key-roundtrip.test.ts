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
  readonly parse: (key: string) => object
  readonly verify: (key: string, options: ChannelKeyVerifyOptions) => Promise<VerifyResult<object>>
}

const versions: readonly Version[] = [
  {
    kind: 'dynamic-key',
    version: '001',
    prefix: '',
    stored: ['unixTs', 'randomInt'],
    parse: dynamicKey.parse,
    verify: dynamicKey.verify,
  },
  {
    kind: 'dynamic-key2',
    version: '002',
    prefix: '',
    stored: ['unixTs', 'randomInt', 'uid', 'expiredTs'],
    parse: dynamicKey2.parse,
    verify: dynamicKey2.verify,
  },
  {
    kind: 'dynamic-key3',
    version: '003',
    prefix: '003',
    stored: ['unixTs', 'randomInt', 'uid', 'expiredTs'],
    parse: dynamicKey3.parse,
    verify: dynamicKey3.verify,
  },
  {
    kind: 'dynamic-key4',
    version: '004',
    prefix: '004',
    stored: ['unixTs', 'randomInt', 'expiredTs'],
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

/** A key whose expiredTs is set and not after unixTs has already expired at now = unixTs. */
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
      }
    })

    it.each(cases)('other channel: %s', async (_name, vector) => {
      const channelName = inputString(vector.input, 'channelName') + '-other'
      const result = await version.verify(vector.expected, verifyOptions(vector, channelName))
      const codes = result.reasons.map((reason) => reason.code)
      expect(codes).toEqual(expiredAtIssue(vector) ? ['signature', 'call-expired'] : ['signature'])
      expect(result.valid).toBe(false)
      expect(result.fields).not.toHaveProperty('service')
    })
  })
}
