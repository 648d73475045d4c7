import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  /** Accessible name and visible heading. */
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons row at the bottom. */
  footer?: ReactNode;
  /** Width preset. Default is `medium`. */
  size?: 'small' | 'medium' | 'large';
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.hasAttribute('inert'));
}

function initialFocus(root: HTMLElement): HTMLElement {
  const items = focusables(root);
  return items.find((el) => el.dataset.autofocus !== undefined) ?? items[0] ?? root;
}

/**
 * Titles name things ("Export user-service, inventory-service", "Revoke api-gateway.example"), and a line break
 * at a name's hyphen reads as two names: each word is its own box, so the title wraps only between words unless
 * one word alone is wider than the dialog.
 */
function TitleWords({ title }: { title: string }): React.JSX.Element {
  return (
    <>
      {title.split(/(\s+)/).map((part, i) =>
        i % 2 === 1 || part === '' ? (
          part
        ) : (
          <span key={i} className="dialog-title-word">
            {part}
          </span>
        ),
      )}
    </>
  );
}

/** Open dialogs, innermost last: only the innermost one reacts to Escape and keeps focus. */
const openDialogs: HTMLElement[] = [];

/**
 * Modal dialog (WAI-ARIA APG pattern): traps Tab inside, closes on Escape, and returns focus to whatever had
 * it before opening, so keyboard users never lose their place. Escape and the trap are handled at document
 * level: they keep working when the dialog swaps its content and the focused control disappears.
 */
export function Dialog({
  title,
  onClose,
  children,
  footer,
  size = 'medium',
}: DialogProps): React.JSX.Element {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    openDialogs.push(root);
    initialFocus(root).focus();
    const innermost = (): boolean => openDialogs[openDialogs.length - 1] === root;

    const onKeyDown = (e: KeyboardEvent): void => {
      if (!innermost()) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onCloseRef.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = focusables(root);
      const first = items[0];
      const last = items[items.length - 1];
      const active = document.activeElement;
      if (!first || !last) {
        e.preventDefault();
        root.focus();
      } else if (!root.contains(active)) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      } else if (e.shiftKey && active === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && active === last) {
        e.preventDefault();
        first.focus();
      }
    };
    // Focus that escapes to the page behind (a click on the backdrop's page, a removed control) comes back.
    const onFocusIn = (e: FocusEvent): void => {
      if (innermost() && e.target instanceof Node && !root.contains(e.target)) initialFocus(root).focus();
    };
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn);
      openDialogs.splice(openDialogs.indexOf(root), 1);
      if (previous && document.contains(previous)) previous.focus();
    };
  }, []);

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className={`dialog dialog-${size}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <div className="dialog-header">
          <h2 id={titleId}>
            <TitleWords title={title} />
          </h2>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            aria-label="Close dialog"
            onClick={onClose}
          >
            ×
          </button>
        </div>
        <div className="dialog-body">{children}</div>
        {footer && <div className="dialog-footer">{footer}</div>}
      </div>
    </div>
  );
}
