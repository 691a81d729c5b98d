import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectKeyFormat, type ChannelKeyFormat } from '../../src/channel-key/detect.js'
import { parseKey, verifyKey } from '../../src/channel-key/parse-key.js'
import type { ChannelKeyVerifyOptions } from '../../src/channel-key/verify-checks.js'
import * as dynamicKey from '../../src/dynamic-key/index.js'
import * as dynamicKey2 from '../../src/dynamic-key2/index.js'
import * as dynamicKey3 from '../../src/dynamic-key3/index.js'
import * as dynamicKey4 from '../../src/dynamic-key4/index.js'
import * as dynamicKey5 from '../../src/dynamic-key5/index.js'
import { inputNumber, inputString, loadVectors, vectorsDir, type VectorCase } from '../vectors/load.js'

/** Each Channel Key vector file, named by its format, with the version's own parser. */
const kinds: readonly (readonly [ChannelKeyFormat, (key: string) => unknown])[] = [
  ['dynamic-key', dynamicKey.parse],
  ['dynamic-key2', dynamicKey2.parse],
  ['dynamic-key3', dynamicKey3.parse],
  ['dynamic-key4', dynamicKey4.parse],
  ['dynamic-key5', dynamicKey5.parse],
]

const dynamicKey4Services: Record<string, string> = {
  generateMediaChannelKey: 'ACS',
  generateRecordingKey: 'ARS',
  generatePublicSharingKey: 'APSS',
}

const dynamicKey5ServiceTypes: Record<string, number> = {
  generateMediaChannelKey: 1,
  generateRecordingKey: 2,
  generatePublicSharingKey: 3,
  generateInChannelPermissionKey: 4,
}

function verifyOptions(vector: VectorCase, channelName: string): ChannelKeyVerifyOptions {
  return {
    appCertificate: inputString(vector.input, 'appCertificate'),
    appId: inputString(vector.input, 'appID'),
    channelName,
    now: inputNumber(vector.input, 'unixTs'),
    ...(typeof vector.input.uid === 'number' ? { uid: vector.input.uid } : {}),
  }
}

/** Reason codes of a correctly signed vector at now = unixTs: expiredTs at or before unixTs has passed. */
function timeCodes(vector: VectorCase): string[] {
  const expiredTs = vector.input.expiredTs
  const unixTs = inputNumber(vector.input, 'unixTs')
  return typeof expiredTs === 'number' && expiredTs !== 0 && expiredTs <= unixTs ? ['call-expired'] : []
}

describe.each(kinds)('%s vectors through parseKey', (kind, parseVersion) => {
  const cases = loadVectors(kind).cases.map((vector) => [vector.name, vector] as const)

  it.each(cases)('detect: %s', (_name, vector) => {
    expect(detectKeyFormat(vector.expected)).toBe(kind)
  })

  it.each(cases)('parse: %s', (_name, vector) => {
    const fields = parseKey(vector.expected)
    expect(fields).toEqual(parseVersion(vector.expected))
    expect(fields.appId.toLowerCase()).toBe(inputString(vector.input, 'appID').toLowerCase())
    expect(fields.unixTs).toBe(inputNumber(vector.input, 'unixTs'))
    expect(fields.randomInt).toBe(inputNumber(vector.input, 'randomInt') >>> 0)
    if ('uid' in fields) expect(fields.uid).toBe(inputNumber(vector.input, 'uid') >>> 0)
    if ('expiredTs' in fields) expect(fields.expiredTs).toBe(inputNumber(vector.input, 'expiredTs'))
    if (fields.version === '005') {
      expect(fields.serviceType).toBe(dynamicKey5ServiceTypes[vector.function])
      const permission = vector.input.permission
      expect(fields.extra).toEqual(typeof permission === 'string' ? new Map([[1, permission]]) : new Map())
    }
  })

  it.each(cases)('verify: %s', async (_name, vector) => {
    const channelName = inputString(vector.input, 'channelName')
    const result = await verifyKey(vector.expected, verifyOptions(vector, channelName))
    const codes = timeCodes(vector)
    expect(result.reasons.map((reason) => reason.code)).toEqual(codes)
    expect(result.valid).toBe(codes.length === 0)
    if (kind === 'dynamic-key4') {
      expect(result.fields).toHaveProperty('service', dynamicKey4Services[vector.function])
    }
  })

  it.each(cases)('other channel: %s', async (_name, vector) => {
    const channelName = inputString(vector.input, 'channelName') + '-other'
    const result = await verifyKey(vector.expected, verifyOptions(vector, channelName))
    expect(result.reasons.map((reason) => reason.code)).toEqual(['signature', ...timeCodes(vector)])
    expect(result.valid).toBe(false)
  })
})

interface Divergence {
  readonly kind: string
  readonly name: string
  readonly input: Record<string, unknown>
  readonly disagreeing: Record<string, { readonly output?: string }>
}

/** Channel Keys that another reference wrote differently from the canonical vector. */
function divergentKeys(): (readonly [string, string, VectorCase])[] {
  const file = path.join(vectorsDir, 'divergences.json')
  const { divergences } = JSON.parse(readFileSync(file, 'utf8')) as { divergences: Divergence[] }
  return divergences
    .filter((entry) => entry.kind.startsWith('dynamic-key'))
    .flatMap((entry) =>
      Object.entries(entry.disagreeing).flatMap(([reference, outcome]) => {
        if (outcome.output === undefined) return []
        const vector = { name: entry.name, function: '', input: entry.input, expected: '', agreedBy: [] }
        return [[`${entry.name} (${reference})`, outcome.output, vector] as const]
      }),
    )
}

describe('divergent reference outputs', () => {
  it.each(divergentKeys())('rejects %s', async (_name, key, vector) => {
    const channelName = inputString(vector.input, 'channelName')
    const result = await verifyKey(key, verifyOptions(vector, channelName))
    const codes = result.reasons.map((reason) => reason.code)
    expect(result.valid).toBe(false)
    expect(codes.some((code) => code === 'malformed' || code === 'signature')).toBe(true)
  })
})
