import {
  ChatTokenBuilder2,
  RtcRole,
  RtcTokenBuilder2,
  RtmTokenBuilder2,
  type RtcPrivilegeExpiries,
} from '../../access-token2/index.js'
import { checkDuration } from '../../access-token2/inputs.js'
import { nowSeconds } from '../../validate.js'
import {
  checkTimestampOption,
  choiceOption,
  integerOption,
  usageError,
  type OptionSpecs,
  type OptionValues,
} from '../args.js'
import type { GeneratedKey, KeyKind } from './kind.js'
import {
  readRtcUser,
  readSalt,
  rejectUnusedOptions,
  requireStringOption,
  rtcUserOptions,
  saltOption,
  userIdOption,
  type RtcUser,
} from './token-options.js'
import { TOKEN_SAMPLE } from './token-sample.js'

const SERVICES = ['rtc', 'rtm', 'chat-user', 'chat-app'] as const
type Service = (typeof SERVICES)[number]

const ROLES = { publisher: RtcRole.PUBLISHER, subscriber: RtcRole.SUBSCRIBER } as const
type RoleName = keyof typeof ROLES
const ROLE_NAMES = Object.keys(ROLES) as RoleName[]

/** Token lifetime when --token-expire is absent. */
const DEFAULT_TOKEN_EXPIRE_SECONDS = 3600

/** The options that set one RTC privilege each. */
const PRIVILEGE_OPTION_NAMES = [
  'join-channel-expire',
  'publish-audio-expire',
  'publish-video-expire',
  'publish-data-expire',
] as const

/** Options only --service rtc takes. */
const RTC_ONLY = ['channel', 'uid', 'account', 'role', 'privilege-expire', ...PRIVILEGE_OPTION_NAMES] as const

/** Reads a duration option in seconds with the library's check against Unix timestamps. */
function durationOption(values: OptionValues, name: string): number | undefined {
  const seconds = integerOption(values, name)
  return seconds === undefined ? undefined : checkDuration(seconds, `--${name}`)
}

/** Credentials and the options every "007" service shares, with the defaults filled in. */
interface TokenBase {
  readonly appId: string
  readonly appCertificate: string
  readonly issueTs: number
  readonly salt: number
  readonly tokenExpire: number
}

function readTokenBase(appId: string, appCertificate: string, values: OptionValues): TokenBase {
  const issueTs = integerOption(values, 'issue-ts')
  return {
    appId,
    appCertificate,
    issueTs: issueTs === undefined ? nowSeconds() : checkTimestampOption(issueTs, 'issue-ts'),
    salt: readSalt(values),
    tokenExpire: durationOption(values, 'token-expire') ?? DEFAULT_TOKEN_EXPIRE_SECONDS,
  }
}

/** The inputs of an RTC token: either a role with one privilege expiry, or four expiries. */
type RtcGrant =
  | { readonly role: RoleName; readonly privilegeExpire: number }
  | { readonly expiries: RtcPrivilegeExpiries }

/** Builds an RTC token with the RtcTokenBuilder2 method that fits the user and the grant. */
function buildRtcToken(base: TokenBase, channelName: string, user: RtcUser, grant: RtcGrant): Promise<string> {
  const common = { ...base, channelName }
  if ('expiries' in grant) {
    return 'account' in user
      ? RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege({ ...common, ...grant.expiries, account: user.account })
      : RtcTokenBuilder2.buildTokenWithUidAndPrivilege({ ...common, ...grant.expiries, uid: user.uid })
  }
  const roleOptions = { ...common, role: ROLES[grant.role], privilegeExpire: grant.privilegeExpire }
  return 'account' in user
    ? RtcTokenBuilder2.buildTokenWithUserAccount({ ...roleOptions, account: user.account })
    : RtcTokenBuilder2.buildTokenWithUid({ ...roleOptions, uid: user.uid })
}

/**
 * Reads --role and --privilege-expire, or the four per-privilege options.
 * Any per-privilege option selects the builders that grant all four RTC
 * privileges, and each one left out takes --privilege-expire.
 */
function readRtcGrant(values: OptionValues, tokenExpire: number): RtcGrant {
  const privilegeExpire = durationOption(values, 'privilege-expire') ?? tokenExpire
  const perPrivilege = PRIVILEGE_OPTION_NAMES.filter((name) => values[name] !== undefined)
  if (perPrivilege.length === 0) {
    return { role: choiceOption(values, 'role', ROLE_NAMES) ?? 'publisher', privilegeExpire }
  }
  if (values.role !== undefined) {
    throw usageError(
      `--role does not apply with --${perPrivilege.join(', --')}: the per-privilege options grant all four RTC privileges`,
      '--role',
    )
  }
  const expire = (name: (typeof PRIVILEGE_OPTION_NAMES)[number]): number =>
    durationOption(values, name) ?? privilegeExpire
  return {
    expiries: {
      joinChannelPrivilegeExpire: expire('join-channel-expire'),
      pubAudioPrivilegeExpire: expire('publish-audio-expire'),
      pubVideoPrivilegeExpire: expire('publish-video-expire'),
      pubDataStreamPrivilegeExpire: expire('publish-data-expire'),
    },
  }
}

async function generateRtc(base: TokenBase, values: OptionValues): Promise<GeneratedKey> {
  rejectUnusedOptions(values, ['user-id'], 'rtc')
  const channelName = requireStringOption(values, 'channel', 'rtc')
  const user = readRtcUser(values)
  const grant = readRtcGrant(values, base.tokenExpire)
  const key = await buildRtcToken(base, channelName, user, grant)
  const { issueTs, salt, tokenExpire } = base
  const grantInputs = 'expiries' in grant ? grant.expiries : grant
  return { key, service: 'rtc', inputs: { channelName, ...user, ...grantInputs, tokenExpire, issueTs, salt }, channelName }
}

async function generateUserService(
  base: TokenBase,
  values: OptionValues,
  service: Exclude<Service, 'rtc'>,
): Promise<GeneratedKey> {
  rejectUnusedOptions(values, RTC_ONLY, service)
  const { appId, appCertificate, issueTs, salt, tokenExpire } = base
  const options = { appId, appCertificate, issueTs, salt, expire: tokenExpire }
  const times = { issueTs, salt, tokenExpire }

  if (service === 'chat-app') {
    rejectUnusedOptions(values, ['user-id'], service)
    return { key: await ChatTokenBuilder2.buildAppToken(options), service, inputs: times }
  }
  const userId = requireStringOption(values, 'user-id', service)
  const key =
    service === 'rtm'
      ? await RtmTokenBuilder2.buildToken({ ...options, userId })
      : await ChatTokenBuilder2.buildUserToken({ ...options, userId })
  return { key, service, inputs: { userId, ...times } }
}

const durationOptions: OptionSpecs = {
  'token-expire': {
    type: 'string',
    valueName: 'SECONDS',
    description:
      'How long the token is valid, a duration in seconds after --issue-ts (not a Unix time). ' +
      'For rtm, chat-user and chat-app it is also the lifetime of the privilege. Values above ' +
      `100000000 are rejected as timestamps. Default: ${String(DEFAULT_TOKEN_EXPIRE_SECONDS)} (1 hour).`,
  },
  'privilege-expire': {
    type: 'string',
    valueName: 'SECONDS',
    description:
      'How long the RTC privileges last, a duration in seconds after --issue-ts. Agora ends ' +
      'every privilege when the token expires. Default: the --token-expire value.',
  },
  'join-channel-expire': {
    type: 'string',
    valueName: 'SECONDS',
    description:
      'Duration of the join-channel privilege in seconds. With this or any of the three ' +
      'options below, the token grants all four RTC privileges, each with its own duration ' +
      '(buildTokenWithUidAndPrivilege), and --role is not allowed. Default: --privilege-expire.',
  },
  'publish-audio-expire': {
    type: 'string',
    valueName: 'SECONDS',
    description: 'Duration of the publish-audio privilege in seconds. Default: --privilege-expire.',
  },
  'publish-video-expire': {
    type: 'string',
    valueName: 'SECONDS',
    description: 'Duration of the publish-video privilege in seconds. Default: --privilege-expire.',
  },
  'publish-data-expire': {
    type: 'string',
    valueName: 'SECONDS',
    description: 'Duration of the publish-data-stream privilege in seconds. Default: --privilege-expire.',
  },
}

/** AccessToken2 "007", built with the references' RtcTokenBuilder2, RtmTokenBuilder2 and ChatTokenBuilder2. */
export const accessToken2Kind: KeyKind = {
  name: 'access-token2',
  version: '007',
  summary: 'AccessToken2 "007": an RTC, RTM, Chat user or Chat app token',
  details: [
    'AccessToken2 "007": "007" and base64 of a zlib stream with the signature, the App ID, ' +
      'issueTs, expire, salt and the services. Unlike "006", expire and every privilege are ' +
      'durations in seconds after issueTs.',
    '--service rtc builds the token of RtcTokenBuilder2: buildTokenWithUid, or ' +
      'buildTokenWithUserAccount when --account is given. rtm builds RtmTokenBuilder2.buildToken, ' +
      'chat-user ChatTokenBuilder2.buildUserToken and chat-app ChatTokenBuilder2.buildAppToken, ' +
      'an app-wide token for your servers.',
  ],
  example:
    'agora-keys generate access-token2 --app-id 970ca35de60c44645bbae8a215061b33 --channel room-1 ' +
    '--uid 42 --role publisher --token-expire 3600',
  options: {
    service: {
      type: 'string',
      valueName: 'NAME',
      description:
        'What the token is for: rtc joins a channel, rtm logs in to RTM (Signaling), chat-user ' +
        'logs a user in to Agora Chat, chat-app calls the Chat REST API as the app. Default: rtc.',
    },
    ...rtcUserOptions,
    role: {
      type: 'string',
      valueName: 'NAME',
      description:
        'RTC role: publisher (join and publish audio, video and data) or subscriber (join only, ' +
        'enforced only where co-host authentication is enabled). Default: publisher.',
    },
    ...userIdOption('--service rtm and chat-user'),
    ...durationOptions,
    'issue-ts': {
      type: 'string',
      valueName: 'SECONDS',
      description: 'Issue time, Unix time in seconds. Default: now.',
    },
    ...saltOption,
  },

  async generate({ appId, appCertificate, values }) {
    const service: Service = choiceOption(values, 'service', SERVICES) ?? 'rtc'
    const base = readTokenBase(appId, appCertificate, values)
    return service === 'rtc' ? generateRtc(base, values) : generateUserService(base, values, service)
  },

  async samples() {
    const { appId, appCertificate, channelName, uid, salt, issueTs, expire } = TOKEN_SAMPLE
    const base = { appId, appCertificate, issueTs, salt, tokenExpire: expire }
    const options = { appId, appCertificate, issueTs, salt, expire }
    const grant = (role: RoleName): RtcGrant => ({ role, privilegeExpire: expire })
    return [
      { label: 'access-token2 rtc publisher', key: await buildRtcToken(base, channelName, { uid }, grant('publisher')) },
      { label: 'access-token2 rtc subscriber', key: await buildRtcToken(base, channelName, { uid }, grant('subscriber')) },
      {
        label: 'access-token2 rtc subscriber uid-0',
        key: await buildRtcToken(base, channelName, { uid: 0 }, grant('subscriber')),
      },
      { label: 'access-token2 rtm', key: await RtmTokenBuilder2.buildToken({ ...options, userId: String(uid) }) },
      { label: 'access-token2 chat-user', key: await ChatTokenBuilder2.buildUserToken({ ...options, userId: String(uid) }) },
      { label: 'access-token2 chat-app', key: await ChatTokenBuilder2.buildAppToken(options) },
    ]
  },
}
