// The speed comparisons of test/bench/run.js: for each operation, agora-keys through
// both builds (dist/node and dist/web, imported by file) and the official npm package.
// Every group checks before timing that all variants do the same work, for example
// that the official parser accepts the token ours parses, and throws if not.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)
const repositoryRoot = path.resolve(import.meta.dirname, '../..')

/** Inputs of the samples and tests in Agora's reference code (AgoraIO/Tools, DynamicKey/AgoraDynamicKey). */
const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERTIFICATE = '5CFd2fd1755d40ecb72977518be15d3b'
const CHANNEL_NAME = '7d72365eb983485397e3e3f9d460bdda'
const UID = 2882341273

/** Fixed clock for our builders and verifiers: 2023-11-14T22:13:20Z. */
const ISSUE_TS = 1_700_000_000
const SALT = 58964981
const NOW = ISSUE_TS + 100

const dynamicKey5Inputs = {
  appId: APP_ID,
  appCertificate: APP_CERTIFICATE,
  channelName: CHANNEL_NAME,
  unixTs: 1446455472,
  randomInt: 58964981,
  uid: UID,
  expiredTs: 1446455471,
}

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

/** Throws unless `condition` is true, so that a broken comparison is never timed. */
function check(condition, message) {
  if (!condition) throw new Error(`bench check failed: ${message}`)
}

function oursLabel(runtime) {
  return runtime === 'node'
    ? 'agora-keys dist/node (node:crypto, node:zlib)'
    : 'agora-keys dist/web (WebCrypto, CompressionStream)'
}

async function dynamicKey5Group(builds, officialName) {
  const official = require('agora-token/src/DynamicKey5.js')
  const input = dynamicKey5Inputs
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
  const expected = runOfficial()
  const variants = []
  for (const [runtime, build] of builds) {
    const run = () => build.dynamicKey5.generateMediaChannelKey(input)
    const key = await run()
    check(key === expected, `DynamicKey5 key of dist/${runtime} differs from ${officialName}`)
    variants.push({ id: runtime, label: oursLabel(runtime), run })
  }
  variants.push({ id: 'official', label: `${officialName} src/DynamicKey5.js`, run: runOfficial })
  const sameFile =
    readFileSync(require.resolve('agora-token/src/DynamicKey5.js'), 'utf8') ===
    readFileSync(require.resolve('agora-access-token/src/DynamicKey5.js'), 'utf8')
  const otherPackage = installedPackage('agora-access-token')
  return {
    title: 'DynamicKey5 generateMediaChannelKey',
    note:
      'Same fixed inputs for every variant, so every variant returns the same key. ' +
      (sameFile
        ? `${otherPackage} ships the same src/DynamicKey5.js file.`
        : `${otherPackage} ships a different src/DynamicKey5.js, which is not timed here.`),
    variants,
  }
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

async function accessTokenBuildGroup(builds, officialName) {
  const official = require('agora-access-token')
  const { AccessToken } = require('agora-access-token/src/AccessToken.js')
  const options = accessTokenOptions()

  const variants = []
  for (const [runtime, build] of builds) {
    const run = () =>
      build.RtcTokenBuilder.buildTokenWithUid({ ...options, salt: SALT, ts: ISSUE_TS + 86400 })
    const parsed = new AccessToken('', '', '', 0).fromString(await run())
    check(parsed, `${officialName} cannot parse the dist/${runtime} token`)
    variants.push({ id: runtime, label: `${oursLabel(runtime)}, fixed salt and ts`, run })
  }

  const [, nodeBuild] = builds[0]
  variants.push({
    id: 'node-defaults',
    label: `${oursLabel('node')}, default salt and ts`,
    run: () => nodeBuild.RtcTokenBuilder.buildTokenWithUid(options),
  })

  const runOfficial = () =>
    official.RtcTokenBuilder.buildTokenWithUid(
      options.appId,
      options.appCertificate,
      options.channelName,
      options.uid,
      options.role,
      options.privilegeExpiredTs,
    )
  const officialFields = nodeBuild.parseAccessToken(runOfficial())
  check(
    officialFields.privileges.length === 4,
    `${officialName} token does not hold the 4 publisher privileges`,
  )
  variants.push({ id: 'official', label: officialName, run: runOfficial })

  return {
    title: '"006" RtcTokenBuilder.buildTokenWithUid',
    note:
      'Role PUBLISHER (4 privileges). The official package reuses one salt per process ' +
      'and reads the clock for ts.',
    variants,
  }
}

async function accessTokenParseGroups(builds, officialName) {
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
    parseVariants.push({ id: runtime, label: oursLabel(runtime), run: parse })
    const verify = () => build.verifyAccessToken(token, verifyOptions)
    check((await verify()).valid, `dist/${runtime} verify rejects its own token`)
    verifyVariants.push({ id: runtime, label: oursLabel(runtime), run: verify })
  }

  const parseOfficial = () => new AccessToken('', '', '', 0).fromString(token)
  check(parseOfficial(), `${officialName} fromString rejects the token`)
  parseVariants.push({
    id: 'official',
    label: `${officialName} AccessToken.fromString`,
    run: parseOfficial,
  })

  return [
    {
      title: '"006" parse',
      note: 'Ours: parseAccessToken (synchronous). Official: new AccessToken(...).fromString.',
      variants: parseVariants,
    },
    {
      title: '"006" verify',
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

async function accessToken2BuildGroup(builds, officialName) {
  const official = require('agora-token')
  const { AccessToken2 } = require('agora-token/src/AccessToken2.js')
  const options = accessToken2Options()

  const variants = []
  for (const [runtime, build] of builds) {
    const run = () =>
      build.RtcTokenBuilder2.buildTokenWithUid({ ...options, issueTs: ISSUE_TS, salt: SALT })
    const accepted = officialVerifies(AccessToken2, await run())
    check(accepted, `${officialName} does not verify the dist/${runtime} token`)
    variants.push({ id: runtime, label: `${oursLabel(runtime)}, fixed salt and issueTs`, run })
  }
  const [, nodeBuild] = builds[0]
  variants.push({
    id: 'node-defaults',
    label: `${oursLabel('node')}, default salt and issueTs`,
    run: () => nodeBuild.RtcTokenBuilder2.buildTokenWithUid(options),
  })
  const runOfficial = () =>
    official.RtcTokenBuilder.buildTokenWithUid(
      options.appId,
      options.appCertificate,
      options.channelName,
      options.uid,
      options.role,
      options.tokenExpire,
      options.privilegeExpire,
    )
  const officialFields = await nodeBuild.parseAccessToken2(runOfficial())
  check(officialFields.services.length === 1, `${officialName} token does not hold one service`)
  variants.push({ id: 'official', label: officialName, run: runOfficial })
  return {
    title: '"007" RtcTokenBuilder2.buildTokenWithUid',
    note:
      'Role PUBLISHER (4 privileges), tokenExpire and privilegeExpire 3600. ' +
      'The official package draws salt and issueTs for every token.',
    variants,
  }
}

async function accessToken2ParseGroups(builds, officialName) {
  const { AccessToken2 } = require('agora-token/src/AccessToken2.js')
  const [, nodeBuild] = builds[0]
  const token = await nodeBuild.RtcTokenBuilder2.buildTokenWithUid({
    ...accessToken2Options(),
    issueTs: ISSUE_TS,
    salt: SALT,
  })
  const verifyOptions = { appCertificate: APP_CERTIFICATE, now: NOW }

  const parseVariants = []
  const verifyVariants = []
  for (const [runtime, build] of builds) {
    const parse = () => build.parseAccessToken2(token)
    check((await parse()).salt === SALT, `dist/${runtime} parse returns another salt`)
    parseVariants.push({ id: runtime, label: oursLabel(runtime), run: parse })
    const verify = () => build.verifyAccessToken2(token, verifyOptions)
    check((await verify()).valid, `dist/${runtime} verify rejects its own token`)
    verifyVariants.push({ id: runtime, label: oursLabel(runtime), run: verify })
  }

  const parseOfficial = () => new AccessToken2().from_string(token)
  check(parseOfficial(), `${officialName} from_string rejects the token`)
  parseVariants.push({
    id: 'official',
    label: `${officialName} AccessToken2.from_string`,
    run: parseOfficial,
  })

  const verifyOfficial = () => officialVerifies(AccessToken2, token)
  check(verifyOfficial(), `${officialName} verifySignature rejects the token`)
  verifyVariants.push({
    id: 'official',
    label: `${officialName} from_string + verifySignature`,
    run: verifyOfficial,
  })

  return [
    {
      title: '"007" parse',
      note:
        'Ours: parseAccessToken2 (inflates asynchronously). ' +
        'Official: new AccessToken2().from_string.',
      variants: parseVariants,
    },
    {
      title: '"007" verify',
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
 * does the same work, and returns the groups to time.
 */
export async function loadSpeedGroups() {
  const builds = [
    ['node', await importBuild('node')],
    ['web', await importBuild('web')],
  ]
  const agoraToken = installedPackage('agora-token')
  const agoraAccessToken = installedPackage('agora-access-token')
  return [
    await dynamicKey5Group(builds, agoraToken),
    await accessTokenBuildGroup(builds, agoraAccessToken),
    ...(await accessTokenParseGroups(builds, agoraAccessToken)),
    await accessToken2BuildGroup(builds, agoraToken),
    ...(await accessToken2ParseGroups(builds, agoraToken)),
  ]
}
