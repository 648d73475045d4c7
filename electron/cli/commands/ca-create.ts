import { KEY_ALGORITHMS, type NameConstraintsSpec } from '../../../shared/domain/types';
import { oneOf, parseNonNegativeInt, parsePositiveInt } from '../arg-values';
import { JSON_OPT, type Command } from '../command';
import { printJson } from '../io';
import { resolveCa } from '../resolve';
import { VAULT_OPTIONS_HELP } from './common-help';
import { issuedJson, printIssued } from './format';

export const caCreateCommand: Command = {
  path: ['ca', 'create'],
  summary: 'create a root CA, or an intermediate CA under --parent',
  positionals: 'none',
  options: {
    ...JSON_OPT,
    name: { type: 'string' },
    key: { type: 'string' },
    days: { type: 'string' },
    'path-len': { type: 'string' },
    parent: { type: 'string' },
    'permit-dns': { type: 'string', multiple: true },
    'exclude-dns': { type: 'string', multiple: true },
    'permit-ip': { type: 'string', multiple: true },
    'exclude-ip': { type: 'string', multiple: true },
    org: { type: 'string' },
    country: { type: 'string' },
  },
  help: `Usage: certdesk ca create --name NAME [--key ALG] [--days N] [--path-len N] [--parent CA_NAME]
                          [--permit-dns DOMAIN]... [--exclude-dns DOMAIN]... [--permit-ip CIDR]...
                          [--exclude-ip CIDR]... [--org O] [--country CC] [--json]

Creates a CA with a new key kept encrypted in the vault. NAME becomes the CA's common name (CN) and is how
other commands refer to it (--ca NAME). With --parent the CA is an intermediate signed by that vault CA;
its validity never exceeds the parent's (an explicit --days beyond it is refused).

Options:
  --name NAME           CA common name (required, unique among the vault's CAs)
  --key ALG             ${KEY_ALGORITHMS.join(' | ')} (default: the vault setting, ec-p256)
  --days N              validity in days (default 3650 for a root, 1825 for an intermediate)
  --path-len N          basicConstraints pathLenConstraint (0: may issue only leaf certificates)
  --parent CA_NAME      issue as an intermediate under this CA
  --permit-dns DOMAIN   name constraint: permitted DNS subtree (repeatable; covers subdomains)
  --exclude-dns DOMAIN  name constraint: excluded DNS subtree (repeatable)
  --permit-ip CIDR      name constraint: permitted IP range, e.g. 10.0.0.0/8 (repeatable)
  --exclude-ip CIDR     name constraint: excluded IP range (repeatable)
  --org O, --country CC optional subject fields
  --json                print {"id","serial","cn","notAfter","sha256"}
${VAULT_OPTIONS_HELP}

Example:
  certdesk ca create --name mygrpc-ca --key ec-p384 --days 3650 --path-len 0 --permit-dns internal`,
  async run({ io, args, open }) {
    const name = args.required('name');
    const key = oneOf(args.str('key'), KEY_ALGORITHMS, 'key');
    const days = parsePositiveInt(args.str('days'), 'days');
    const pathLen = parseNonNegativeInt(args.str('path-len'), 'path-len');
    const nc: NameConstraintsSpec = {};
    if (args.strs('permit-dns').length) nc.permittedDns = args.strs('permit-dns');
    if (args.strs('exclude-dns').length) nc.excludedDns = args.strs('exclude-dns');
    if (args.strs('permit-ip').length) nc.permittedIp = args.strs('permit-ip');
    if (args.strs('exclude-ip').length) nc.excludedIp = args.strs('exclude-ip');
    const client = await open();
    const parent = args.str('parent');
    const parentId = parent ? (await resolveCa(client, parent, io.now())).id : undefined;
    const org = args.str('org');
    const country = args.str('country');
    const r = await client.call('ca:create', {
      subject: { cn: name, ...(org ? { o: org } : {}), ...(country ? { c: country } : {}) },
      ...(key ? { key } : {}),
      ...(days ? { validity: { days } } : {}),
      ...(pathLen !== undefined ? { pathLen } : {}),
      ...(parentId ? { parentId } : {}),
      ...(Object.keys(nc).length ? { nameConstraints: nc } : {}),
    });
    if (args.bool('json')) printJson(io.stdout, issuedJson(r));
    else printIssued(io, parentId ? 'Created intermediate CA' : 'Created root CA', r);
    return 0;
  },
};
