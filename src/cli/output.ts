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

/**
 * Lists the App Certificates this run was given: the AGORA_APP_CERTIFICATE
 * value and every --app-certificate argument, as typed.
 */
export function knownCertificates(args: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  const found: string[] = []
  const fromEnv = env.AGORA_APP_CERTIFICATE
  if (fromEnv !== undefined) found.push(fromEnv)
  args.forEach((arg, index) => {
    if (arg.startsWith('--app-certificate=')) found.push(arg.slice('--app-certificate='.length))
    else if (arg === '--app-certificate') found.push(args[index + 1] ?? '')
  })
  // Short values are not certificates, and hiding them would garble ordinary output.
  return found.map((value) => value.trim()).filter((value) => value.length >= 16)
}

/**
 * Replaces every copy of a known certificate, in any letter case, with
 * "[redacted]". This is the last line of defence for output that echoes an
 * option, such as a certificate passed as --channel to verify or inspect.
 */
export function redactCertificates(text: string, certificates: readonly string[]): string {
  let out = text
  for (const certificate of certificates) {
    const lower = certificate.toLowerCase()
    let index = out.toLowerCase().indexOf(lower)
    while (index !== -1) {
      out = out.slice(0, index) + '[redacted]' + out.slice(index + certificate.length)
      index = out.toLowerCase().indexOf(lower, index + '[redacted]'.length)
    }
  }
  return out
}
