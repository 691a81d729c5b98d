import type { OptionSpecs, OptionValues } from '../args.js'

/** Checked credentials and the parsed options a kind generates from. */
export interface GenerateRequest {
  readonly appId: string
  readonly appCertificate: string
  /** Every option given on the command line, by long name. Only this kind's options are present. */
  readonly values: OptionValues
}

/** A generated key with the inputs it was made from. */
export interface GeneratedKey {
  readonly key: string
  /**
   * Every signed input with defaults filled in (the current time, a fresh
   * random value), so `--json` output can reproduce the key. The App ID and
   * App Certificate are added by the generate command.
   */
  readonly inputs: Readonly<Record<string, string | number>>
  /** The service the key is for (DynamicKey4 and DynamicKey5 only). */
  readonly service?: string
  /** The channel name, which the generate command checks against Agora's rules. */
  readonly channelName?: string
}

/** One key printed by `agora-keys samples`. */
export interface SampleKey {
  /** The kind and service, such as "dynamic-key5 recording". */
  readonly label: string
  readonly key: string
}

/**
 * One kind of key the CLI can generate. Each kind lives in its own file under
 * src/cli/kinds/ and is listed in src/cli/kinds/index.ts.
 */
export interface KeyKind {
  /** The word that selects the kind: `agora-keys generate <name>`. */
  readonly name: string
  /** The format version, such as "005". */
  readonly version: string
  /** One line for the list of kinds in help. */
  readonly summary: string
  /** Paragraphs of help shown above the options in `agora-keys generate <name> --help`. */
  readonly details: readonly string[]
  /** A command line that generates this kind, shown in its help. */
  readonly example: string
  /** Options this kind takes besides --app-id, --app-certificate and --json. All are string options. */
  readonly options: OptionSpecs
  /** Generates a key; throws AgoraKeysError for invalid input. */
  generate(request: GenerateRequest): Promise<GeneratedKey>
  /** Generates this kind's keys for Agora's documented sample inputs. */
  samples(): Promise<readonly SampleKey[]>
}
