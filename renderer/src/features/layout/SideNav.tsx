import type { Route } from '../../store/ui-slice';
import { NAV_ITEMS, ariaShortcut, shortcutLabel } from './nav-items';

export interface SideNavProps {
  route: Route;
  onNavigate: (route: Route) => void;
  /** Operating system as main reports it ("darwin", "linux", "win32"); picks ⌘ or Ctrl in the hints. */
  platform: string | undefined;
}

export function SideNav({ route, onNavigate, platform }: SideNavProps): React.JSX.Element {
  return (
    <nav className="side-nav" aria-label="Main">
      <ul>
        {NAV_ITEMS.map((item) => (
          <li key={item.route}>
            <button
              type="button"
              aria-current={item.route === route ? 'page' : undefined}
              aria-keyshortcuts={ariaShortcut(item.key, platform)}
              onClick={() => onNavigate(item.route)}
            >
              <span>{item.label}</span>
              <kbd aria-hidden="true">{shortcutLabel(`Ctrl+${item.key}`, platform)}</kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
