// A spreadsheet cell as the writers take it.
export type Cell = string | number | boolean | Date | null | undefined;

// Formula injection (CSV injection): a spreadsheet runs a text cell beginning with = + - @ or a
// tab/CR as a formula. Prefixing an apostrophe makes it plain text in Excel and LibreOffice (OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
export function neutraliseCell(value: Cell): Cell {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

export const cellText = (value: Cell): string =>
  value === null || value === undefined
    ? ''
    : value instanceof Date
      ? value.toISOString()
      : String(value);
