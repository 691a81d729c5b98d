/**
 * Text fields of the hex Channel Keys (DynamicKey 001–004). The references
 * format integers as '{:0>10}' and '%.8x', so these must match exactly.
 */

/** Formats a uint32 as 10 decimal digits, zero-padded. */
export function decimal10(value: number): string {
  return String(value).padStart(10, '0')
}

/** Formats a uint32 as 8 lower-case hex digits, zero-padded. */
export function hex8(value: number): string {
  return value.toString(16).padStart(8, '0')
}

/**
 * Left-pads an App ID with NUL characters to 32, as the references do before
 * signing. Validated App IDs are always 32 characters, so this is a no-op
 * kept to mirror the signed layout.
 */
export function signedAppId(appId: string): string {
  return appId.padStart(32, '\0')
}
