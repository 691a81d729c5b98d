import { checkAppCertificate, checkAppId } from '../validate.js'
import { stringOption, usageError, type OptionSpec, type OptionSpecs, type OptionValues } from './args.js'
import type { CliContext } from './command.js'

/** Environment variable read for the App Certificate when --app-certificate is absent. */
export const CERTIFICATE_ENV = 'AGORA_APP_CERTIFICATE'
/** Environment variable read for the App ID when --app-id is absent. */
export const APP_ID_ENV = 'AGORA_APP_ID'

/**
 * Placeholder that --json prints in place of the App Certificate. Even a
 * prefix is left out, because JSON output tends to end up in logs and tickets.
 */
export const CERTIFICATE_PLACEHOLDER = '[redacted]'

/** The --app-id option of generate. */
export const appIdOption: OptionSpec = {
  type: 'string',
  valueName: 'HEX',
  description: `App ID from Agora Console, 32 hex characters. Default: the ${APP_ID_ENV} environment variable.`,
}

/** The --app-certificate option. */
export const appCertificateOption: OptionSpec = {
  type: 'string',
  valueName: 'HEX',
  description:
    `App Certificate, 32 hex characters. Prefer the ${CERTIFICATE_ENV} environment variable, ` +
    'because a flag is visible in shell history and to other users through ps. The flag wins when both are set.',
}

/** The App ID and certificate options every key kind takes. */
export const credentialOptions: OptionSpecs = {
  'app-id': appIdOption,
  'app-certificate': appCertificateOption,
}

/** The App Certificate and where it came from, for --json output. */
export interface ResolvedCertificate {
  readonly value: string
  /** The flag or environment variable the value was read from. */
  readonly source: '--app-certificate' | typeof CERTIFICATE_ENV
}

/** Treats an empty environment variable as unset, as shells make `VAR=` easy to leave behind. */
function environmentValue(context: CliContext, name: string): string | undefined {
  const value = context.env[name]
  return value === undefined || value === '' ? undefined : value
}

/** Reads and checks the App ID from --app-id or AGORA_APP_ID. */
export function resolveAppId(values: OptionValues, context: CliContext): string {
  const flag = stringOption(values, 'app-id')
  if (flag !== undefined) return checkAppId(flag, '--app-id')
  const fromEnvironment = environmentValue(context, APP_ID_ENV)
  if (fromEnvironment !== undefined) return checkAppId(fromEnvironment, APP_ID_ENV)
  throw usageError(`missing App ID: pass --app-id or set ${APP_ID_ENV}`, '--app-id')
}

/**
 * Reads and checks the App Certificate from --app-certificate or
 * AGORA_APP_CERTIFICATE. Error messages report only the length, never the
 * characters.
 */
export function resolveAppCertificate(values: OptionValues, context: CliContext): ResolvedCertificate {
  const flag = stringOption(values, 'app-certificate')
  if (flag !== undefined) {
    return { value: checkAppCertificate(flag, '--app-certificate'), source: '--app-certificate' }
  }
  const fromEnvironment = environmentValue(context, CERTIFICATE_ENV)
  if (fromEnvironment !== undefined) {
    return { value: checkAppCertificate(fromEnvironment, CERTIFICATE_ENV), source: CERTIFICATE_ENV }
  }
  throw usageError(
    `missing App Certificate: set ${CERTIFICATE_ENV} (preferred) or pass --app-certificate`,
    '--app-certificate',
  )
}
