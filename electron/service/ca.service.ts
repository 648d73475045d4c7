import {
  certificateDerFrom,
  checkCaImport,
  createIntermediateCa,
  createRootCa,
  DANGEROUS_readPkcs12,
  DANGEROUS_readPrivateKeyFile,
  summarizeCertificate,
} from '../core/pki';
import type { Handlers, ParsedInput } from '../../shared/ipc/contract';
import type { CertSummary, IssueResult, KeyAlgorithm } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import { certFields } from './audit-recorder';
import { copySummary, type ServiceContext } from './context';
import { readInputFile } from './files';
import {
  checkSubject,
  issueResult,
  issuerInput,
  keyAlgorithmOrDefault,
  newKeyPair,
  opensslCommands,
  pkiContext,
  validityPlan,
} from './issuance';
import { storeCertificate, type KeySource } from './store';
import { knownCas, summariesWithVerdicts } from './verdicts';

type CaHandlers = Pick<Handlers, 'ca:create' | 'ca:import' | 'ca:importTrustAnchor' | 'ca:list'>;

export function createCaHandlers(ctx: ServiceContext): CaHandlers {
  return {
    'ca:create': (input) =>
      ctx.audit.run(
        'ca.create',
        () => createCa(ctx, input),
        (r) => certFields(r.summary, r.summary.profile),
        {
          subject: `CN=${input.subject.cn}`,
        },
      ),

    'ca:import': ({ certGrant, keyGrant, p12Grant, ...rest }) => {
      const input: ImportRequest = {
        ...rest,
        ...(certGrant !== undefined
          ? { certPath: ctx.grants.take(certGrant, 'read-file', 'certificate file') }
          : {}),
        ...(keyGrant !== undefined
          ? { keyPath: ctx.grants.take(keyGrant, 'read-file', 'private key file') }
          : {}),
        ...(p12Grant !== undefined
          ? { p12Path: ctx.grants.take(p12Grant, 'read-file', 'PKCS#12 file') }
          : {}),
      };
      return ctx.audit.run(
        'ca.import',
        () => importCa(ctx, input),
        (s) => certFields(s, s.hasKey ? 'with key' : 'certificate only'),
        {
          detail: input.p12Path ?? input.certPath ?? 'pasted PEM',
        },
      );
    },

    'ca:importTrustAnchor': ({ certGrant, ...rest }) => {
      const input: AnchorRequest = {
        ...rest,
        ...(certGrant !== undefined
          ? { certPath: ctx.grants.take(certGrant, 'read-file', 'certificate file') }
          : {}),
      };
      return ctx.audit.run(
        'ca.importTrustAnchor',
        () => importAnchor(ctx, input),
        (s) => certFields(s),
        {
          detail: input.certPath ?? 'pasted PEM',
        },
      );
    },

    'ca:list': async () => {
      const { inventory } = ctx.session.unlocked();
      return summariesWithVerdicts(inventory, inventory.cas(), ctx.now());
    },
  };
}

async function createCa(ctx: ServiceContext, input: ParsedInput<'ca:create'>): Promise<IssueResult> {
  const { inventory } = ctx.session.writable();
  checkSubject(input.subject);
  const cn = input.subject.cn.trim();
  if (inventory.cas().some((c) => c.summary.cn === cn)) {
    throw new AppError(
      'DUPLICATE_NAME',
      `A CA named "${cn}" already exists in the vault: CA names must be unique`,
    );
  }
  const settings = inventory.settings;
  const alg = keyAlgorithmOrDefault(input.key, settings);
  const isRoot = !input.parentId;
  const v = validityPlan(
    input.validity,
    isRoot ? settings.defaultValidityDays.root : settings.defaultValidityDays.intermediate,
  );
  const parent = input.parentId ? await issuerInput(ctx, input.parentId) : null;
  const pair = await newKeyPair(ctx, alg);
  const common = {
    subject: input.subject,
    validity: v.spec,
    pathLen: input.pathLen ?? null,
    ...(input.nameConstraints ? { nameConstraints: input.nameConstraints } : {}),
  };
  const issued = parent
    ? await createIntermediateCa(
        {
          ...common,
          issuer: parent.issuer,
          publicKey: pair.publicKey,
          usedSerials: inventory.serialTaken(parent.ca.summary.id),
          clampValidity: v.clamp,
        },
        pkiContext(ctx),
      )
    : await createRootCa(
        { ...common, publicKey: pair.publicKey, signingKey: pair.signingKey },
        pkiContext(ctx),
      );
  const profile = isRoot ? 'root' : 'intermediate';
  const entry = await storeCertificate(ctx, issued.der, issued.summary, {
    profile,
    key: { kind: 'generated', pair },
    issuerId: parent ? parent.ca.summary.id : null,
  });
  ctx.changed();
  const commands = opensslCommands({
    profile,
    subject: input.subject,
    keyAlgorithm: alg,
    validityDays: v.days,
    pathLen: input.pathLen ?? null,
    ...(input.nameConstraints ? { nameConstraints: input.nameConstraints } : {}),
    ...(parent?.ca.keyAlg ? { issuerKeyAlgorithm: parent.ca.keyAlg } : {}),
  });
  return issueResult(entry, issued, profile, parent?.ca.der, commands);
}

async function readCertInput(input: {
  certPath?: string | undefined;
  certPem?: string | undefined;
}): Promise<Uint8Array> {
  if (input.certPem !== undefined && input.certPath !== undefined) {
    throw new AppError('INVALID_INPUT', 'Give the certificate either as a path or as PEM text, not both');
  }
  if (input.certPem !== undefined) return certificateDerFrom(input.certPem);
  if (input.certPath !== undefined)
    return certificateDerFrom(await readInputFile(input.certPath, 'certificate'));
  throw new AppError('INVALID_INPUT', 'No certificate given: choose a certificate file or paste its PEM');
}

/** ca:import's input once main has turned the file grants into the paths the operator chose. */
type ImportRequest = Omit<ParsedInput<'ca:import'>, 'certGrant' | 'keyGrant' | 'p12Grant'> & {
  certPath?: string;
  keyPath?: string;
  p12Path?: string;
};
type AnchorRequest = Omit<ParsedInput<'ca:importTrustAnchor'>, 'certGrant'> & { certPath?: string };

async function importCa(ctx: ServiceContext, input: ImportRequest): Promise<CertSummary> {
  ctx.session.writable();
  let der: Uint8Array;
  let key: { pkcs8: Uint8Array; alg: KeyAlgorithm } | null = null;
  if (input.p12Path !== undefined) {
    if (input.certPath !== undefined || input.certPem !== undefined || input.keyPath !== undefined) {
      throw new AppError(
        'INVALID_INPUT',
        'Import either a PKCS#12 file or a certificate with its key file, not both',
      );
    }
    const p12 = await DANGEROUS_readPkcs12(
      await readInputFile(input.p12Path, 'PKCS#12'),
      input.p12Passphrase ?? '',
    );
    const first = p12.keyCertificate ?? p12.certificates[0];
    if (!first) throw new AppError('INVALID_PEM', `The PKCS#12 file ${input.p12Path} holds no certificate`);
    if (p12.key && !p12.keyCertificate) {
      p12.key.DANGEROUS_pkcs8.fill(0);
      throw new AppError(
        'KEY_MISMATCH',
        `The private key in ${input.p12Path} does not belong to any certificate in the file`,
      );
    }
    der = first;
    if (p12.key) key = { pkcs8: p12.key.DANGEROUS_pkcs8, alg: p12.key.alg };
  } else {
    der = await readCertInput(input);
    if (input.keyPath !== undefined) {
      const k = await DANGEROUS_readPrivateKeyFile(
        await readInputFile(input.keyPath, 'private key'),
        input.keyPassphrase,
      );
      key = { pkcs8: k.DANGEROUS_pkcs8, alg: k.alg };
    }
  }
  try {
    checkCaImport(der, key?.pkcs8 ?? null, knownCas(ctx.session.unlocked().inventory));
  } catch (e) {
    key?.pkcs8.fill(0);
    throw e;
  }
  const facts = summarizeCertificate(der);
  const source: KeySource = key ? { kind: 'imported', pkcs8: key.pkcs8, alg: key.alg } : { kind: 'none' };
  const entry = await storeCertificate(ctx, der, facts, {
    profile: facts.selfSigned ? 'root' : 'intermediate',
    key: source,
  });
  ctx.changed();
  return copySummary(entry.summary);
}

async function importAnchor(ctx: ServiceContext, input: AnchorRequest): Promise<CertSummary> {
  ctx.session.writable();
  const der = await readCertInput(input);
  checkCaImport(der, null, knownCas(ctx.session.unlocked().inventory));
  const facts = summarizeCertificate(der);
  const entry = await storeCertificate(ctx, der, facts, {
    profile: facts.selfSigned ? 'root' : 'intermediate',
    key: { kind: 'none' },
  });
  ctx.changed();
  return copySummary(entry.summary);
}
