/**
 * First stop of the Tab order, visible only while focused: jumps past the header and the navigation to the
 * page content. Focus is moved by hand because the app's URL must not change (a hash would be kept across
 * reloads and scroll the fixed shell).
 */
export function SkipLink(): React.JSX.Element {
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}
    >
      Skip to content
    </a>
  );
}
