import { describe, expect, it } from 'vitest'
import {
  DynamicKey5Service,
  InChannelPermission,
  generateInChannelPermissionKey,
  generateMediaChannelKey,
  generatePublicSharingKey,
  generateRecordingKey,
  parse,
  verify,
} from '../../src/dynamic-key5/index.js'
import type { ChannelKeyWithUidOptions } from '../../src/dynamic-key5/index.js'
import { inputNumber, inputString, loadVectors, type VectorCase } from './load.js'

const vectors = loadVectors('dynamic-key5')

/** The service type each reference function writes into the key. */
const serviceTypes: Record<string, number> = {
  generateMediaChannelKey: DynamicKey5Service.mediaChannel,
  generateRecordingKey: DynamicKey5Service.recording,
  generatePublicSharingKey: DynamicKey5Service.publicSharing,
  generateInChannelPermissionKey: DynamicKey5Service.inChannelPermission,
}

function options(vector: VectorCase): ChannelKeyWithUidOptions {
  return {
    appId: inputString(vector.input, 'appID'),
    appCertificate: inputString(vector.input, 'appCertificate'),
    channelName: inputString(vector.input, 'channelName'),
    unixTs: inputNumber(vector.input, 'unixTs'),
    randomInt: inputNumber(vector.input, 'randomInt'),
    uid: inputNumber(vector.input, 'uid'),
    expiredTs: inputNumber(vector.input, 'expiredTs'),
  }
}

function permission(vector: VectorCase): InChannelPermission {
  const value = inputString(vector.input, 'permission')
  if (value !== InChannelPermission.NoUpload && value !== InChannelPermission.AudioVideoUpload) {
    throw new TypeError(`vector permission ${value} is not "0" or "3"`)
  }
  return value
}

function generate(vector: VectorCase): Promise<string> {
  switch (vector.function) {
    case 'generateMediaChannelKey':
      return generateMediaChannelKey(options(vector))
    case 'generateRecordingKey':
      return generateRecordingKey(options(vector))
    case 'generatePublicSharingKey':
      return generatePublicSharingKey(options(vector))
    case 'generateInChannelPermissionKey':
      return generateInChannelPermissionKey({ ...options(vector), permission: permission(vector) })
    default:
      throw new TypeError(`vector function ${vector.function} is not a DynamicKey5 generator`)
  }
}

function expectedExtra(vector: VectorCase): Map<number, string> {
  if (vector.function !== 'generateInChannelPermissionKey') return new Map()
  return new Map([[1, permission(vector)]])
}

/** Returns the uid the key was signed for: the vector's uid wrapped to uint32. */
function signedUid(vector: VectorCase): number {
  return inputNumber(vector.input, 'uid') >>> 0
}

/** Reasons a correctly signed key still gets at now = unixTs: only an expiredTs already passed. */
function expectedTimeReasons(vector: VectorCase): string[] {
  const expiredTs = inputNumber(vector.input, 'expiredTs')
  const unixTs = inputNumber(vector.input, 'unixTs')
  return expiredTs !== 0 && expiredTs <= unixTs ? ['call-expired'] : []
}

const cases = vectors.cases.map((c) => [c.name, c] as const)

describe('dynamic-key5 vectors', () => {
  it('has cases of every function', () => {
    const functions = new Set(vectors.cases.map((c) => c.function))
    expect([...functions].sort()).toEqual(Object.keys(serviceTypes).sort())
  })

  it('has signed-input cases', () => {
    const signed = vectors.cases.filter((c) => c.note === 'signed input wraps to uint32')
    expect(signed.length).toBeGreaterThan(0)
  })

  it.each(cases)('generate: %s', async (_name, vector) => {
    expect(await generate(vector)).toBe(vector.expected)
  })

  it.each(cases)('parse: %s', (_name, vector) => {
    const input = options(vector)
    const fields = parse(vector.expected)
    expect(fields.version).toBe('005')
    expect(fields.serviceType).toBe(serviceTypes[vector.function])
    expect(fields.appId).toBe(input.appId.toLowerCase())
    expect(fields.signature).toMatch(/^[0-9A-F]{40}$/)
    expect(fields.unixTs).toBe(input.unixTs)
    expect(fields.randomInt).toBe((input.randomInt ?? Number.NaN) >>> 0)
    expect(fields.expiredTs).toBe(input.expiredTs)
    expect(fields.extra).toEqual(expectedExtra(vector))
  })

  it.each(cases)('verify: %s', async (_name, vector) => {
    const input = options(vector)
    const result = await verify(vector.expected, {
      appCertificate: input.appCertificate,
      appId: input.appId,
      channelName: input.channelName,
      uid: input.uid,
      now: input.unixTs,
    })
    const timeReasons = expectedTimeReasons(vector)
    expect(result.reasons.map((reason) => reason.code)).toEqual(timeReasons)
    expect(result.valid).toBe(timeReasons.length === 0)
    expect(result.fields).toEqual({ ...parse(vector.expected), uid: signedUid(vector) })
  })

  it.each(cases)('verify other channel: %s', async (_name, vector) => {
    const input = options(vector)
    const result = await verify(vector.expected, {
      appCertificate: input.appCertificate,
      channelName: `${input.channelName}-other`,
      uid: input.uid,
      now: input.unixTs,
    })
    expect(result.valid).toBe(false)
    expect(result.reasons.map((reason) => reason.code)).toEqual([
      'signature',
      ...expectedTimeReasons(vector),
    ])
  })

  // A key made for uid 0 lets any user join, so only keys for another uid fail here.
  it.each(cases)('verify other uid: %s', async (_name, vector) => {
    const input = options(vector)
    const result = await verify(vector.expected, {
      appCertificate: input.appCertificate,
      channelName: input.channelName,
      uid: (signedUid(vector) + 1) >>> 0,
      now: input.unixTs,
    })
    const timeReasons = expectedTimeReasons(vector)
    const codes = result.reasons.map((reason) => reason.code)
    if (signedUid(vector) === 0) {
      expect(codes).toEqual(timeReasons)
      expect(result.valid).toBe(timeReasons.length === 0)
      expect(result.fields?.uid).toBe(0)
    } else {
      expect(codes).toEqual(['signature', ...timeReasons])
      expect(result.valid).toBe(false)
      expect(result.fields).not.toHaveProperty('uid')
    }
  })

  it('has uid 0 cases', () => {
    expect(vectors.cases.some((vector) => signedUid(vector) === 0)).toBe(true)
  })
})
