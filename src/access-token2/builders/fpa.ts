/**
 * FpaTokenBuilder: AccessToken2 ("007") tokens for Fast Path Acceleration,
 * after the references' FpaTokenBuilder.
 * @module
 */
import { FpaPrivilege, ServiceType } from '../services.js'
import { buildFromServices, checkBuilderOptions, type BuilderBaseOptions } from './common.js'

/** The token lifetime the references fix for FPA tokens: 24 hours, in seconds. */
export const FPA_TOKEN_EXPIRE = 24 * 3600

/** Options of {@link FpaTokenBuilder}.buildToken: only the shared builder options. */
export type FpaTokenOptions = BuilderBaseOptions

/**
 * Builds an FPA token: the FPA service (type 4) with the login privilege set
 * to 0, in a token that expires {@link FPA_TOKEN_EXPIRE} seconds (24 hours)
 * after issueTs. Neither value can be changed, as in the references.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_APP_ID`, `ERR_INVALID_APP_CERTIFICATE`,
 *   `ERR_INVALID_INTEGER`, `ERR_TIMESTAMP_IN_MILLISECONDS`, `ERR_INVALID_ARGUMENT`.
 * @example
 * const token = await FpaTokenBuilder.buildToken({ appId, appCertificate })
 */
async function buildToken(options: FpaTokenOptions): Promise<string> {
  const { base } = checkBuilderOptions(options, 'FpaTokenBuilder.buildToken')
  return buildFromServices(
    base,
    FPA_TOKEN_EXPIRE,
    [{ type: ServiceType.fpa, privileges: { [FpaPrivilege.login]: 0 } }],
    {},
  )
}

/**
 * The builder of "007" FPA tokens, named after the references' FpaTokenBuilder.
 * It takes one options object and returns a Promise of the token.
 */
export const FpaTokenBuilder = /* @__PURE__ */ Object.freeze({
  buildToken,
})
