export * from './canonical';
export * from './fingerprint';
