/**
 * Verification steps shared by the hex Channel Keys (DynamicKey 001–004).
 */
import {
  randomIntOffset,
  signUidKey,
  type HexKeyHead,
  type HexKeyLayout,
  type HexKeyTailField,
  type SignedUidKeyFields,
} from './hex-key.js'
import { hex8 } from './text.js'
import type { VerifyReason, VerifyResult } from './types.js'
import {
  appIdReason,
  malformedResult,
  resolveVerifyOptions,
  signatureReason,
  timeReasons,
  uidReason,
  verifyResult,
  type ResolvedVerifyOptions,
} from './verify-checks.js'

/** Stored fields a hex Channel Key verifier reads besides the signature check. */
export type VerifiableHexKeyFields = HexKeyHead & { readonly expiredTs?: number }

/** Result of a version's own checks: the fields to report and the failed checks. */
export interface HexKeyCheck<Result> {
  /** The parsed fields, plus anything the checks found (DynamicKey4's service). */
  readonly fields: Result
  /** The signature reason and any version-specific one, such as the stored uid. */
  readonly reasons: readonly VerifyReason[]
}

/**
 * Checks the options, parses the key and runs every check. `checkKey` runs
 * the signature check and any version-specific one, and this function adds the
 * App ID and time checks. Bad options throw, but a key that does not parse, including
 * a non-string key, becomes a `malformed` result.
 */
export async function verifyHexChannelKey<Fields extends VerifiableHexKeyFields, Result>(
  key: string,
  options: unknown,
  what: string,
  layout: HexKeyLayout<HexKeyTailField>,
  parse: (key: string) => Fields,
  checkKey: (fields: Fields, checked: ResolvedVerifyOptions) => Promise<HexKeyCheck<Result>>,
): Promise<VerifyResult<Result>> {
  const checked = resolveVerifyOptions(options, what)
  let fields: Fields
  try {
    fields = parse(key)
  } catch (error) {
    return malformedResult(error)
  }
  const check = await checkKey(fields, checked)
  return verifyResult(check.fields, [
    ...check.reasons,
    ...randomIntCaseReason(key, layout, fields.randomInt),
    ...appIdReason(fields.appId, checked.appId),
    ...timeReasons(fields.unixTs, fields.expiredTs, checked.now),
  ])
}

/**
 * Runs the key checks of DynamicKey2 and DynamicKey3. The signature is checked
 * with the uid stored in the key, so a signature failure and a uid mismatch
 * are separate reasons. A stored uid 0 lets any user join, so it matches every
 * expected uid.
 */
export async function checkUidKey<Fields extends HexKeyHead & SignedUidKeyFields>(
  fields: Fields,
  checked: ResolvedVerifyOptions,
): Promise<HexKeyCheck<Fields>> {
  const expected = await signUidKey(fields, checked.appCertificate, checked.channelName)
  const uidReasons = fields.uid === 0 ? [] : uidReason(fields.uid, checked.uid)
  return { fields, reasons: [...signatureReason(fields.signature, expected), ...uidReasons] }
}

/**
 * Rejects a randomInt written with upper-case hex digits. It parses to the
 * same number, so the recomputed signature would match, but every reference
 * writes and signs lower case: such a key was altered after signing.
 */
function randomIntCaseReason(
  key: string,
  layout: HexKeyLayout<HexKeyTailField>,
  randomInt: number,
): VerifyReason[] {
  const offset = randomIntOffset(layout)
  if (key.slice(offset, offset + 8) === hex8(randomInt)) return []
  return [
    {
      code: 'signature',
      message:
        'randomInt is written in upper-case hex, but the signature covers its lower-case form: the key was altered',
    },
  ]
}
