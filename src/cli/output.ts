import { AgoraKeysError } from '../errors.js'

/** The program name that starts every error and warning line. */
export const PROGRAM = 'agora-keys'

/**
 * Any run of 32 or more hex characters, the shape of an App Certificate. A
 * certificate typed in the wrong place (as a positional argument, say) could
 * otherwise reach stderr through an error message that echoes input. Longer
 * runs count too, because a certificate pasted next to other hex digits
 * (`$CERT0`, or twice) still contains every character of it.
 * NOTE: a certificate split by another character, or cut short, still shows.
 */
const HEX32_RUN = /[0-9a-fA-F]{32,}/g

/** Replaces every run of 32 or more hex characters with a placeholder that gives its length. */
export function redactHex32(text: string): string {
  return text.replace(HEX32_RUN, (run) => `<${String(run.length)} hex characters>`)
}

/** Joins a multi-line message (Node's parseArgs writes some over three lines) into one line. */
function singleLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}

/** Formats an AgoraKeysError as the one stderr line "agora-keys: <message> (<code>)". */
export function formatError(error: AgoraKeysError): string {
  return `${PROGRAM}: ${redactHex32(singleLine(error.message))} (${error.code})\n`
}

/** Formats an error that is not an AgoraKeysError, which means a bug in agora-keys. */
export function formatUnexpectedError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return (
    `${PROGRAM}: unexpected error: ${redactHex32(singleLine(message))}; ` +
    'please report it with the command you ran, leaving out the App Certificate\n'
  )
}

/** Formats a warning line for stderr. */
export function formatWarning(message: string): string {
  return `${PROGRAM}: warning: ${redactHex32(singleLine(message))}\n`
}
