/**
 * The runtime conformance suite: every vector case of every kind, run against
 * a library object (the root export of agora-keys as one runtime loaded it).
 * It uses only what every target runtime has (WebCrypto, DecompressionStream,
 * atob), so the same code runs on Node, Deno, Bun, workerd and Chromium. The
 * Edge Runtime lacks DecompressionStream, so its host passes an inflater.
 */

/** One case of a kind file in vectors/, as vectors/README.md describes it. */
export interface VectorCase {
  readonly name: string
  readonly function: string
  readonly input: Readonly<Record<string, unknown>>
  readonly expected: string
  readonly payloadHex?: string
}

export interface VectorFile {
  readonly kind: string
  readonly cases: readonly VectorCase[]
}

/** Describes the runtime by its user agent, or its Node version where there is none (Node 20). */
export function describeRuntime(): string {
  const scope = globalThis as { navigator?: { userAgent?: unknown }; process?: { version?: unknown } }
  const agent = scope.navigator?.userAgent
  if (typeof agent === 'string') return agent
  const version = scope.process?.version
  return typeof version === 'string' ? `Node.js ${version}` : 'unknown runtime'
}

/** One failed check of one case. */
export interface CheckFailure {
  readonly kind: string
  readonly name: string
  readonly check: string
  readonly message: string
  /** The AgoraKeysError code that was thrown, or that a `malformed` verify reason carries. */
  readonly code?: string
}

/** A failed check before it is labeled with its kind and case. */
type CaseFailure = Omit<CheckFailure, 'kind' | 'name'>

/** Counts per vector kind. A case passes when all of its checks pass. */
export interface KindReport {
  readonly kind: string
  readonly cases: number
  readonly passed: number
  readonly failed: number
}

export interface ConformanceReport {
  /** What the runtime reported of itself (user agent or version). */
  readonly runtime: string
  /** The library's hmacBackendName(): "node" or "web". */
  readonly backend: string
  readonly kinds: readonly KindReport[]
  /** Cases plus fresh-key checks, over all kinds. */
  readonly passed: number
  readonly failed: number
  /** "007" tokens equal to `expected` character for character; the others match in payload only. */
  readonly exactTokens: number
  /** At most 20 failures, so a broken runtime does not flood the output. */
  readonly failures: readonly CheckFailure[]
  /**
   * The number of failed checks per error code, over all failures: the
   * AgoraKeysError code, or "other" for a failure that carries no code.
   */
  readonly failureCodes: Readonly<Record<string, number>>
}

type Library = Readonly<Record<string, unknown>>
type Callable = (...args: unknown[]) => unknown

/** Reason codes that depend only on the clock; every vector case was issued in the past. */
const timeReasons = new Set([
  'join-window',
  'call-expired',
  'issued-in-future',
  'token-expired',
  'privilege-expired',
])

const MAX_REPORTED_FAILURES = 20

/** Finds a function by a dotted path such as "dynamicKey4.generateRecordingKey", bound to its object. */
function lookup(lib: Library, path: string): Callable {
  let owner: unknown = undefined
  let value: unknown = lib
  for (const part of path.split('.')) {
    owner = value
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[part]
        : undefined
  }
  if (typeof value !== 'function') throw new Error(`the library has no function ${path}`)
  const fn = value as Callable
  return (...args) => fn.apply(owner, args)
}

function inputString(vector: VectorCase, field: string): string {
  const value = vector.input[field]
  if (typeof value !== 'string') throw new Error(`vector input ${field} is not a string`)
  return value
}

function inputNumber(vector: VectorCase, field: string): number {
  const value = vector.input[field]
  if (typeof value !== 'number') throw new Error(`vector input ${field} is not a number`)
  return value
}

/** Copies a case's input as options: the vectors spell appId "appID", every other name matches. */
function optionsOf(vector: VectorCase): Record<string, unknown> {
  const { appID, ...rest } = vector.input
  return { appId: appID, ...rest }
}

function snakeToCamel(name: string): string {
  return name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase())
}

/** How one kind's cases map onto the library's API. */
interface KindAdapter {
  /** Calls the generator or builder the case names; returns the key or token, or a Promise of it. */
  generate(lib: Library, vector: VectorCase): unknown
  /** Whether tokens are compared by their inflated payload ("007") or exactly. */
  readonly compare: 'exact' | 'payload'
  parse(lib: Library, vector: VectorCase): unknown
  verify(lib: Library, vector: VectorCase): unknown
}

function channelKeyAdapter(namespace: string): KindAdapter {
  return {
    compare: 'exact',
    generate: (lib, vector) => lookup(lib, `${namespace}.${vector.function}`)(optionsOf(vector)),
    parse: (lib, vector) => lookup(lib, `${namespace}.parse`)(vector.expected),
    verify: (lib, vector) => {
      const uid = vector.input.uid
      return lookup(lib, `${namespace}.verify`)(vector.expected, {
        appCertificate: inputString(vector, 'appCertificate'),
        channelName: inputString(vector, 'channelName'),
        now: inputNumber(vector, 'unixTs'),
        ...(typeof uid === 'number' ? { uid } : {}),
      })
    },
  }
}

/** Returns the channel and uid or account an "006" case signs. RTM tokens sign the user account as the channel. */
function accessTokenTarget(vector: VectorCase): Record<string, unknown> {
  if (vector.function === 'RtmTokenBuilder.buildToken') {
    return { channelName: inputString(vector, 'userAccount') }
  }
  const channelName = inputString(vector, 'channelName')
  if (vector.function === 'RtcTokenBuilder.buildTokenWithAccount') {
    return { channelName, account: inputString(vector, 'account') }
  }
  const uid = vector.input.uid
  return typeof uid === 'string' ? { channelName, account: uid } : { channelName, uid }
}

const accessTokenAdapter: KindAdapter = {
  compare: 'exact',
  generate: (lib, vector) => {
    if (vector.function !== 'AccessToken') return lookup(lib, vector.function)(optionsOf(vector))
    // The plain "006" builder takes a string uid as `account`, as vectors/README.md describes.
    const { uid, ...rest } = optionsOf(vector)
    const who = typeof uid === 'string' ? { account: uid } : { uid }
    return lookup(lib, 'buildAccessToken')({ ...rest, ...who })
  },
  parse: (lib, vector) => lookup(lib, 'parseAccessToken')(vector.expected),
  verify: (lib, vector) =>
    lookup(lib, 'verifyAccessToken')(vector.expected, {
      appCertificate: inputString(vector, 'appCertificate'),
      appId: inputString(vector, 'appID'),
      ...accessTokenTarget(vector),
    }),
}

const accessToken2Adapter: KindAdapter = {
  compare: 'payload',
  generate: (lib, vector) => {
    const [builder, method] = vector.function.split('.')
    const path =
      vector.function === 'AccessToken2'
        ? 'buildAccessToken2'
        : `${builder ?? ''}.${snakeToCamel(method ?? '')}`
    return lookup(lib, path)(optionsOf(vector))
  },
  parse: (lib, vector) => lookup(lib, 'parseAccessToken2')(vector.expected),
  verify: (lib, vector) =>
    lookup(lib, 'verifyAccessToken2')(vector.expected, {
      appCertificate: inputString(vector, 'appCertificate'),
      appId: inputString(vector, 'appID'),
      now: inputNumber(vector, 'issueTs'),
    }),
}

const adapters: Readonly<Record<string, KindAdapter>> = {
  'dynamic-key': channelKeyAdapter('dynamicKey'),
  'dynamic-key2': channelKeyAdapter('dynamicKey2'),
  'dynamic-key3': channelKeyAdapter('dynamicKey3'),
  'dynamic-key4': channelKeyAdapter('dynamicKey4'),
  'dynamic-key5': channelKeyAdapter('dynamicKey5'),
  'access-token': accessTokenAdapter,
  'access-token2': accessToken2Adapter,
}

/**
 * Calls the generator or builder that a case of `kind` names and returns its
 * output, for hosts that compare keys outside the runtime (the workerd test
 * requests them over HTTP).
 */
export async function generateVector(lib: Library, kind: string, vector: VectorCase): Promise<string> {
  const adapter = adapters[kind]
  if (adapter === undefined) throw new Error(`no adapter for vector kind ${kind}`)
  const output = await adapter.generate(lib, vector)
  if (typeof output !== 'string') throw new Error(`generated ${typeof output}, not a string`)
  return output
}

function hex(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0')
  return out
}

/** A zlib inflater for the suite's own checks, independent of the library. */
export type SuiteInflate = (body: Uint8Array<ArrayBuffer>) => Promise<Uint8Array>

/** Inflates with the runtime's own DecompressionStream, the suite's default. */
async function inflateWithStream(body: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([body]).stream().pipeThrough(new DecompressionStream('deflate'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/** Inflates a "007" token body to its payload, as vectors/README.md describes. */
async function payloadHexOf(token: string, inflate: SuiteInflate): Promise<string> {
  if (!token.startsWith('007')) throw new Error('token does not start with 007')
  const body = Uint8Array.from(atob(token.slice(3)), (char) => char.charCodeAt(0))
  return hex(await inflate(body))
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return typeof code === 'string' ? `${code}: ${error.message}` : `${error.name}: ${error.message}`
  }
  return String(error)
}

/** Returns the AgoraKeysError code of a thrown value, if it has one. */
function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

function failureOf(check: string, error: unknown): CaseFailure {
  const code = errorCodeOf(error)
  return { check, message: messageOf(error), ...(code === undefined ? {} : { code }) }
}

interface Reason {
  readonly code?: unknown
  readonly errorCode?: unknown
}

/** Returns the reasons of a verify result that do not depend on the clock. */
function nonTimeReasons(result: unknown): Reason[] {
  const reasons = (result as { reasons?: unknown }).reasons
  if (!Array.isArray(reasons)) throw new Error('verify returned no reasons array')
  return (reasons as Reason[]).filter((reason) => !timeReasons.has(String(reason.code)))
}

/** Turns failed verify reasons into a failure, carrying the first error code a reason names. */
function reasonsFailure(reasons: readonly Reason[]): CaseFailure {
  const names = reasons.map((reason) =>
    typeof reason.errorCode === 'string' ? `${String(reason.code)} (${reason.errorCode})` : String(reason.code),
  )
  const code = reasons
    .map((reason) => reason.errorCode)
    .find((value): value is string => typeof value === 'string')
  return { check: 'verify', message: `reasons ${names.join(', ')}`, ...(code === undefined ? {} : { code }) }
}

/** Runs the three checks of one case and returns the failures. */
async function runCase(
  lib: Library,
  adapter: KindAdapter,
  vector: VectorCase,
  inflate: SuiteInflate,
): Promise<{ failures: CaseFailure[]; exact: boolean }> {
  const failures: CaseFailure[] = []
  let exact = false

  try {
    const output = await adapter.generate(lib, vector)
    if (typeof output !== 'string') throw new Error(`generated ${typeof output}, not a string`)
    exact = output === vector.expected
    if (adapter.compare === 'exact' && !exact) {
      failures.push({ check: 'generate', message: `got ${output}, expected ${vector.expected}` })
    }
    // A token equal to the vector's has its payload, so only the others are inflated.
    if (adapter.compare === 'payload' && !exact) {
      const payload = await payloadHexOf(output, inflate)
      if (payload !== vector.payloadHex) {
        failures.push({ check: 'generate', message: `payload ${payload} differs from payloadHex` })
      }
    }
  } catch (error) {
    failures.push(failureOf('generate', error))
  }

  try {
    const fields = (await adapter.parse(lib, vector)) as { appId?: unknown }
    const appId = String(fields.appId).toLowerCase()
    if (appId !== inputString(vector, 'appID').toLowerCase()) {
      failures.push({ check: 'parse', message: `parsed appId ${appId}` })
    }
  } catch (error) {
    failures.push(failureOf('parse', error))
  }

  try {
    const reasons = nonTimeReasons(await adapter.verify(lib, vector))
    if (reasons.length > 0) failures.push(reasonsFailure(reasons))
  } catch (error) {
    failures.push(failureOf('verify', error))
  }

  return { failures, exact }
}

/**
 * Generates keys with the defaults (clock and random values of this runtime)
 * and verifies them at the current time, where they must be fully valid.
 */
async function freshChecks(
  lib: Library,
  credentials: VectorCase,
): Promise<{ count: number; failures: CheckFailure[] }> {
  const appId = inputString(credentials, 'appID')
  const appCertificate = inputString(credentials, 'appCertificate')
  const channelName = 'runtime-conformance'
  const now = Math.floor(Date.now() / 1000)
  const checks: readonly (readonly [string, () => unknown, (key: string) => unknown])[] = [
    [
      'dynamicKey defaults',
      () => lookup(lib, 'dynamicKey.generate')({ appId, appCertificate, channelName }),
      (key) => lookup(lib, 'dynamicKey.verify')(key, { appCertificate, channelName }),
    ],
    [
      'dynamicKey5 defaults',
      () =>
        lookup(lib, 'dynamicKey5.generateMediaChannelKey')({ appId, appCertificate, channelName, uid: 42 }),
      (key) => lookup(lib, 'dynamicKey5.verify')(key, { appCertificate, channelName, uid: 42 }),
    ],
    [
      '006 builder defaults',
      () =>
        lookup(lib, 'RtcTokenBuilder.buildTokenWithUid')({
          appId,
          appCertificate,
          channelName,
          uid: 42,
          role: 1,
          privilegeExpiredTs: now + 3600,
        }),
      (token) => lookup(lib, 'verifyAccessToken')(token, { appCertificate, channelName, uid: 42 }),
    ],
    [
      '007 builder defaults',
      () =>
        lookup(lib, 'RtcTokenBuilder2.buildTokenWithUid')({
          appId,
          appCertificate,
          channelName,
          uid: 42,
          role: 1,
          tokenExpire: 3600,
          privilegeExpire: 3600,
        }),
      (token) => lookup(lib, 'verifyAccessToken2')(token, { appCertificate, channelName, uid: 42 }),
    ],
  ]

  const failures: CheckFailure[] = []
  for (const [name, generate, verify] of checks) {
    try {
      const first = await generate()
      const second = await generate()
      if (typeof first !== 'string' || typeof second !== 'string') throw new Error('generated a non-string')
      // Each call draws a fresh random value, so two keys made in the same second still differ.
      if (first === second) throw new Error('two calls returned the same key')
      const result = (await verify(first)) as { valid?: unknown; reasons?: unknown }
      if (result.valid !== true) throw new Error(`not valid: ${JSON.stringify(result.reasons)}`)
    } catch (error) {
      failures.push({ kind: 'fresh', name, ...failureOf('generate and verify', error) })
    }
  }
  return { count: checks.length, failures }
}

/**
 * Runs every case of every vector file against `lib` and counts the results.
 * A kind whose API is missing fails each of its cases with "the library has no
 * function ...", so nothing is skipped. `inflate` checks the payload of a
 * "007" token that differs from the vector's. A host passes its own where the
 * runtime has no DecompressionStream.
 */
export async function runConformance(
  lib: Library,
  files: readonly VectorFile[],
  runtime: string,
  inflate: SuiteInflate = inflateWithStream,
): Promise<ConformanceReport> {
  // Two files (access-token2 and its extra set) share one kind, so counts are summed per kind.
  const counts = new Map<string, { cases: number; passed: number }>()
  const failures: CheckFailure[] = []
  let exactTokens = 0

  for (const file of files) {
    const adapter = adapters[file.kind]
    if (adapter === undefined) throw new Error(`no adapter for vector kind ${file.kind}`)
    const count = counts.get(file.kind) ?? { cases: 0, passed: 0 }
    counts.set(file.kind, count)
    for (const vector of file.cases) {
      const result = await runCase(lib, adapter, vector, inflate)
      if (result.exact && adapter.compare === 'payload') exactTokens++
      count.cases++
      if (result.failures.length === 0) count.passed++
      for (const failure of result.failures) {
        failures.push({ kind: file.kind, name: vector.name, ...failure })
      }
    }
  }
  const kinds = [...counts].map(([kind, count]) => ({
    kind,
    cases: count.cases,
    passed: count.passed,
    failed: count.cases - count.passed,
  }))

  const credentials = files.find((file) => file.kind === 'dynamic-key')?.cases[0]
  if (credentials === undefined) throw new Error('the dynamic-key vectors have no case to take credentials from')
  const fresh = await freshChecks(lib, credentials)
  failures.push(...fresh.failures)

  const passed = kinds.reduce((sum, kind) => sum + kind.passed, 0) + fresh.count - fresh.failures.length
  const failed = kinds.reduce((sum, kind) => sum + kind.failed, 0) + fresh.failures.length

  let backend: string
  try {
    backend = String(lookup(lib, 'hmacBackendName')())
  } catch (error) {
    backend = messageOf(error)
  }

  const failureCodes: Record<string, number> = {}
  for (const failure of failures) {
    const code = failure.code ?? 'other'
    failureCodes[code] = (failureCodes[code] ?? 0) + 1
  }

  return {
    runtime,
    backend,
    kinds,
    passed,
    failed,
    exactTokens,
    failures: failures.slice(0, MAX_REPORTED_FAILURES),
    failureCodes,
  }
}
