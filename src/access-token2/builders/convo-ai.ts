/**
 * ConvoAITokenBuilder: AccessToken2 ("007") tokens for Agora's Conversational
 * AI Engine, after the agora-token npm package (2.0.6). The Python and C++
 * references have no such builder.
 * @module
 */
import { ServiceType } from '../services.js'
import { buildFromServices } from './common.js'
import { resolveRtcWithRtm2, type RtcToken2WithRtm2Options } from './rtc.js'

/** Options of {@link ConvoAITokenBuilder}.buildToken: those of RtcTokenBuilder2.buildTokenWithRtm2. */
export type ConvoAITokenOptions = RtcToken2WithRtm2Options

/**
 * Builds a ConvoAI token: the RTC and RTM services of
 * RtcTokenBuilder2.buildTokenWithRtm2, plus the ConvoAI service (type 9),
 * which carries no privileges.
 *
 * @throws {AgoraKeysError} The codes of RtcTokenBuilder2.buildTokenWithRtm2.
 * @example
 * const token = await ConvoAITokenBuilder.buildToken({
 *   appId, appCertificate, channelName: 'agent-room', rtcAccount: '1001', rtcRole: RtcRole.PUBLISHER,
 *   rtcTokenExpire: 3600, joinChannelPrivilegeExpire: 3600, pubAudioPrivilegeExpire: 3600,
 *   pubVideoPrivilegeExpire: 3600, pubDataStreamPrivilegeExpire: 3600,
 *   rtmUserId: 'agent-1001', rtmTokenExpire: 3600,
 * })
 */
async function buildToken(options: ConvoAITokenOptions): Promise<string> {
  const { base, tokenExpire, services, written } = resolveRtcWithRtm2(options, 'ConvoAITokenBuilder.buildToken')
  return buildFromServices(base, tokenExpire, [...services, { type: ServiceType.convoAi, privileges: {} }], written)
}

/**
 * The builder of "007" Conversational AI tokens, named after agora-token's
 * ConvoAITokenBuilder. It takes one options object and returns a Promise of the token.
 */
export const ConvoAITokenBuilder = /* @__PURE__ */ Object.freeze({
  buildToken,
})
