/** Public surface of the mTLS handshake check (product.md §8). */
export { checkMtls, type CheckMtlsInput } from './check-mtls';
