/**
 * The root's `dynamicKey2` namespace: everything agora-keys/dynamic-key2 exports.
 * tsup builds this file as its own entry, so the namespace object lands in a
 * chunk without DynamicKey2's functions and a bundler drops it when only named
 * functions are imported.
 * @module
 */
export * from '../dynamic-key2/index.js'
