import {
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  MIN_PRIVILEGE_EXPIRE_TIMESTAMP,
  RtcRole,
  RtcTokenBuilder,
  RtmTokenBuilder,
} from '../../access-token/index.js'
import { AgoraKeysError } from '../../errors.js'
import { nowSeconds } from '../../validate.js'
import { checkTimestampOption, choiceOption, integerOption, type OptionValues } from '../args.js'
import type { GeneratedKey, KeyKind, SampleKey } from './kind.js'
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

const SERVICES = ['rtc', 'rtm'] as const
type Service = (typeof SERVICES)[number]

/** --role names and the RtcRole values they select. */
const ROLES = {
  publisher: RtcRole.PUBLISHER,
  subscriber: RtcRole.SUBSCRIBER,
  attendee: RtcRole.ATTENDEE,
  admin: RtcRole.ADMIN,
} as const
type RoleName = keyof typeof ROLES
const ROLE_NAMES = Object.keys(ROLES) as RoleName[]

/** Options only --service rtc takes. */
const RTC_ONLY = ['channel', 'uid', 'account', 'role'] as const

/**
 * Checks --privilege-expired-ts like the builders do, with a shell hint in
 * place of their JavaScript one for a value that looks like a duration.
 */
function checkPrivilegeExpiredTs(value: number): number {
  const timestamp = checkTimestampOption(value, 'privilege-expired-ts')
  if (timestamp !== 0 && timestamp < MIN_PRIVILEGE_EXPIRE_TIMESTAMP) {
    throw new AgoraKeysError(
      'ERR_EXPIRE_LOOKS_LIKE_DURATION',
      `--privilege-expired-ts is ${String(timestamp)}, which looks like a duration in seconds, so pass an absolute Unix time, such as "$(( $(date +%s) + ${String(timestamp)} ))", or 0 for no expiry`,
      { field: '--privilege-expired-ts' },
    )
  }
  return timestamp
}

/** Reads the options every "006" service shares, with the defaults filled in. */
/** The "006" inputs that every service signs besides the credentials and the user. */
interface TokenTimes {
  readonly privilegeExpiredTs: number
  readonly salt: number
  readonly ts: number
}

function readTokenTimes(values: OptionValues): TokenTimes {
  const privilegeExpiredTs = integerOption(values, 'privilege-expired-ts')
  const ts = integerOption(values, 'ts')
  return {
    privilegeExpiredTs: privilegeExpiredTs === undefined ? 0 : checkPrivilegeExpiredTs(privilegeExpiredTs),
    salt: readSalt(values),
    ts: ts === undefined ? nowSeconds() + DEFAULT_TOKEN_LIFETIME_SECONDS : checkTimestampOption(ts, 'ts'),
  }
}

/** Builds an RTC token with the uid builder or, for an account, the account builder. */
function buildRtcToken(
  common: TokenTimes & { readonly appId: string; readonly appCertificate: string; readonly channelName: string },
  user: RtcUser,
  role: RoleName,
): Promise<string> {
  if ('account' in user) {
    return RtcTokenBuilder.buildTokenWithAccount({ ...common, account: user.account, role: ROLES[role] })
  }
  return RtcTokenBuilder.buildTokenWithUid({ ...common, uid: user.uid, role: ROLES[role] })
}

async function generateRtc(appId: string, appCertificate: string, values: OptionValues): Promise<GeneratedKey> {
  rejectUnusedOptions(values, ['user-id'], 'rtc')
  const channelName = requireStringOption(values, 'channel', 'rtc')
  const user = readRtcUser(values)
  const role = choiceOption(values, 'role', ROLE_NAMES) ?? 'publisher'
  const times = readTokenTimes(values)
  const key = await buildRtcToken({ appId, appCertificate, channelName, ...times }, user, role)
  return { key, service: 'rtc', inputs: { channelName, ...user, role, ...times }, channelName }
}

async function generateRtm(appId: string, appCertificate: string, values: OptionValues): Promise<GeneratedKey> {
  rejectUnusedOptions(values, RTC_ONLY, 'rtm')
  const userAccount = requireStringOption(values, 'user-id', 'rtm')
  const times = readTokenTimes(values)
  const key = await RtmTokenBuilder.buildToken({ appId, appCertificate, userAccount, ...times })
  return { key, service: 'rtm', inputs: { userAccount, ...times } }
}

/** AccessToken "006", built with the RtcTokenBuilder and RtmTokenBuilder of agora-access-token. */
export const accessTokenKind: KeyKind = {
  name: 'access-token',
  version: '006',
  summary: 'AccessToken "006": an RTC token (uid or account, role) or an RTM token',
  details: [
    'AccessToken "006": "006", the App ID and base64 of the signature, the CRC-32 of the ' +
      'channel name and of the uid, salt, ts and the privileges with their expiry times. ' +
      'All times are absolute Unix timestamps in seconds.',
    '--service rtc builds the token of RtcTokenBuilder: buildTokenWithUid, or ' +
      'buildTokenWithAccount when --account is given. --service rtm builds the token of ' +
      'RtmTokenBuilder.buildToken, which signs --user-id in place of the channel name.',
  ],
  example:
    'agora-keys generate access-token --app-id 970ca35de60c44645bbae8a215061b33 --channel room-1 ' +
    '--uid 42 --role subscriber --privilege-expired-ts "$(( $(date +%s) + 3600 ))"',
  options: {
    service: {
      type: 'string',
      valueName: 'NAME',
      description: 'What the token is for: rtc joins a channel, rtm logs in to RTM (Signaling). Default: rtc.',
    },
    ...rtcUserOptions,
    role: {
      type: 'string',
      valueName: 'NAME',
      description:
        'RTC role: publisher (join and publish audio, video and data) or subscriber (join only, ' +
        'enforced only where co-host authentication is enabled). attendee and admin are ' +
        'deprecated and get the publisher privileges. Default: publisher.',
    },
    ...userIdOption('--service rtm (the userAccount of RtmTokenBuilder)'),
    'privilege-expired-ts': {
      type: 'string',
      valueName: 'SECONDS',
      description:
        'When the privileges expire, an absolute Unix time in seconds (not a duration). ' +
        '0 means they never expire, but the token still ends at --ts. Values from 1 to ' +
        '99999999 are rejected as durations. Default: 0.',
    },
    ts: {
      type: 'string',
      valueName: 'SECONDS',
      description: `When the token expires, Unix time in seconds. Default: now + ${String(DEFAULT_TOKEN_LIFETIME_SECONDS)} (24 hours).`,
    },
    ...saltOption,
  },

  async generate({ appId, appCertificate, values }) {
    const service: Service = choiceOption(values, 'service', SERVICES) ?? 'rtc'
    return service === 'rtc' ? generateRtc(appId, appCertificate, values) : generateRtm(appId, appCertificate, values)
  },

  async samples() {
    const { appId, appCertificate, channelName, uid, salt, ts, privilegeExpiredTs } = TOKEN_SAMPLE
    const common = { appId, appCertificate, channelName, privilegeExpiredTs, salt, ts }
    const keys: SampleKey[] = [
      { label: 'access-token rtc publisher', key: await buildRtcToken(common, { uid }, 'publisher') },
      { label: 'access-token rtc subscriber', key: await buildRtcToken(common, { uid }, 'subscriber') },
      { label: 'access-token rtc subscriber uid-0', key: await buildRtcToken(common, { uid: 0 }, 'subscriber') },
      {
        label: 'access-token rtc subscriber account',
        key: await buildRtcToken(common, { account: String(uid) }, 'subscriber'),
      },
      {
        label: 'access-token rtm',
        key: await RtmTokenBuilder.buildToken({ appId, appCertificate, userAccount: String(uid), privilegeExpiredTs, salt, ts }),
      },
    ]
    return keys
  },
}
