import { describe, expect, it } from 'vitest';
import { draftFromHours, emptyDraft, hoursFromDraft, weekdaysPreset } from './weekly-hours';

describe('hoursFromDraft', () => {
  it('gives the contract shape: days with ranges, days off left out', () => {
    const draft = {
      ...emptyDraft(),
      mon: [
        ['09:00', '13:00'],
        ['14:00', '18:00'],
      ] as [string, string][],
      sat: [['10:00', '15:00']] as [string, string][],
    };
    expect(hoursFromDraft(draft)).toEqual({
      ok: true,
      hours: {
        mon: [
          ['09:00', '13:00'],
          ['14:00', '18:00'],
        ],
        sat: [['10:00', '15:00']],
      },
    });
  });

  it('the Mon–Fri preset is 9 to 18 on five days', () => {
    const r = hoursFromDraft(weekdaysPreset());
    expect(r).toEqual({
      ok: true,
      hours: {
        mon: [['09:00', '18:00']],
        tue: [['09:00', '18:00']],
        wed: [['09:00', '18:00']],
        thu: [['09:00', '18:00']],
        fri: [['09:00', '18:00']],
      },
    });
  });

  it('rejects a range whose start is not before its end', () => {
    expect(hoursFromDraft({ ...emptyDraft(), tue: [['18:00', '09:00']] })).toEqual({
      ok: false,
      errors: { tue: 'order' },
    });
    expect(hoursFromDraft({ ...emptyDraft(), wed: [['10:00', '10:00']] })).toEqual({
      ok: false,
      errors: { wed: 'order' },
    });
  });

  it('rejects overlapping ranges and half-typed times', () => {
    expect(
      hoursFromDraft({
        ...emptyDraft(),
        mon: [
          ['09:00', '13:00'],
          ['12:00', '18:00'],
        ],
      }),
    ).toEqual({ ok: false, errors: { mon: 'overlap' } });
    expect(hoursFromDraft({ ...emptyDraft(), fri: [['09:00', '']] })).toEqual({
      ok: false,
      errors: { fri: 'format' },
    });
  });

  it('reads an end of 00:00 as midnight at the end of the day, and sorts ranges', () => {
    expect(
      hoursFromDraft({
        ...emptyDraft(),
        sun: [
          ['20:00', '00:00'],
          ['08:00', '12:00'],
        ],
      }),
    ).toEqual({
      ok: true,
      hours: {
        sun: [
          ['08:00', '12:00'],
          ['20:00', '24:00'],
        ],
      },
    });
  });

  it('round-trips stored hours through the draft', () => {
    const hours = {
      mon: [['00:00', '24:00']] as [string, string][],
      thu: [['09:30', '17:45']] as [string, string][],
    };
    expect(hoursFromDraft(draftFromHours(hours))).toEqual({ ok: true, hours });
  });
});
