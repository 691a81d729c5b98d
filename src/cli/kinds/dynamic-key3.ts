import { generate } from '../../dynamic-key3/index.js'
import { uidChannelKeyKind } from './uid-channel-key.js'

/** DynamicKey3 (version 003), the first Channel Key with a version prefix. */
export const dynamicKey3Kind = uidChannelKeyKind(
  {
    name: 'dynamic-key3',
    version: '003',
    summary: 'DynamicKey3 ("003" prefix): binds a uid and an expiry',
    details: [
      'DynamicKey3: "003" followed by 110 characters. It signs the App ID, channel name, issue ' +
        'time, random nonce, uid and expiry, and stores all but the channel name.',
    ],
    example: 'agora-keys generate dynamic-key3 --app-id 970ca35de60c44645bbae8a215061b33 --channel room-1 --uid 42',
  },
  generate,
)
