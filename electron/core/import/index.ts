/** Importers for other tools' PKIs (XCA databases, easy-rsa folders) into one source model. */
export type * from './types';
export { SOURCE_KINDS, zeroSourceKeys } from './types';
export { readEasyRsa } from './easyrsa';
export { readXca } from './xca';
export { profileOfCertificate } from './classify';
