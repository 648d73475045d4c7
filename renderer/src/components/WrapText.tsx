import { splitWrapPoints } from './format';

/**
 * Text that a narrow column wraps only at its wrap points (after a path or name separator, between the bytes of
 * a long digest; see splitWrapPoints), besides its spaces: paths, host names and digests break on whole words.
 */
export function WrapText({ text }: { text: string }): React.JSX.Element {
  return <>{splitWrapPoints(text).map((p, i) => ('wrap' in p ? <wbr key={i} /> : p.text))}</>;
}
