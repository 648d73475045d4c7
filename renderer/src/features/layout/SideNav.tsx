import type { Route } from '../../store/ui-slice';
import { NAV_ITEMS } from './nav-items';

export interface SideNavProps {
  route: Route;
  onNavigate: (route: Route) => void;
}

export function SideNav({ route, onNavigate }: SideNavProps): React.JSX.Element {
  return (
    <nav className="side-nav" aria-label="Main">
      <ul>
        {NAV_ITEMS.map((item) => (
          <li key={item.route}>
            <button
              type="button"
              aria-current={item.route === route ? 'page' : undefined}
              aria-keyshortcuts={`Control+${item.key}`}
              onClick={() => onNavigate(item.route)}
            >
              <span>{item.label}</span>
              <kbd aria-hidden="true">^{item.key}</kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
