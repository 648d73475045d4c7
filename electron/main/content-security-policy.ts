/**
 * The renderer's Content Security Policy (checklist #7), sent as a response header by the app:// protocol
 * handler so it holds even if the <meta> in renderer/index.html were removed or edited. The directives match
 * that meta tag (content-security-policy.test.ts compares them with the built dist/renderer/index.html);
 * the header adds `frame-ancestors`, which browsers ignore in a meta tag.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** Parses a policy string into directive → value (lower-cased names, collapsed whitespace). */
export function parseCsp(policy: string): Map<string, string> {
  const directives = new Map<string, string>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    // CSP keeps the first occurrence of a repeated directive and ignores later ones.
    if (!directives.has(key)) directives.set(key, values.join(' '));
  }
  return directives;
}
