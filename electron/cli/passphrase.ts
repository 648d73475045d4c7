import { readFileSync } from 'node:fs';
import { CliError, EXIT, usage } from './errors';

export interface PassphraseSources {
  file?: string;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
}

/** First line of a file, without the trailing newline (the convention `openssl -passin file:` follows). */
export function readSecretFile(path: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw usage(`Cannot read ${what} file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const first = text.split(/\r?\n/)[0] ?? '';
  if (!first) throw usage(`The ${what} file ${path} is empty`);
  return first;
}

/** Reads a line from the terminal with echo off (raw mode), so the passphrase never shows on screen. */
export function promptHidden(
  prompt: string,
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WriteStream,
): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (err: Error | null): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(null);
        if (ch === '\u0003') return done(new CliError(EXIT.usage, 'Cancelled', 'CANCELLED'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * The vault passphrase, from (in order) --passphrase-file, CERTDESK_PASSPHRASE, or a no-echo TTY prompt.
 * `confirm` asks twice (vault creation) so a typo does not lock the operator out.
 */
export async function resolvePassphrase(src: PassphraseSources, confirm = false): Promise<string> {
  if (src.file) return readSecretFile(src.file, 'passphrase');
  const env = src.env.CERTDESK_PASSPHRASE;
  if (env) return env;
  if (!src.stdin.isTTY) {
    throw usage(
      'No passphrase: use --passphrase-file FILE, set CERTDESK_PASSPHRASE, or run in a terminal to be prompted',
    );
  }
  const first = await promptHidden('Vault passphrase: ', src.stdin, src.stderr);
  if (confirm) {
    const second = await promptHidden('Repeat passphrase: ', src.stdin, src.stderr);
    if (first !== second) throw usage('The two passphrases differ');
  }
  return first;
}
