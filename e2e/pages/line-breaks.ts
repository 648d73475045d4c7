import type { Locator } from '@playwright/test';

/**
 * Words (matches of `word`) inside the elements of `scope` whose first and last characters a line break puts on
 * different lines: a serial or key identifier must wrap only between bytes, a host name only between labels.
 */
export async function wordsCutByLineBreaks(scope: Locator, word: RegExp): Promise<string[]> {
  return scope.evaluateAll((roots, pattern) => {
    const cut: string[] = [];
    const range = document.createRange();
    const top = (node: Text, at: number): number => {
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      return range.getBoundingClientRect().top;
    };
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const text = node.data;
        for (const m of text.matchAll(new RegExp(pattern, 'g'))) {
          if (Math.abs(top(node, m.index) - top(node, m.index + m[0].length - 1)) > 2)
            cut.push(`${m[0]} in "${text.slice(0, 40)}"`);
        }
      }
    }
    return cut;
  }, word.source);
}

/**
 * The elements of `scope` whose text takes more than one line, each as "<text> (<n> lines)": a date, a key type
 * or a column header cut in two ("2028-" over "01-06") shows here.
 */
export async function textsOnSeveralLines(scope: Locator): Promise<string[]> {
  return scope.evaluateAll((elements) =>
    elements.flatMap((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      // one rectangle per line fragment (several on one line when the text has inline children): lines are the
      // groups of tops more than 2 px apart
      const tops = Array.from(range.getClientRects())
        .filter((rect) => rect.width > 0)
        .map((rect) => rect.top)
        .sort((a, b) => a - b);
      const lines = tops.filter((t, i) => i === 0 || t - tops[i - 1]! > 2).length;
      return lines > 1 ? [`${(el.textContent ?? '').trim()} (${lines} lines)`] : [];
    }),
  );
}
