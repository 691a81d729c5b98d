/**
 * SttTokenBuilder: AccessToken2 ("007") tokens for Agora's real-time speech
 * to text, after the agora-token npm package (2.0.6). The Python and C++
 * references have no such builder.
 * @module
 */
import { ServiceType } from '../services.js'
import { buildFromServices } from './common.js'
import { resolveRtcWithRtm2, type RtcToken2WithRtm2Options } from './rtc.js'

/** Options of {@link SttTokenBuilder}.buildToken: those of RtcTokenBuilder2.buildTokenWithRtm2. */
export type SttTokenOptions = RtcToken2WithRtm2Options

/**
 * Builds an STT token: the RTC and RTM services of
 * RtcTokenBuilder2.buildTokenWithRtm2, plus the STT service (type 10),
 * which carries no privileges.
 *
 * @throws {AgoraKeysError} The codes of RtcTokenBuilder2.buildTokenWithRtm2.
 * @example
 * const token = await SttTokenBuilder.buildToken({
 *   appId, appCertificate, channelName: 'meeting', rtcAccount: '2001', rtcRole: RtcRole.PUBLISHER,
 *   rtcTokenExpire: 3600, joinChannelPrivilegeExpire: 3600, pubAudioPrivilegeExpire: 3600,
 *   pubVideoPrivilegeExpire: 3600, pubDataStreamPrivilegeExpire: 3600,
 *   rtmUserId: 'stt-bot', rtmTokenExpire: 3600,
 * })
 */
async function buildToken(options: SttTokenOptions): Promise<string> {
  const { base, tokenExpire, services, written } = resolveRtcWithRtm2(options, 'SttTokenBuilder.buildToken')
  return buildFromServices(base, tokenExpire, [...services, { type: ServiceType.stt, privileges: {} }], written)
}

/**
 * The builder of "007" speech-to-text tokens, named after agora-token's
 * SttTokenBuilder. It takes one options object and returns a Promise of the token.
 */
export const SttTokenBuilder = /* @__PURE__ */ Object.freeze({
  buildToken,
})
