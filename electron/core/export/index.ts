/** Public surface of the export writers (product.md §7). */
export { DANGEROUS_encryptPkcs8 } from './encrypted-pkcs8';
export { DANGEROUS_buildPkcs12, type Pkcs12Input, type Pkcs12Mode } from './pkcs12';
export {
  writeExportBundles,
  type WriteExportBundlesInput,
  type ExportBundleInput,
  type KeyEncryption,
} from './bundle';
export {
  writeTrustBundle,
  type WriteTrustBundleInput,
  type TrustBundleCa,
  type ExcludedCa,
} from './trust-bundle';
export { safeFolderName } from './bundle-files';
export { MIN_PBKDF2_ITERATIONS, type Pbes2Options } from './pbes2';
export type { ExportFs, SafeWriteHooks } from './safe-write';
export { writeFileChecked, type CheckedFileResult } from './write-file-checked';
export { expiryCalendar, type ExpiryCalendarOptions } from './expiry-calendar';
