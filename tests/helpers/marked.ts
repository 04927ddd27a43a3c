/**
 * Test code with the reported spans marked `«like this»`: the code without the marks, and the
 * line, column and end column of each mark (1-based columns, as ESLint reports them).
 */
export function marked(text: string): { code: string; spans: { line: number; column: number; endColumn: number }[] } {
  const spans: { line: number; column: number; endColumn: number }[] = [];
  const lines = text.split('\n').map((line, index) => {
    let out = '';
    let open = -1;
    for (const character of line) {
      if (character === '«') open = out.length;
      else if (character === '»') {
        spans.push({ line: index + 1, column: open + 1, endColumn: out.length + 1 });
        open = -1;
      } else out += character;
    }
    return out;
  });
  return { code: lines.join('\n'), spans };
}
