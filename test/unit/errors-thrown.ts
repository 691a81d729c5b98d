import { expect } from 'vitest'
import { AgoraKeysError } from '../../src/errors.js'

/** Runs `fn` and returns the AgoraKeysError it threw, failing the test if it returned or threw another type. */
export function thrownBy(fn: () => unknown): AgoraKeysError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(AgoraKeysError)
    return error as AgoraKeysError
  }
  throw new Error('expected the call to throw')
}

/** Awaits `run()` and returns the AgoraKeysError it rejected with, failing the test otherwise. */
export async function rejectionOf(run: () => Promise<unknown>): Promise<AgoraKeysError> {
  try {
    await run()
  } catch (error) {
    expect(error).toBeInstanceOf(AgoraKeysError)
    return error as AgoraKeysError
  }
  throw new Error('expected the call to reject')
}
