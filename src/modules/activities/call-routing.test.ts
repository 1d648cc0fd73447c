import { describe, expect, it } from 'vitest';
import { extensionKey, parseExtensionMap } from './call-routing.js';

describe('the extensions setting', () => {
  it('reads pairs from a list, lines or one comma-separated text; phones by their last ten digits', () => {
    const expected = new Map([
      ['101', 'anna@romashka.ru'],
      ['9031234567', 'oleg@romashka.ru'],
    ]);
    expect(
      parseExtensionMap(['101 = Anna@Romashka.ru', '+7 903 123-45-67=oleg@romashka.ru']),
    ).toEqual(expected);
    expect(parseExtensionMap('101=anna@romashka.ru\n8 (903) 123-45-67 : oleg@romashka.ru')).toEqual(
      expected,
    );
    expect(parseExtensionMap('101=anna@romashka.ru, 89031234567=oleg@romashka.ru')).toEqual(
      expected,
    );
    expect(extensionKey('+79031234567')).toBe(extensionKey('8 903 123 45 67'));
  });

  it('skips what is not a pair', () => {
    expect(parseExtensionMap(['101', 'anna@romashka.ru', '=x@y.ru', 42])).toEqual(new Map());
    expect(parseExtensionMap(undefined)).toEqual(new Map());
  });
});
