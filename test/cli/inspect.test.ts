import { describe, expect, it } from 'vitest'
import { loadVectors } from '../vectors/load.js'
import { distinctCases } from './fixtures.js'
import { runCli } from './process.js'

/** Shape of `inspect --json` output. */
interface InspectJson {
  format: string
  version: string
  now: number
  nowIso: string
  fields: Record<string, unknown>
  comparisons: { option: string; value: string; matches: boolean | null; message: string }[]
  warnings: { code: string; message: string }[]
}

async function inspectJson(key: string, ...options: string[]): Promise<InspectJson> {
  const run = await runCli(['inspect', key, '--json', ...options])
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  return JSON.parse(run.stdout) as InspectJson
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
const wrap = (value: unknown): number => Number(value) >>> 0

/** DynamicKey5 service types by the reference function that writes them. */
const serviceTypes: Readonly<Record<string, number>> = {
  generateMediaChannelKey: 1,
  generateRecordingKey: 2,
  generatePublicSharingKey: 3,
  generateInChannelPermissionKey: 4,
}

const channelKeyKinds = [
  ['dynamic-key', '001'],
  ['dynamic-key2', '002'],
  ['dynamic-key3', '003'],
  ['dynamic-key4', '004'],
  ['dynamic-key5', '005'],
] as const

for (const [kind, version] of channelKeyKinds) {
  describe.concurrent(`cli inspect ${kind} vectors`, () => {
    it.each(distinctCases(loadVectors(kind).cases).map((vector) => [vector.name, vector] as const))(
      '%s',
      async (_name, vector) => {
        const { input } = vector
        // Ten seconds after issue, inside the join window, but no later than the uint32 maximum.
        const now = Math.min(wrap(input.unixTs) + 10, 0xffffffff)
        const output = await inspectJson(vector.expected, `--now=${String(now)}`)
        expect(output.format).toBe(kind)
        expect(output.version).toBe(version)
        expect(output.now).toBe(now)
        // DynamicKey5 stores the App ID as 16 bytes, so its case is not kept.
        const appId = kind === 'dynamic-key5' ? String(input.appID).toLowerCase() : input.appID
        expect(output.fields.appId).toBe(appId)
        expect(output.fields.unixTs).toBe(wrap(input.unixTs))
        expect(output.fields.unixTsIso).toBe(iso(wrap(input.unixTs)))
        expect(output.fields.joinWindowEnd).toBe(wrap(input.unixTs) + 300)
        expect(output.fields.randomInt).toBe(wrap(input.randomInt))
        if (kind === 'dynamic-key2' || kind === 'dynamic-key3') expect(output.fields.uid).toBe(wrap(input.uid))
        if (kind !== 'dynamic-key') {
          expect(output.fields.expiredTs).toBe(wrap(input.expiredTs))
          expect(output.fields.expiredTsIso).toBe(input.expiredTs === 0 ? null : iso(wrap(input.expiredTs)))
        }
        if (kind === 'dynamic-key5') {
          expect(output.fields.serviceType).toBe(serviceTypes[vector.function])
          expect(output.fields.extra).toEqual('permission' in input ? { 1: input.permission } : {})
        }
      },
    )
  })
}

/** Lists the privileges of a "006" case as inspect prints them, by ascending id. */
function expectedPrivileges(privileges: Record<string, number>): { id: number; expireTimestamp: number }[] {
  return Object.entries(privileges)
    .map(([id, expireTimestamp]) => ({ id: Number(id), expireTimestamp }))
    .sort((a, b) => a.id - b.id)
}

describe.concurrent('cli inspect access-token vectors', () => {
  const cases = distinctCases(loadVectors('access-token').cases).filter((vector) => vector.function === 'AccessToken')

  it.each(cases.map((vector) => [vector.name, vector] as const))('%s', async (_name, vector) => {
    const { input } = vector
    const user = typeof input.uid === 'string' ? `--account=${input.uid}` : `--uid=${String(input.uid)}`
    const output = await inspectJson(vector.expected, '--now=1000', `--channel=${String(input.channelName)}`, user)
    expect(output.format).toBe('access-token')
    expect(output.version).toBe('006')
    expect(output.fields.appId).toBe(input.appID)
    expect(output.fields.salt).toBe(input.salt)
    expect(output.fields.ts).toBe(input.ts)
    expect(output.fields.tsIso).toBe(iso(Number(input.ts)))
    const privileges = output.fields.privileges as { id: number; expireTimestamp: number }[]
    expect(privileges.map(({ id, expireTimestamp }) => ({ id, expireTimestamp }))).toEqual(
      expectedPrivileges(input.privileges as Record<string, number>),
    )
    expect(output.comparisons.map((comparison) => comparison.matches)).toEqual([true, true])
  })
})

describe.concurrent('cli inspect access-token uid comparison', () => {
  const cases = distinctCases(loadVectors('access-token').cases).filter(
    (vector) => typeof vector.input.uid === 'number',
  )

  it('has uid 0 and other uid cases', () => {
    expect(cases.some((vector) => vector.input.uid === 0)).toBe(true)
    expect(cases.some((vector) => vector.input.uid !== 0)).toBe(true)
  })

  it.each(cases.map((vector) => [vector.name, vector] as const))('%s', async (_name, vector) => {
    const uid = Number(vector.input.uid)
    const other = uid === 0 ? 42 : (uid + 1) % 2 ** 32 || 1
    const output = await inspectJson(vector.expected, '--now=1000', `--uid=${String(other)}`)
    const [comparison] = output.comparisons
    // A token built for uid 0 admits any uid, so another uid matches only then.
    expect(comparison?.matches).toBe(uid === 0)
  })
})

/** Reduces a service of inspect --json to the fields a vector input holds. */
function storedService(service: Record<string, unknown>): Record<string, unknown> {
  const stored = { ...service }
  delete stored.name
  const entries = service.privileges as { id: number; seconds: number }[]
  stored.privileges = Object.fromEntries(entries.map(({ id, seconds }) => [String(id), seconds]))
  return stored
}

describe.concurrent('cli inspect access-token2 vectors', () => {
  const cases = distinctCases(loadVectors('access-token2').cases).filter((vector) => vector.function === 'AccessToken2')

  it.each(cases.map((vector) => [vector.name, vector] as const))('%s', async (_name, vector) => {
    const { input } = vector
    const output = await inspectJson(vector.expected, '--now=1000')
    expect(output.format).toBe('access-token2')
    expect(output.version).toBe('007')
    expect(output.fields.appId).toBe(input.appID)
    expect(output.fields.issueTs).toBe(input.issueTs)
    expect(output.fields.issueTsIso).toBe(iso(Number(input.issueTs)))
    expect(output.fields.expire).toBe(input.expire)
    expect(output.fields.salt).toBe(input.salt)
    const services = input.services as { type: number }[]
    // Tokens keep services in ascending type order, and Array.prototype.sort is stable.
    const expected = [...services].sort((a, b) => a.type - b.type)
    expect((output.fields.services as Record<string, unknown>[]).map(storedService)).toEqual(expected)
  })
})
