import {
  generateInChannelPermissionKey,
  generateMediaChannelKey,
  generatePublicSharingKey,
  generateRecordingKey,
  InChannelPermission,
} from '../../dynamic-key5/index.js'
import type { ChannelKeyWithUidOptions } from '../../channel-key/inputs.js'
import { choiceOption, usageError, type OptionValues } from '../args.js'
import {
  CHANNEL_KEY_SAMPLE,
  channelKeyWithUidOptions,
  readChannelKeyInputs,
  readService,
  SERVICES,
  serviceOptions,
  type ServiceName,
} from './channel-key-options.js'
import type { KeyKind, SampleKey } from './kind.js'

/** --permission values, by name and by the digit the key stores. */
const PERMISSIONS = {
  'no-upload': InChannelPermission.NoUpload,
  'audio-video-upload': InChannelPermission.AudioVideoUpload,
  '0': InChannelPermission.NoUpload,
  '3': InChannelPermission.AudioVideoUpload,
} as const

const PERMISSION_NAMES = Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]

/** The permission names in the order samples print them. */
const SAMPLE_PERMISSIONS = ['no-upload', 'audio-video-upload'] as const

/** Generators of the services that take no permission. */
const GENERATORS: Readonly<Record<Exclude<ServiceName, 'in-channel-permission'>, (options: ChannelKeyWithUidOptions) => Promise<string>>> = {
  media: generateMediaChannelKey,
  recording: generateRecordingKey,
  'public-sharing': generatePublicSharingKey,
}

/** Reads --permission, which --service in-channel-permission requires. */
function requirePermission(values: OptionValues): InChannelPermission {
  const permission = choiceOption(values, 'permission', PERMISSION_NAMES)
  if (permission === undefined) {
    throw usageError(
      'missing --permission: --service in-channel-permission needs no-upload or audio-video-upload',
      '--permission',
    )
  }
  return PERMISSIONS[permission]
}

/** Rejects --permission for the services that store no permission. */
function forbidPermission(values: OptionValues, service: ServiceName): void {
  if (values.permission !== undefined) {
    throw usageError(`--permission applies only to --service in-channel-permission, not ${service}`, '--permission')
  }
}

/** DynamicKey5 (version 005), the last Channel Key format. */
export const dynamicKey5Kind: KeyKind = {
  name: 'dynamic-key5',
  version: '005',
  summary: 'DynamicKey5 ("005" prefix): media, recording, public-sharing or in-channel-permission',
  details: [
    'DynamicKey5: "005" followed by base64 of a packed message. It signs the service, App ID, ' +
      'channel name, uid, issue time, random nonce and expiry, and stores all but the channel ' +
      'name and uid.',
    'The in-channel-permission service also stores what the user may upload in the channel.',
  ],
  example:
    'agora-keys generate dynamic-key5 --app-id 970ca35de60c44645bbae8a215061b33 --channel room-1 ' +
    '--uid 42 --service in-channel-permission --permission no-upload',
  options: {
    ...channelKeyWithUidOptions,
    ...serviceOptions(SERVICES),
    permission: {
      type: 'string',
      valueName: 'NAME',
      description:
        'What the user may upload, only with --service in-channel-permission: no-upload ' +
        '(stored as "0") or audio-video-upload (stored as "3"). The digits are accepted too.',
    },
  },

  async generate({ appId, appCertificate, values }) {
    const inputs = readChannelKeyInputs(values)
    const service = readService(values, SERVICES)
    const options = { appId, appCertificate, ...inputs }

    if (service === 'in-channel-permission') {
      const permission = requirePermission(values)
      const key = await generateInChannelPermissionKey({ ...options, permission })
      return { key, service, inputs: { ...inputs, permission }, channelName: inputs.channelName }
    }
    forbidPermission(values, service)
    const key = await GENERATORS[service](options)
    return { key, service, inputs: { ...inputs }, channelName: inputs.channelName }
  },

  async samples() {
    const keys: SampleKey[] = []
    for (const service of ['media', 'recording', 'public-sharing'] as const) {
      keys.push({ label: `dynamic-key5 ${service}`, key: await GENERATORS[service](CHANNEL_KEY_SAMPLE) })
    }
    for (const permission of SAMPLE_PERMISSIONS) {
      const key = await generateInChannelPermissionKey({ ...CHANNEL_KEY_SAMPLE, permission: PERMISSIONS[permission] })
      keys.push({ label: `dynamic-key5 in-channel-permission ${permission}`, key })
    }
    return keys
  },
}
