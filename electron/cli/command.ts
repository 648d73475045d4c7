import type { ParseArgsConfig } from 'node:util';
import type { CliClient } from './client';
import { usage } from './errors';
import type { CliIo } from './io';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
type Value = string | boolean | (string | boolean)[] | undefined;

/** Parsed arguments with typed accessors (parseArgs' own value type is a loose union). */
export class Args {
  constructor(
    private readonly values: Record<string, Value>,
    readonly positionals: string[],
  ) {}

  str(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : undefined;
  }

  required(name: string): string {
    const v = this.str(name);
    if (v === undefined || v === '') throw usage(`--${name} is required`);
    return v;
  }

  strs(name: string): string[] {
    const v = this.values[name];
    return Array.isArray(v)
      ? v.filter((x): x is string => typeof x === 'string')
      : typeof v === 'string'
        ? [v]
        : [];
  }

  bool(name: string): boolean {
    return this.values[name] === true;
  }
}

export interface CommandContext {
  io: CliIo;
  args: Args;
  /** unlocks the vault (creates it for init; `locked` only opens the file; `none` opens no vault); closed automatically after the command */
  open: (opts?: {
    readOnly?: boolean;
    mode?: 'open' | 'create' | 'locked' | 'none';
    /** where the vault passphrase comes from instead of --passphrase-file (a command that uses that flag for another file) */
    passphraseFile?: string;
  }) => Promise<CliClient>;
}

export interface Command {
  /** words after `certdesk`, e.g. ['ca', 'create'] */
  path: string[];
  summary: string;
  /** full --help text (usage line, options, examples) */
  help: string;
  options: OptionSpec;
  /** how many positionals are accepted: none, exactly one, one or more */
  positionals: 'none' | 'one' | 'many';
  run(ctx: CommandContext): Promise<number>;
}

export const JSON_OPT: OptionSpec = { json: { type: 'boolean' } };
