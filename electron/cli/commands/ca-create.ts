import { KEY_ALGORITHMS } from '../../../shared/domain/types';
import { oneOf, parseNonNegativeInt, parsePositiveInt } from '../arg-values';
import { JSON_OPT, type Command } from '../command';
import { printJson } from '../io';
import {
  NAME_CONSTRAINT_HELP,
  NAME_CONSTRAINT_OPTIONS,
  NAME_CONSTRAINT_USAGE,
  nameConstraintArgs,
} from '../name-constraint-args';
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
    ...NAME_CONSTRAINT_OPTIONS,
    org: { type: 'string' },
    country: { type: 'string' },
  },
  help: `Usage: certdesk ca create --name NAME [--key ALG] [--days N] [--path-len N] [--parent CA_NAME]
                          [--org O] [--country CC] [--json]
    ${NAME_CONSTRAINT_USAGE}

Creates a CA with a new key kept encrypted in the vault. NAME becomes the CA's common name (CN) and is how
other commands refer to it (--ca NAME). With --parent the CA is an intermediate signed by that vault CA;
its validity never exceeds the parent's (an explicit --days beyond it is refused).

Options:
  --name NAME           CA common name (required, unique among the vault's CAs)
  --key ALG             ${KEY_ALGORITHMS.join(' | ')} (default: the vault setting, ec-p256)
  --days N              validity in days (default 3650 for a root, 1825 for an intermediate)
  --path-len N          basicConstraints pathLenConstraint (0: may issue only leaf certificates)
  --parent CA_NAME      issue as an intermediate under this CA
  --org O, --country CC optional subject fields
  --json                print {"id","serial","cn","notAfter","sha256"}

${NAME_CONSTRAINT_HELP}
${VAULT_OPTIONS_HELP}

Example:
  certdesk ca create --name mygrpc-ca --key ec-p384 --days 3650 --path-len 0 --permit-dns internal`,
  async run({ io, args, open }) {
    const name = args.required('name');
    const key = oneOf(args.str('key'), KEY_ALGORITHMS, 'key');
    const days = parsePositiveInt(args.str('days'), 'days');
    const pathLen = parseNonNegativeInt(args.str('path-len'), 'path-len');
    const nc = nameConstraintArgs(args);
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
      ...(nc ? { nameConstraints: nc } : {}),
    });
    if (args.bool('json')) printJson(io.stdout, issuedJson(r));
    else printIssued(io, parentId ? 'Created intermediate CA' : 'Created root CA', r);
    return 0;
  },
};
