// Writes vectors/access-token2-extra.json: AccessToken2 ("007") builder cases that
// vectors/access-token2.json lacks (ConvoAI, STT, RTM2 permissions, FPA, APaaS and
// Education, RTC with RTM), produced by the official npm package agora-token and, for
// the builders it has, by Agora's python3 reference.
//
//   node test/tools/make-extra-vectors.js PYTHON3_REFERENCE_DIR
//
// PYTHON3_REFERENCE_DIR is the python3 folder of AgoraIO/Tools DynamicKey/AgoraDynamicKey.
// Both references draw issueTs from the clock and salt from a random generator inside
// their AccessToken2 constructor. Each is run with its build method wrapped so that the
// wrapper writes the case's fixed issueTs and salt into the token object and then calls
// the original build. No file of either reference is changed.
//
// Before writing, the script replays every builder case of vectors/access-token2.json
// through both harnesses and stops if one output differs, so a harness that does not
// reproduce what the references emit cannot write vectors.
import { Buffer } from 'node:buffer'
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import process from 'node:process'
import { inflateSync } from 'node:zlib'
import { extraCases } from './extra-vector-inputs.js'

const require = createRequire(import.meta.url)
const repositoryRoot = path.resolve(import.meta.dirname, '../..')
const NPM = 'npm:agora-token@2.0.6'
const PYTHON3 = 'python3'

const npmPackage = require('agora-token/package.json')
if (npmPackage.version !== '2.0.6') {
  throw new Error(`node_modules/agora-token is ${String(npmPackage.version)}, expected 2.0.6`)
}
const { AccessToken2, Rtm2Permissions } = require('agora-token/src/AccessToken2')
const agoraToken = require('agora-token')

/** The issueTs and salt of the call being built, which the wrapped build writes into the token. */
const fixedFields = { issueTs: 0, salt: 0 }
const originalBuild = AccessToken2.prototype.build
AccessToken2.prototype.build = function buildWithFixedFields() {
  this.issueTs = fixedFields.issueTs
  this.salt = fixedFields.salt
  return originalBuild.call(this)
}

function npmPermissions(details) {
  const permissions = new Rtm2Permissions()
  for (const [resourceType, byPermission] of Object.entries(details)) {
    for (const [permissionType, resources] of Object.entries(byPermission)) {
      permissions.add(Number(resourceType), Number(permissionType), resources)
    }
  }
  return permissions
}

/** Calls the agora-token builder that a vector function name refers to. */
function callNpm(functionName, input) {
  const credentials = [input.appID, input.appCertificate]
  const rtcPrivileges = [
    input.joinChannelPrivilegeExpire,
    input.pubAudioPrivilegeExpire,
    input.pubVideoPrivilegeExpire,
    input.pubDataStreamPrivilegeExpire,
  ]
  const rtmAndRtc = [input.channelName, input.rtcAccount, input.rtcRole, input.rtcTokenExpire, ...rtcPrivileges,
    input.rtmUserId, input.rtmTokenExpire]
  const { RtcTokenBuilder, RtmTokenBuilder, ChatTokenBuilder, FpaTokenBuilder, ApaasTokenBuilder,
    EducationTokenBuilder, ConvoAITokenBuilder, SttTokenBuilder } = agoraToken
  switch (functionName) {
    case 'RtcTokenBuilder2.build_token_with_uid':
      return RtcTokenBuilder.buildTokenWithUid(...credentials, input.channelName, input.uid, input.role,
        input.tokenExpire, input.privilegeExpire)
    case 'RtcTokenBuilder2.build_token_with_user_account':
      return RtcTokenBuilder.buildTokenWithUserAccount(...credentials, input.channelName, input.account,
        input.role, input.tokenExpire, input.privilegeExpire)
    case 'RtcTokenBuilder2.build_token_with_uid_and_privilege':
      return RtcTokenBuilder.buildTokenWithUidAndPrivilege(...credentials, input.channelName, input.uid,
        input.tokenExpire, ...rtcPrivileges)
    case 'RtcTokenBuilder2.build_token_with_user_account_and_privilege':
      return RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(...credentials, input.channelName,
        input.account, input.tokenExpire, ...rtcPrivileges)
    case 'RtcTokenBuilder2.build_token_with_rtm':
      return RtcTokenBuilder.buildTokenWithRtm(...credentials, input.channelName, input.account, input.role,
        input.tokenExpire, input.privilegeExpire)
    case 'RtcTokenBuilder2.build_token_with_rtm2':
      return RtcTokenBuilder.buildTokenWithRtm2(...credentials, ...rtmAndRtc)
    case 'RtmTokenBuilder2.build_token':
      return RtmTokenBuilder.buildToken(...credentials, input.userId, input.expire)
    case 'RtmTokenBuilder2.build_token_with_permissions':
      return RtmTokenBuilder.buildTokenWithPermissions(...credentials, input.userId,
        npmPermissions(input.permissions), input.expire)
    case 'ChatTokenBuilder2.build_user_token':
      return ChatTokenBuilder.buildUserToken(...credentials, input.userId, input.expire)
    case 'ChatTokenBuilder2.build_app_token':
      return ChatTokenBuilder.buildAppToken(...credentials, input.expire)
    case 'FpaTokenBuilder.build_token':
      return FpaTokenBuilder.buildToken(...credentials)
    case 'ApaasTokenBuilder.build_room_user_token':
      return ApaasTokenBuilder.buildRoomUserToken(...credentials, input.roomUuid, input.userUuid, input.role,
        input.expire)
    case 'ApaasTokenBuilder.build_user_token':
      return ApaasTokenBuilder.buildUserToken(...credentials, input.userUuid, input.expire)
    case 'ApaasTokenBuilder.build_app_token':
      return ApaasTokenBuilder.buildAppToken(...credentials, input.expire)
    case 'EducationTokenBuilder.build_room_user_token':
      return EducationTokenBuilder.buildRoomUserToken(...credentials, input.roomUuid, input.userUuid,
        input.role, input.expire)
    case 'EducationTokenBuilder.build_user_token':
      return EducationTokenBuilder.buildUserToken(...credentials, input.userUuid, input.expire)
    case 'EducationTokenBuilder.build_app_token':
      return EducationTokenBuilder.buildAppToken(...credentials, input.expire)
    case 'ConvoAITokenBuilder.build_token':
      return ConvoAITokenBuilder.buildToken(...credentials, ...rtmAndRtc)
    case 'SttTokenBuilder.build_token':
      return SttTokenBuilder.buildToken(...credentials, ...rtmAndRtc)
    default:
      throw new Error(`no agora-token call is mapped for ${functionName}`)
  }
}

function buildWithNpm(functionName, input) {
  fixedFields.issueTs = input.issueTs
  fixedFields.salt = input.salt
  const token = callNpm(functionName, input)
  if (typeof token !== 'string' || !token.startsWith('007')) {
    throw new Error(`agora-token returned ${JSON.stringify(token)} for ${functionName}`)
  }
  return token
}

/** Returns the lower-case hex of the inflated body of a "007" token. */
function payloadHex(token) {
  return inflateSync(Buffer.from(token.slice(3), 'base64')).toString('hex')
}

function buildWithPython3(referenceDir, cases) {
  const script = path.join(repositoryRoot, 'test/tools/python3-builders.py')
  const calls = cases.map(({ function: functionName, input }) => ({ function: functionName, input }))
  const stdout = execFileSync('python3', [script, referenceDir], {
    input: JSON.stringify(calls),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  return JSON.parse(stdout)
}

/**
 * Replays the builder cases of vectors/access-token2.json through both harnesses and throws
 * unless every npm payload and every python3 token equals the recorded one.
 */
function checkHarnesses(referenceDir) {
  const shared = JSON.parse(readFileSync(path.join(repositoryRoot, 'vectors/access-token2.json'), 'utf8'))
  const builderCases = shared.cases.filter((c) => c.function !== 'AccessToken2')
  const pythonResults = buildWithPython3(referenceDir, builderCases)
  builderCases.forEach((vector, index) => {
    const payload = payloadHex(buildWithNpm(vector.function, vector.input))
    if (payload !== vector.payloadHex) {
      throw new Error(`npm harness does not reproduce shared case "${vector.name}"`)
    }
    if (pythonResults[index]?.token !== vector.expected) {
      throw new Error(`python3 harness does not reproduce shared case "${vector.name}"`)
    }
  })
  return builderCases.length
}

function main() {
  const referenceDir = process.argv[2]
  if (referenceDir === undefined) {
    throw new Error('usage: node test/tools/make-extra-vectors.js PYTHON3_REFERENCE_DIR')
  }
  const replayed = checkHarnesses(path.resolve(referenceDir))
  const pythonResults = buildWithPython3(path.resolve(referenceDir), extraCases)

  const cases = extraCases.map((definition, index) => {
    const npmToken = buildWithNpm(definition.function, definition.input)
    const pythonResult = pythonResults[index]

    const outputs = new Map([[NPM, npmToken]])
    if (pythonResult?.token !== undefined) outputs.set(PYTHON3, pythonResult.token)
    // Where both ran, python3 gives the canonical value, as in vectors/access-token2.json.
    const expected = outputs.get(PYTHON3) ?? npmToken
    const expectedPayload = payloadHex(expected)
    const agreedBy = [...outputs].filter(([, token]) => token === expected).map(([name]) => name)
    const payloadAgreedBy = [...outputs]
      .filter(([, token]) => payloadHex(token) === expectedPayload)
      .map(([name]) => name)

    const vector = {
      name: definition.name,
      function: definition.function,
      input: definition.input,
      expected,
      payloadHex: expectedPayload,
      agreedBy,
      payloadAgreedBy,
    }
    if (definition.note !== undefined) vector.note = definition.note

    const disagreeing = [...outputs].filter(([, token]) => payloadHex(token) !== expectedPayload)
    if (disagreeing.length > 0) {
      if (definition.divergenceCause === undefined) {
        throw new Error(`case "${definition.name}": ${disagreeing.map(([n]) => n).join(', ')} ` +
          'disagree with python3 and the case names no divergenceCause')
      }
      vector.disagreeing = Object.fromEntries(disagreeing.map(([name, token]) => [
        name,
        { output: token, payloadHex: payloadHex(token), cause: definition.divergenceCause },
      ]))
    } else if (definition.divergenceCause !== undefined) {
      throw new Error(`case "${definition.name}" names a divergenceCause but every reference agrees`)
    }
    return vector
  })

  const file = {
    kind: 'access-token2',
    version: '007',
    versionPrefix: '007',
    references: `${NPM} (src files of the published package) for every case; python3 from ` +
      'AgoraIO/Tools DynamicKey/AgoraDynamicKey at da06bfb for every builder it has (it has no ' +
      'ConvoAI or STT builder). issueTs and salt fixed as described in vectors/README.md',
    cases,
  }
  const outputPath = path.join(repositoryRoot, 'vectors/access-token2-extra.json')
  writeFileSync(outputPath, `${JSON.stringify(file, null, 2)}\n`)
  // python3 output is the expected value wherever python3 ran, so it is always in agreedBy there.
  const pythonCount = cases.filter((c) => c.agreedBy.includes(PYTHON3)).length
  process.stdout.write(`replayed ${String(replayed)} shared builder cases through both harnesses\n`)
  process.stdout.write(`wrote ${String(cases.length)} cases (${String(pythonCount)} also run on python3) ` +
    `to ${path.relative(repositoryRoot, outputPath)}\n`)
}

main()
