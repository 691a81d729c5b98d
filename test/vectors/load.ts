import { readFileSync } from 'node:fs'
import path from 'node:path'

/** One case of a kind file in vectors/: inputs use the Python reference's names in camelCase. */
export interface VectorCase {
  readonly name: string
  readonly function: string
  readonly input: Record<string, unknown>
  readonly expected: string
  readonly agreedBy: readonly string[]
  readonly payloadHex?: string
  readonly note?: string
}

export interface VectorFile {
  readonly kind: string
  readonly version: string
  readonly versionPrefix: string
  readonly cases: readonly VectorCase[]
}

export const vectorsDir = path.resolve(import.meta.dirname, '../../vectors')

/** Reads vectors/<kind>.json. */
export function loadVectors(kind: string): VectorFile {
  const text = readFileSync(path.join(vectorsDir, `${kind}.json`), 'utf8')
  return JSON.parse(text) as VectorFile
}

/** Reads a string field of a case input, failing loudly if the vector file changed shape. */
export function inputString(input: Record<string, unknown>, field: string): string {
  const value = input[field]
  if (typeof value !== 'string') throw new TypeError(`vector input ${field} is not a string`)
  return value
}

/** Reads a number field of a case input. */
export function inputNumber(input: Record<string, unknown>, field: string): number {
  const value = input[field]
  if (typeof value !== 'number') throw new TypeError(`vector input ${field} is not a number`)
  return value
}
