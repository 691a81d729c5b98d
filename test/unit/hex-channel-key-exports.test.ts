import { describe, expect, it } from 'vitest'
import * as dynamicKey4 from '../../src/dynamic-key4/index.js'
import * as root from '../../src/index.js'

describe('root hex key exports', () => {
  it('has version namespaces', () => {
    for (const name of ['dynamicKey', 'dynamicKey2', 'dynamicKey3', 'dynamicKey4'] as const) {
      expect(typeof root[name].parse).toBe('function')
      expect(typeof root[name].verify).toBe('function')
    }
  })

  it('bare generators are DynamicKey4', () => {
    expect(root.generateMediaChannelKey).toBe(dynamicKey4.generateMediaChannelKey)
    expect(root.generateRecordingKey).toBe(dynamicKey4.generateRecordingKey)
    expect(root.generatePublicSharingKey).toBe(dynamicKey4.generatePublicSharingKey)
  })
})
