/**
 * The root's `dynamicKey3` namespace: everything agora-keys/dynamic-key3 exports.
 * tsup builds this file as its own entry, so the namespace object lands in a
 * chunk without DynamicKey3's functions and a bundler drops it when only named
 * functions are imported.
 * @module
 */
export * from '../dynamic-key3/index.js'
