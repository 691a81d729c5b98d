import { describe, expect, it } from 'vitest'
import { buildAccessToken2, RtmTokenBuilder2 } from '../../src/access-token2/index.js'
import { rejectionOf } from './errors-thrown.js'
import { APP_CERTIFICATE, APP_ID, ISSUE_TS, rtcOptions } from './access-token2-fixtures.js'

// Arrays with holes, as `[a, , b]` and `new Array(2)` make them. Array.prototype.map skips
// holes and keeps them in its result, so a check that maps over the input never checks them.
const serviceWithHole: unknown[] = [{ type: 1, privileges: {}, channelName: 'room-1', uid: '' }]
serviceWithHole.length = 2
const namesWithHole: unknown[] = ['channel-a']
namesWithHole[2] = 'channel-b'

describe('buildAccessToken2 sparse arrays', () => {
  it('rejects a hole in services', async () => {
    const error = await rejectionOf(() => buildAccessToken2(rtcOptions({ services: serviceWithHole as never })))
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('services[1]')
  })

  it('rejects only holes in services', async () => {
    const error = await rejectionOf(() => buildAccessToken2(rtcOptions({ services: new Array(1) as never })))
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('services[0]')
  })

  it('rejects a hole in RTM2 names', async () => {
    const service = { type: 8, privileges: {}, userId: 'alice', permissions: { 0: { 0: namesWithHole } } }
    const error = await rejectionOf(() => buildAccessToken2(rtcOptions({ services: [service as never] })))
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('services[0].permissions[0][0][1]')
  })

  it('rejects a hole through the builder', async () => {
    const error = await rejectionOf(() =>
      RtmTokenBuilder2.buildTokenWithPermissions({
        appId: APP_ID,
        appCertificate: APP_CERTIFICATE,
        issueTs: ISSUE_TS,
        userId: 'alice',
        expire: 600,
        permissions: { 0: { 0: namesWithHole as string[] } },
      }),
    )
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('permissions[0][0][1]')
  })
})
