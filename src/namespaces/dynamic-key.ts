/**
 * The root's `dynamicKey` namespace: everything agora-keys/dynamic-key exports.
 * tsup builds this file as its own entry, so the namespace object lands in a
 * chunk without DynamicKey's functions and a bundler drops it when only named
 * functions are imported.
 * @module
 */
export * from '../dynamic-key/index.js'
