// Small helpers for writing the text detectors' regular expressions (priority-text.ts, priority-quantity.ts).

// \b does not know Cyrillic: word edges are written with Unicode lookarounds.
export const B = '(?<![\\p{L}\\p{N}])';
export const E = '(?![\\p{L}\\p{N}])';
export const NUM = '\\d+(?:[ \\u00a0]\\d{3})*(?:[.,]\\d+)?';
export const rx = (source: string, flags = 'iu'): RegExp => new RegExp(source, flags);
export const any = (text: string, patterns: readonly RegExp[]): boolean =>
  patterns.some((p) => p.test(text));
