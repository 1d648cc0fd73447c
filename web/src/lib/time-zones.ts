// The one list of time zones: Russia's first (west to east, with their UTC offsets) for the
// workspace's zone, and every zone the browser knows for routing's clocks and conditions.
// Russia's IANA zones, west to east; they head the list because most of our users are there.
export const russianTimeZones = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Kirov',
  'Europe/Volgograd',
  'Europe/Astrakhan',
  'Europe/Saratov',
  'Europe/Ulyanovsk',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Barnaul',
  'Asia/Tomsk',
  'Asia/Novokuznetsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Chita',
  'Asia/Yakutsk',
  'Asia/Khandyga',
  'Asia/Vladivostok',
  'Asia/Ust-Nera',
  'Asia/Magadan',
  'Asia/Sakhalin',
  'Asia/Srednekolymsk',
  'Asia/Kamchatka',
  'Asia/Anadyr',
];

function utcOffset(zone: string): string {
  try {
    const part = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    return part?.value === 'GMT' ? 'UTC+00:00' : (part?.value.replace('GMT', 'UTC') ?? '');
  } catch {
    return '';
  }
}

export type ZoneGroup = { group: string; items: { value: string; label: string }[] };

export function timeZoneGroups(
  russiaLabel: string,
  otherLabel: string,
  current?: string,
): ZoneGroup[] {
  const all =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const russian = russianTimeZones.filter((z) => all.length === 0 || all.includes(z));
  const others = all.filter((z) => !russianTimeZones.includes(z));
  if (current && !russian.includes(current) && !others.includes(current)) others.unshift(current);
  const item = (z: string) => ({ value: z, label: `${z.replace(/_/g, ' ')} (${utcOffset(z)})` });
  return [
    { group: russiaLabel, items: russian.map(item) },
    { group: otherLabel, items: others.map(item) },
  ];
}
