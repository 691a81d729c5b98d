import { randomUint32 } from '../../random.js'
import { checkWrappingUint32, nowSeconds } from '../../validate.js'
import {
  checkTimestampOption,
  choiceOption,
  integerOption,
  stringOption,
  usageError,
  type OptionSpecs,
  type OptionValues,
} from '../args.js'

/** Options of DynamicKey (001), which binds no uid and no expiry. */
export const channelKeyOptions: OptionSpecs = {
  channel: {
    type: 'string',
    valueName: 'NAME',
    description:
      'Channel name, required. It is signed but not stored in the key. Write --channel=NAME ' +
      "for a name that starts with a dash. A warning is printed when the name breaks Agora's " +
      'rules: at most 63 bytes of a-z A-Z 0-9, space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,',
  },
  'unix-ts': {
    type: 'string',
    valueName: 'SECONDS',
    description:
      'Issue time, Unix time in seconds. A client must join within 300 seconds (5 minutes) of it. Default: now.',
  },
  'random-int': {
    type: 'string',
    valueName: 'N',
    description:
      'Random nonce, an unsigned 32-bit integer. Negative values down to -2147483648 wrap to ' +
      'unsigned (write --random-int=-1). Default: a fresh value from crypto.getRandomValues.',
  },
}

/** Options of DynamicKey2 and later, which also bind a uid and an expiry. */
export const channelKeyWithUidOptions: OptionSpecs = {
  ...channelKeyOptions,
  uid: {
    type: 'string',
    valueName: 'N',
    description:
      'User ID, an unsigned 32-bit integer. 0 lets any uid join. Negative values down to ' +
      '-2147483648 wrap to unsigned, as Java and Android clients hold uids in a signed int ' +
      '(write --uid=-1). Default: 0.',
  },
  'expired-ts': {
    type: 'string',
    valueName: 'SECONDS',
    description:
      'When Agora removes the user from the channel, Unix time in seconds. 0 means no limit. Default: 0.',
  },
}

/** Channel Key inputs read from the command line, with defaults filled in. */
export interface ChannelKeyInputs {
  readonly channelName: string
  readonly unixTs: number
  readonly randomInt: number
  /** Wrapped to unsigned 32 bits. */
  readonly uid: number
  readonly expiredTs: number
}

/**
 * Reads and checks the Channel Key options. The CLI fills in unixTs and
 * randomInt itself, instead of leaving them to the library, so that --json
 * can print the values that were signed.
 */
export function readChannelKeyInputs(values: OptionValues): ChannelKeyInputs {
  const channelName = stringOption(values, 'channel')
  if (channelName === undefined) throw usageError('missing --channel: pass the channel name to sign', '--channel')

  const unixTs = integerOption(values, 'unix-ts')
  const randomInt = integerOption(values, 'random-int')
  const uid = integerOption(values, 'uid')
  const expiredTs = integerOption(values, 'expired-ts')
  return {
    channelName,
    unixTs: unixTs === undefined ? nowSeconds() : checkTimestampOption(unixTs, 'unix-ts'),
    randomInt: randomInt === undefined ? randomUint32() : checkWrappingUint32(randomInt, '--random-int'),
    uid: uid === undefined ? 0 : checkWrappingUint32(uid, '--uid'),
    expiredTs: expiredTs === undefined ? 0 : checkTimestampOption(expiredTs, 'expired-ts'),
  }
}

/** Services of DynamicKey4 and DynamicKey5, by their command-line names. */
export const SERVICES = ['media', 'recording', 'public-sharing', 'in-channel-permission'] as const

/** A service name accepted by --service. */
export type ServiceName = (typeof SERVICES)[number]

/**
 * Help text per service. The tags in parentheses are the service names
 * DynamicKey4 signs. The Recording SDK joins with a media key, as a note on
 * generateRecordingKey in the C++ reference (cpp/src/DynamicKey5.h) states.
 */
const SERVICE_DESCRIPTIONS: Readonly<Record<ServiceName, string>> = {
  media: 'media joins a channel, also for the Recording SDK (ACS)',
  recording: 'recording is for the ARS recording service, not the Recording SDK',
  'public-sharing': 'public-sharing is for the public sharing service (APSS)',
  'in-channel-permission': 'in-channel-permission sets what the user may upload and needs --permission',
}

/** Builds the --service option for a kind that supports the given services. */
export function serviceOptions(services: readonly ServiceName[]): OptionSpecs {
  const meanings = services.map((service) => SERVICE_DESCRIPTIONS[service])
  return {
    service: {
      type: 'string',
      valueName: 'NAME',
      description: `What the key is for: ${meanings.join(', ')}. Default: media.`,
    },
  }
}

/** Reads --service, which defaults to media. */
export function readService<Service extends ServiceName>(values: OptionValues, services: readonly Service[]): Service {
  const chosen = choiceOption(values, 'service', services)
  if (chosen !== undefined) return chosen
  const media = services.find((service) => service === 'media')
  if (media === undefined) throw new TypeError('a service list without media has no default')
  return media
}

/**
 * Agora's documented sample inputs, from the reference tests in AgoraIO/Tools
 * DynamicKey/AgoraDynamicKey (python3/test/DynamicKey5Test.py and the others).
 * The App Certificate here is Agora's public example, not a secret.
 */
export const CHANNEL_KEY_SAMPLE = {
  appId: '970ca35de60c44645bbae8a215061b33',
  appCertificate: '5cfd2fd1755d40ecb72977518be15d3b',
  channelName: '7d72365eb983485397e3e3f9d460bdda',
  unixTs: 1446455472,
  randomInt: 58964981,
  uid: 2882341273,
  expiredTs: 1446455471,
} as const
