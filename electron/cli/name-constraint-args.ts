import type { NameConstraintsSpec } from '../../shared/domain/types';
import type { Args, OptionSpec } from './command';

/** The name-constraint flags `ca create` and `sign-csr --profile intermediate` share. */
export const NAME_CONSTRAINT_OPTIONS: OptionSpec = {
  'permit-dns': { type: 'string', multiple: true },
  'exclude-dns': { type: 'string', multiple: true },
  'permit-ip': { type: 'string', multiple: true },
  'exclude-ip': { type: 'string', multiple: true },
  'permit-email': { type: 'string', multiple: true },
  'exclude-email': { type: 'string', multiple: true },
  'permit-uri': { type: 'string', multiple: true },
  'exclude-uri': { type: 'string', multiple: true },
};

export const NAME_CONSTRAINT_USAGE = `[--permit-dns D]... [--exclude-dns D]... [--permit-ip CIDR]... [--exclude-ip CIDR]...
    [--permit-email E]... [--exclude-email E]... [--permit-uri HOST]... [--exclude-uri HOST]...`;

export const NAME_CONSTRAINT_HELP = `Name constraints (written critical; every later issuance under the CA is checked against them):
  --permit-dns DOMAIN    permitted DNS subtree (repeatable; covers subdomains)
  --exclude-dns DOMAIN   excluded DNS subtree (repeatable)
  --permit-ip CIDR       permitted IP range, e.g. 10.0.0.0/8 or fd00::/8 (repeatable)
  --exclude-ip CIDR      excluded IP range (repeatable)
  --permit-email E       permitted mailboxes: ops@example.org (one address), example.org (that host),
                         .example.org (any subdomain) (repeatable)
  --exclude-email E      excluded mailboxes, same forms (repeatable)
  --permit-uri HOST      permitted URI hosts (RFC 5280: the host part of the URI; example.org is that host
                         only, .example.org any subdomain), e.g. a SPIFFE trust domain (repeatable)
  --exclude-uri HOST     excluded URI hosts, same forms (repeatable)`;

const FLAGS: [flag: string, key: keyof NameConstraintsSpec][] = [
  ['permit-dns', 'permittedDns'],
  ['exclude-dns', 'excludedDns'],
  ['permit-ip', 'permittedIp'],
  ['exclude-ip', 'excludedIp'],
  ['permit-email', 'permittedEmail'],
  ['exclude-email', 'excludedEmail'],
  ['permit-uri', 'permittedUri'],
  ['exclude-uri', 'excludedUri'],
];

/** The constraints given on the command line, or undefined when none (the service validates each value). */
export function nameConstraintArgs(args: Args): NameConstraintsSpec | undefined {
  const nc: NameConstraintsSpec = {};
  for (const [flag, key] of FLAGS) {
    const values = args.strs(flag);
    if (values.length) nc[key] = values;
  }
  return Object.keys(nc).length ? nc : undefined;
}
