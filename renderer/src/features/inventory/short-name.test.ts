import { describe, expect, it } from 'vitest';
import { shortName } from './InventoryList';

describe('issuer short name', () => {
  it('picks the CN wherever it sits in the DN', () => {
    expect(shortName('O=CertDesk e2e, CN=Acme Root CA')).toBe('Acme Root CA');
    expect(shortName('CN=Root,O=Acme')).toBe('Root');
    expect(shortName('O=No CN Here')).toBe('O=No CN Here');
  });
});
