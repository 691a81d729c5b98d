/**
 * Building AccessToken2 ("007") tokens: "007" + base64(zlib(payload)), where
 * the payload is the signature as uint16-length-prefixed bytes followed by
 * the signing info, which is signed:
 *
 * appId (string), issueTs (uint32), expire (uint32), salt (uint32),
 * service count (uint16), then each service (see codec.ts).
 *
 * All integers are little-endian. Services are written in ascending type
 * order; services of one type keep the caller's order.
 */
import { ByteWriter, base64Encode } from '../bytes/index.js'
import { deflate } from '../compress/index.js'
import { AgoraKeysError } from '../errors.js'
import { packService } from './codec.js'
import { resolveAccessToken2Inputs, type AccessToken2Options, type ResolvedAccessToken2Inputs } from './inputs.js'
import { ACCESS_TOKEN2_VERSION, MAX_ACCESS_TOKEN2_PAYLOAD_BYTES } from './limits.js'
import { signSigningInfo } from './signing.js'

/**
 * Initial writer capacity for the signing info, in bytes. The signing info of
 * an RTC publisher token with a 32-character channel name and a 10-digit uid is
 * 122 bytes. From the writer's 64-byte default it would grow twice, and larger
 * signing infos still grow from this one.
 */
const SIGNING_INFO_CAPACITY = 256

/** Packs the signed part of a token from checked inputs. */
export function packSigningInfo(inputs: ResolvedAccessToken2Inputs): Uint8Array {
  const writer = new ByteWriter(SIGNING_INFO_CAPACITY)
    .putString(inputs.appId, 'appId')
    .putUint32(inputs.issueTs, 'issueTs')
    .putUint32(inputs.expire, 'expire')
    .putUint32(inputs.salt, 'salt')
    .putUint16(inputs.services.length, 'services count')
  // Array.prototype.sort is stable, so services of one type keep their order.
  const ordered = inputs.services
    .map((service, index) => ({ service, field: `services[${String(index)}]` }))
    .sort((a, b) => a.service.type - b.service.type)
  for (const { service, field } of ordered) packService(writer, service, field)
  return writer.toView()
}

/** Makes the error for a payload of `bytes` bytes, above {@link MAX_ACCESS_TOKEN2_PAYLOAD_BYTES}. */
export type PayloadTooLongError = (bytes: number) => AgoraKeysError

/**
 * Makes the `ERR_VALUE_TOO_LONG` error for a payload of `bytes` bytes. It
 * names `field`, and its message ends with `fix`, the inputs to shorten.
 */
export function payloadTooLongError(bytes: number, field: string, fix: string): AgoraKeysError {
  return new AgoraKeysError(
    'ERR_VALUE_TOO_LONG',
    `the token payload is ${String(bytes)} bytes, above the ${String(MAX_ACCESS_TOKEN2_PAYLOAD_BYTES)} that parseAccessToken2 accepts; ${fix}`,
    { field },
  )
}

/** The payload error of the low-level API, whose caller passes the services. */
const servicesTooLong: PayloadTooLongError = (bytes) =>
  payloadTooLongError(bytes, 'services', 'grant fewer or shorter services')

/** Joins the signature and the signing info into the payload, and checks its size. */
function packPayload(signature: Uint8Array, signingInfo: Uint8Array, tooLong: PayloadTooLongError): Uint8Array {
  const payload = new ByteWriter(2 + signature.length + signingInfo.length)
    .putBytes(signature, 'signature')
    .putRaw(signingInfo)
    .toView()
  if (payload.length > MAX_ACCESS_TOKEN2_PAYLOAD_BYTES) throw tooLong(payload.length)
  return payload
}

/**
 * Builds the signed payload of an AccessToken2 before compression: the
 * length-prefixed signature followed by the signing info. It is what a
 * token inflates to, so it can be compared byte for byte with any
 * implementation whatever its deflate output.
 *
 * @throws {AgoraKeysError} The codes of {@link buildAccessToken2}.
 * @example
 * const payload = await buildAccessToken2Payload({ appId, appCertificate, expire: 600, services })
 */
export async function buildAccessToken2Payload(options: AccessToken2Options): Promise<Uint8Array> {
  const inputs = resolveAccessToken2Inputs(options, 'buildAccessToken2Payload')
  const signingInfo = packSigningInfo(inputs)
  const signature = await signSigningInfo(inputs.appCertificate, inputs.issueTs, inputs.salt, signingInfo)
  return packPayload(signature, signingInfo, servicesTooLong)
}

/**
 * Builds an AccessToken2 ("007") carrying any mix of services. Privilege
 * values are written as given, even when longer than `expire`, as every
 * reference does; Agora ends every privilege when the token expires.
 *
 * @throws {AgoraKeysError} `ERR_INVALID_ARGUMENT` (options, services or a
 *   field of the wrong type, unknown service type), `ERR_INVALID_APP_ID`,
 *   `ERR_INVALID_APP_CERTIFICATE`, `ERR_INVALID_INTEGER`,
 *   `ERR_TIMESTAMP_IN_MILLISECONDS` (issueTs), `ERR_EXPIRE_LOOKS_LIKE_TIMESTAMP`
 *   (expire or a privilege above 100000000 s), `ERR_VALUE_TOO_LONG` (a string
 *   over 65535 bytes or a payload over 64 KiB), `ERR_UNSUPPORTED_RUNTIME`.
 * @example
 * const token = await buildAccessToken2({
 *   appId,
 *   appCertificate,
 *   expire: 3600,
 *   services: [{
 *     type: ServiceType.rtc,
 *     channelName: 'room-1',
 *     uid: '42',
 *     privileges: { [RtcPrivilege.joinChannel]: 3600 },
 *   }],
 * })
 */
export function buildAccessToken2(options: AccessToken2Options): Promise<string> {
  return encodeAccessToken2(options, servicesTooLong)
}

/**
 * Builds an AccessToken2 like {@link buildAccessToken2}, with `tooLong` making
 * the error for a payload above the cap. The builders pass their own, which
 * names their options rather than `services`.
 */
export async function encodeAccessToken2(
  options: AccessToken2Options,
  tooLong: PayloadTooLongError,
): Promise<string> {
  // Signing and compressing are awaited here, in one async function, rather
  // than in nested ones, because V8 allocates the saved frame of each
  // suspended async call.
  const inputs = resolveAccessToken2Inputs(options, 'buildAccessToken2')
  const signingInfo = packSigningInfo(inputs)
  const signature = await signSigningInfo(inputs.appCertificate, inputs.issueTs, inputs.salt, signingInfo)
  const payload = packPayload(signature, signingInfo, tooLong)
  return ACCESS_TOKEN2_VERSION + base64Encode(deflate(payload))
}
