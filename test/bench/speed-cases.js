// The speed comparisons of test/bench/run.js: for each operation, agora-keys through
// both builds (dist/node and dist/web, imported by file) and, where one exists, the
// official npm package. Every group checks before timing that its variants do the same
// work, for example that our builder returns the official package's token for the same
// salt and time, and throws if not, so that a broken comparison is never timed.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { primitiveGroup } from './primitives.js'

const require = createRequire(import.meta.url)
const repositoryRoot = path.resolve(import.meta.dirname, '../..')

/** Inputs of the samples and tests in Agora's reference code (AgoraIO/Tools, DynamicKey/AgoraDynamicKey). */
const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERTIFICATE = '5CFd2fd1755d40ecb72977518be15d3b'
const CHANNEL_NAME = '7d72365eb983485397e3e3f9d460bdda'
const UID = 2882341273
const USER_ID = 'test_user'

/** Fixed clock for our builders and verifiers: 2023-11-14T22:13:20Z. */
const ISSUE_TS = 1_700_000_000
const SALT = 58964981
const NOW = ISSUE_TS + 100

/** Calls in flight at once in the concurrent variants of the builders. */
export const CONCURRENT_CALLS = 16

/** Returns "name@version" of an installed package, read from its package.json. */
export function installedPackage(name) {
  const file = path.join(repositoryRoot, 'node_modules', name, 'package.json')
  const manifest = JSON.parse(readFileSync(file, 'utf8'))
  return `${manifest.name}@${manifest.version}`
}

/** Imports the root entry of one of our builds. */
async function importBuild(runtime) {
  const file = path.join(repositoryRoot, 'dist', runtime, 'index.js')
  return import(pathToFileURL(file).href)
}

/** Reads one case of vectors/<kind>.json, picked by its function and reference test. */
function vectorCase(kind, functionName) {
  const file = path.join(repositoryRoot, 'vectors', `${kind}.json`)
  const { cases } = JSON.parse(readFileSync(file, 'utf8'))
  const found = cases.find(
    (entry) => entry.function === functionName && entry.name.startsWith('reference-test: python3/'),
  )
  if (found === undefined) throw new Error(`vectors/${kind}.json has no python3 ${functionName} case`)
  return found
}

/** Maps a vector input (the references' names) to the options of our Channel Key generators. */
function channelKeyOptions(input) {
  const options = {
    appId: input.appID,
    appCertificate: input.appCertificate,
    channelName: input.channelName,
    unixTs: input.unixTs,
    randomInt: input.randomInt,
  }
  if (input.uid !== undefined) options.uid = input.uid
  if (input.expiredTs !== undefined) options.expiredTs = input.expiredTs
  return options
}

/** Throws unless `condition` is true, so that a broken comparison is never timed. */
function check(condition, message) {
  if (!condition) throw new Error(`bench check failed: ${message}`)
}

function oursLabel(runtime) {
  return runtime === 'node'
    ? 'agora-keys dist/node (node:crypto HMAC)'
    : 'agora-keys dist/web (WebCrypto HMAC)'
}

/** Returns our variants of one operation: dist/node, dist/web and, if asked, dist/web with calls in flight. */
function oursVariants(builds, makeRun, { concurrent = false, labelSuffix = '' } = {}) {
  const variants = []
  for (const [runtime, build] of builds) {
    const run = makeRun(build)
    variants.push({ id: runtime, build: runtime, label: `${oursLabel(runtime)}${labelSuffix}`, run })
    if (concurrent && runtime === 'web') {
      variants.push({
        id: 'web-concurrent',
        build: 'web',
        label: `${oursLabel(runtime)}${labelSuffix}, ${String(CONCURRENT_CALLS)} calls in flight`,
        concurrency: CONCURRENT_CALLS,
        run,
      })
    }
  }
  return variants
}

/** Checks that every variant returns `expected`, awaiting the async ones. */
async function checkSameOutput(variants, expected, description) {
  for (const variant of variants) {
    const output = await variant.run()
    check(output === expected, `${description}: ${variant.label} returns another output`)
  }
}

async function dynamicKey5Group(builds) {
  const officialName = installedPackage('agora-token')
  const official = require('agora-token/src/DynamicKey5.js')
  const vector = vectorCase('dynamic-key5', 'generateMediaChannelKey')
  const input = channelKeyOptions(vector.input)
  const runOfficial = () =>
    official.generateMediaChannelKey(
      input.appId,
      input.appCertificate,
      input.channelName,
      input.unixTs,
      input.randomInt,
      input.uid,
      input.expiredTs,
    )
  const variants = [
    ...oursVariants(builds, (build) => () => build.dynamicKey5.generateMediaChannelKey(input), {
      concurrent: true,
    }),
    { id: 'official', build: 'official', label: `${officialName} src/DynamicKey5.js`, run: runOfficial },
  ]
  await checkSameOutput(variants, vector.expected, 'DynamicKey5')
  const sameFile =
    readFileSync(require.resolve('agora-token/src/DynamicKey5.js'), 'utf8') ===
    readFileSync(require.resolve('agora-access-token/src/DynamicKey5.js'), 'utf8')
  const otherPackage = installedPackage('agora-access-token')
  return {
    id: 'dynamic-key5-build',
    title: 'DynamicKey5 generateMediaChannelKey',
    target: true,
    note:
      `Inputs of vectors/dynamic-key5.json case "${vector.name}"; every variant returns its ` +
      'expected key. ' +
      (sameFile
        ? `${otherPackage} ships the same src/DynamicKey5.js file.`
        : `${otherPackage} ships a different src/DynamicKey5.js, which is not timed here.`),
    variants,
  }
}

/** Our Channel Key generators that no maintained npm package offers: DynamicKey 1 to 4. */
async function olderChannelKeyGroups(builds) {
  const kinds = [
    { kind: 'dynamic-key', namespace: 'dynamicKey', functionName: 'generate', title: 'DynamicKey generate' },
    { kind: 'dynamic-key2', namespace: 'dynamicKey2', functionName: 'generate', title: 'DynamicKey2 generate' },
    { kind: 'dynamic-key3', namespace: 'dynamicKey3', functionName: 'generate', title: 'DynamicKey3 generate' },
    {
      kind: 'dynamic-key4',
      namespace: 'dynamicKey4',
      functionName: 'generateMediaChannelKey',
      title: 'DynamicKey4 generateMediaChannelKey',
    },
  ]
  const groups = []
  for (const { kind, namespace, functionName, title } of kinds) {
    const vector = vectorCase(kind, functionName)
    const input = channelKeyOptions(vector.input)
    const variants = oursVariants(builds, (build) => () => build[namespace][functionName](input))
    await checkSameOutput(variants, vector.expected, title)
    groups.push({
      id: `${kind}-build`,
      title,
      target: false,
      note:
        `Inputs of vectors/${kind}.json case "${vector.name}"; both builds return its expected key. ` +
        'No maintained npm package generates this version, so there is no ratio.',
      variants,
    })
  }
  return groups
}

/** Keys of every Channel Key version, made with the vector inputs but valid at NOW. */
async function channelKeysValidAtNow(nodeBuild) {
  const kinds = [
    ['001', 'dynamic-key', 'dynamicKey', 'generate'],
    ['002', 'dynamic-key2', 'dynamicKey2', 'generate'],
    ['003', 'dynamic-key3', 'dynamicKey3', 'generate'],
    ['004', 'dynamic-key4', 'dynamicKey4', 'generateMediaChannelKey'],
    ['005', 'dynamic-key5', 'dynamicKey5', 'generateMediaChannelKey'],
  ]
  const keys = []
  for (const [version, kind, namespace, functionName] of kinds) {
    const input = channelKeyOptions(vectorCase(kind, functionName).input)
    const options = { ...input, unixTs: ISSUE_TS }
    if (input.expiredTs !== undefined) options.expiredTs = ISSUE_TS + 3600
    const key = await nodeBuild[namespace][functionName](options)
    keys.push({ version, key, appCertificate: input.appCertificate, channelName: input.channelName, uid: input.uid ?? 0 })
  }
  return keys
}

async function channelKeyParseGroups(builds) {
  const [, nodeBuild] = builds[0]
  const keys = await channelKeysValidAtNow(nodeBuild)
  const parseVariants = []
  const verifyVariants = []
  for (const { version, key, appCertificate, channelName, uid } of keys) {
    const parse = () => nodeBuild.parseKey(key)
    check(parse().version === version, `parseKey returns another version for a ${version} key`)
    parseVariants.push({
      id: `node-${version}`,
      build: 'node',
      label: `${oursLabel('node')}, ${version} key`,
      run: parse,
    })
    const verifyOptions = { appCertificate, channelName, uid, now: NOW }
    for (const [runtime, build] of builds) {
      const verify = () => build.verifyKey(key, verifyOptions)
      const result = await verify()
      check(result.valid, `dist/${runtime} verifyKey rejects a ${version} key: ${JSON.stringify(result.reasons)}`)
      verifyVariants.push({
        id: `${runtime}-${version}`,
        build: runtime,
        label: `${oursLabel(runtime)}, ${version} key`,
        run: verify,
      })
    }
  }
  return [
    {
      id: 'channel-key-parse',
      title: 'Channel Key parseKey',
      target: false,
      note:
        'parseKey (synchronous) on a key of each version. It uses no HMAC and no zlib, so ' +
        'dist/web runs the same code and is not timed. The official packages have no parser.',
      variants: parseVariants,
    },
    {
      id: 'channel-key-verify',
      title: 'Channel Key verifyKey',
      target: false,
      note:
        'verifyKey with appCertificate, channelName, uid and now, on a valid key of each version. ' +
        'DynamicKey4 and 5 do not store the uid, so for a uid other than 0 the verifier computes ' +
        'two signatures: one for the uid and one for uid 0. DynamicKey4 does not store its ' +
        'service either, so it computes both for each of its 3 services: 6 HMACs per call. ' +
        'The official packages have no verifier.',
      variants: verifyVariants,
    },
  ]
}

function accessTokenOptions() {
  return {
    appId: APP_ID,
    appCertificate: APP_CERTIFICATE,
    channelName: CHANNEL_NAME,
    uid: UID,
    role: 1,
    privilegeExpiredTs: ISSUE_TS + 3600,
  }
}

async function accessTokenBuildGroup(builds) {
  const officialName = installedPackage('agora-access-token')
  const official = require('agora-access-token')
  const options = accessTokenOptions()
  const runOfficial = () =>
    official.RtcTokenBuilder.buildTokenWithUid(
      options.appId,
      options.appCertificate,
      options.channelName,
      options.uid,
      options.role,
      options.privilegeExpiredTs,
    )

  // The official builder reuses one random salt per process and sets ts to the clock
  // plus 24 hours. Ours, given the same salt and ts, must return the same token.
  const [, nodeBuild] = builds[0]
  const officialToken = runOfficial()
  const { salt, ts } = nodeBuild.parseAccessToken(officialToken)
  const fixed = { ...options, salt, ts }
  const variants = oursVariants(builds, (build) => () => build.RtcTokenBuilder.buildTokenWithUid(fixed), {
    concurrent: true,
    labelSuffix: ', fixed salt and ts',
  })
  await checkSameOutput(variants, officialToken, '"006" buildTokenWithUid')
  variants.push({
    id: 'node-defaults',
    build: 'node',
    label: `${oursLabel('node')}, default salt and ts`,
    run: () => nodeBuild.RtcTokenBuilder.buildTokenWithUid(options),
  })
  variants.push({ id: 'official', build: 'official', label: officialName, run: runOfficial })

  return {
    id: 'access-token-build',
    title: '"006" RtcTokenBuilder.buildTokenWithUid',
    target: true,
    note:
      'Role PUBLISHER (4 privileges). The official package reuses one salt per process and ' +
      'reads the clock for ts. Given that salt and ts, ours returns the same token.',
    variants,
  }
}

async function accessTokenParseGroups(builds) {
  const officialName = installedPackage('agora-access-token')
  const { AccessToken } = require('agora-access-token/src/AccessToken.js')
  const [, nodeBuild] = builds[0]
  const token = await nodeBuild.RtcTokenBuilder.buildTokenWithUid({
    ...accessTokenOptions(),
    salt: SALT,
    ts: ISSUE_TS + 86400,
  })
  const verifyOptions = {
    appCertificate: APP_CERTIFICATE,
    channelName: CHANNEL_NAME,
    uid: UID,
    now: NOW,
  }

  const parseVariants = []
  const verifyVariants = []
  for (const [runtime, build] of builds) {
    const parse = () => build.parseAccessToken(token)
    check(parse().salt === SALT, `dist/${runtime} parse returns another salt`)
    parseVariants.push({ id: runtime, build: runtime, label: oursLabel(runtime), run: parse })
    const verify = () => build.verifyAccessToken(token, verifyOptions)
    check((await verify()).valid, `dist/${runtime} verify rejects its own token`)
    verifyVariants.push({ id: runtime, build: runtime, label: oursLabel(runtime), run: verify })
  }

  const parseOfficial = () => {
    const parsed = new AccessToken('', '', '', 0)
    return parsed.fromString(token) ? parsed : undefined
  }
  check(parseOfficial()?.salt === SALT, `${officialName} fromString returns another salt`)
  parseVariants.push({
    id: 'official',
    build: 'official',
    label: `${officialName} AccessToken.fromString`,
    run: parseOfficial,
  })

  return [
    {
      id: 'access-token-parse',
      title: '"006" parse',
      target: true,
      note: 'Ours: parseAccessToken (synchronous). Official: new AccessToken(...).fromString.',
      variants: parseVariants,
    },
    {
      id: 'access-token-verify',
      title: '"006" verify',
      target: false,
      note:
        'verifyAccessToken with channelName, uid and now: signature, CRCs and expiry. ' +
        'The official package has no verifier, so there is no ratio.',
      variants: verifyVariants,
    },
  ]
}

function accessToken2Options() {
  return {
    appId: APP_ID,
    appCertificate: APP_CERTIFICATE,
    channelName: CHANNEL_NAME,
    uid: UID,
    role: 1,
    tokenExpire: 3600,
    privilegeExpire: 3600,
  }
}

/** Parses a "007" token with the official AccessToken2 class and checks its signature. */
function officialVerifies(AccessToken2, token) {
  const parsed = new AccessToken2()
  return parsed.from_string(token) && parsed.verifySignature(APP_CERTIFICATE)
}

/**
 * Checks that our "007" builders return the token the official one returned, given its
 * salt and issueTs. The comparison is of the parsed fields and the signature, which
 * covers every signed byte, because the deflate bytes may differ between zlib
 * implementations and still inflate to the same payload.
 */
async function checkSameAccessToken2(variants, officialToken, parseAccessToken2, description) {
  const expected = JSON.stringify(await parseAccessToken2(officialToken))
  for (const variant of variants) {
    const fields = JSON.stringify(await parseAccessToken2(await variant.run()))
    check(fields === expected, `${description}: ${variant.label} returns another token`)
  }
}

/**
 * Returns the variants of one "007" builder: ours given the salt and issueTs that the
 * official builder drew (checked to give the same token), ours with defaults, and the
 * official builder. `buildOurs(build, options)` calls our builder.
 */
async function accessToken2BuilderVariants(builds, options, buildOurs, runOfficial, description) {
  const [, nodeBuild] = builds[0]
  const officialToken = runOfficial()
  const drawn = await nodeBuild.parseAccessToken2(officialToken)
  const fixed = { ...options, issueTs: drawn.issueTs, salt: drawn.salt }
  const variants = oursVariants(builds, (build) => () => buildOurs(build, fixed), {
    concurrent: true,
    labelSuffix: ', fixed salt and issueTs',
  })
  await checkSameAccessToken2(variants, officialToken, nodeBuild.parseAccessToken2, description)
  variants.push({
    id: 'node-defaults',
    build: 'node',
    label: `${oursLabel('node')}, default salt and issueTs`,
    run: () => buildOurs(nodeBuild, options),
  })
  variants.push({
    id: 'official',
    build: 'official',
    label: installedPackage('agora-token'),
    run: runOfficial,
  })
  return variants
}

async function accessToken2BuildGroups(builds) {
  const official = require('agora-token')
  const rtcOptions = accessToken2Options()
  const rtcVariants = await accessToken2BuilderVariants(
    builds,
    rtcOptions,
    (build, options) => build.RtcTokenBuilder2.buildTokenWithUid(options),
    () =>
      official.RtcTokenBuilder.buildTokenWithUid(
        rtcOptions.appId,
        rtcOptions.appCertificate,
        rtcOptions.channelName,
        rtcOptions.uid,
        rtcOptions.role,
        rtcOptions.tokenExpire,
        rtcOptions.privilegeExpire,
      ),
    '"007" RTC',
  )
  const rtmOptions = { appId: APP_ID, appCertificate: APP_CERTIFICATE, userId: USER_ID, expire: 3600 }
  const rtmVariants = await accessToken2BuilderVariants(
    builds,
    rtmOptions,
    (build, options) => build.RtmTokenBuilder2.buildToken(options),
    () =>
      official.RtmTokenBuilder.buildToken(
        rtmOptions.appId,
        rtmOptions.appCertificate,
        rtmOptions.userId,
        rtmOptions.expire,
      ),
    '"007" RTM',
  )
  return [
    {
      id: 'access-token2-rtc-build',
      title: '"007" RtcTokenBuilder2.buildTokenWithUid',
      target: true,
      note:
        'Role PUBLISHER (4 privileges), tokenExpire and privilegeExpire 3600. The official ' +
        'package draws salt and issueTs for every token. Given those, ours returns a token ' +
        'with the same fields and signature.',
      variants: rtcVariants,
    },
    {
      id: 'access-token2-rtm-build',
      title: '"007" RtmTokenBuilder2.buildToken',
      target: true,
      note:
        `userId "${USER_ID}", expire 3600. The official package (its RtmTokenBuilder from ` +
        'src/RtmTokenBuilder2.js) draws salt and issueTs for every token. Given those, ours ' +
        'returns a token with the same fields and signature.',
      variants: rtmVariants,
    },
  ]
}

/** Returns the "007" token that the parse and verify groups read. */
function accessToken2Token(nodeBuild) {
  return nodeBuild.RtcTokenBuilder2.buildTokenWithUid({
    ...accessToken2Options(),
    issueTs: ISSUE_TS,
    salt: SALT,
  })
}

async function accessToken2ParseGroups(builds) {
  const officialName = installedPackage('agora-token')
  const { AccessToken2 } = require('agora-token/src/AccessToken2.js')
  const [, nodeBuild] = builds[0]
  const token = await accessToken2Token(nodeBuild)
  const verifyOptions = { appCertificate: APP_CERTIFICATE, now: NOW }

  const parseVariants = []
  const verifyVariants = []
  for (const [runtime, build] of builds) {
    const parse = () => build.parseAccessToken2(token)
    check((await parse()).salt === SALT, `dist/${runtime} parse returns another salt`)
    parseVariants.push({ id: runtime, build: runtime, label: oursLabel(runtime), run: parse })
    const verify = () => build.verifyAccessToken2(token, verifyOptions)
    check((await verify()).valid, `dist/${runtime} verify rejects its own token`)
    verifyVariants.push({ id: runtime, build: runtime, label: oursLabel(runtime), run: verify })
  }

  const parseOfficial = () => {
    const parsed = new AccessToken2()
    return parsed.from_string(token) ? parsed : undefined
  }
  check(parseOfficial()?.salt === SALT, `${officialName} from_string returns another salt`)
  parseVariants.push({
    id: 'official',
    build: 'official',
    label: `${officialName} AccessToken2.from_string`,
    run: parseOfficial,
  })

  const verifyOfficial = () => officialVerifies(AccessToken2, token)
  check(verifyOfficial(), `${officialName} verifySignature rejects the token`)
  verifyVariants.push({
    id: 'official',
    build: 'official',
    label: `${officialName} from_string + verifySignature`,
    run: verifyOfficial,
  })

  return [
    {
      id: 'access-token2-parse',
      title: '"007" parse',
      target: true,
      note:
        'Ours: parseAccessToken2 (inflates asynchronously). ' +
        'Official: new AccessToken2().from_string.',
      variants: parseVariants,
    },
    {
      id: 'access-token2-verify',
      title: '"007" verify',
      target: true,
      note:
        'Ours: verifyAccessToken2 with appCertificate and now, ' +
        'which also checks issue time and expiry. ' +
        'Official: from_string, then verifySignature, which checks the signature only.',
      variants: verifyVariants,
    },
  ]
}

/**
 * Loads both of our builds and the official packages, checks that every variant
 * does the same work, and returns the groups to time. `only`, when given, is a set
 * of group ids to keep.
 */
export async function loadSpeedGroups(only) {
  const builds = [
    ['node', await importBuild('node')],
    ['web', await importBuild('web')],
  ]
  const groups = [
    await dynamicKey5Group(builds),
    await accessTokenBuildGroup(builds),
    ...(await accessToken2BuildGroups(builds)),
    ...(await accessTokenParseGroups(builds)),
    ...(await accessToken2ParseGroups(builds)),
    ...(await olderChannelKeyGroups(builds)),
    ...(await channelKeyParseGroups(builds)),
    await primitiveGroup(await accessToken2Token(builds[0][1])),
  ]
  if (only === undefined) return groups
  const known = new Set(groups.map((group) => group.id))
  const unknown = [...only].filter((id) => !known.has(id))
  if (unknown.length > 0) {
    throw new Error(`unknown speed group ${unknown.join(', ')}; expected one of ${[...known].join(', ')}`)
  }
  return groups.filter((group) => only.has(group.id))
}
