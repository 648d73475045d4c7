import { useEffect } from 'react';
import type { Settings } from '../../../../shared/domain/types';

/**
 * 'system' removes the attribute so the CSS follows prefers-color-scheme; light/dark pin it. The attribute
 * lives on <html> because the CSP forbids inline styles and the stylesheet keys on it.
 */
export function useTheme(theme: Settings['theme']): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
