import { generate } from '../../dynamic-key2/index.js'
import { uidChannelKeyKind } from './uid-channel-key.js'

/** DynamicKey2 (version 002), the first Channel Key that binds a uid and an expiry. */
export const dynamicKey2Kind = uidChannelKeyKind(
  {
    name: 'dynamic-key2',
    version: '002',
    summary: 'DynamicKey2: 110 characters with no version prefix, binds a uid and an expiry',
    details: [
      'DynamicKey2: 110 characters with no version prefix. It signs the App ID, channel name, ' +
        'issue time, random nonce, uid and expiry, and stores all but the channel name.',
    ],
    example: 'agora-keys generate dynamic-key2 --app-id 970ca35de60c44645bbae8a215061b33 --channel room-1 --uid 42',
  },
  generate,
)
