// Every IANA zone this browser knows, with the value already chosen kept even if the browser lacks it.
let zones: string[] | null = null;
export function timeZoneOptions(current?: string | null): string[] {
  zones ??=
    typeof Intl.supportedValuesOf === 'function'
      ? Intl.supportedValuesOf('timeZone')
      : ['Europe/Moscow', 'UTC'];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Moscow';
}
