import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** Public holidays and make-up workdays (调休) of one year, as local YYYY-MM-DD dates in order. */
export interface ChineseHolidayYear {
  holidays: string[];
  workdays: string[];
}

// The package ships the State Council's arrangements as { date: "English,中文,days" } maps;
// its functions answer one date at a time and cannot say whether a year is covered at all.
const data: { holidays: Record<string, string>; workdays: Record<string, string> } = chineseDays;

const byYear = new Map<number, ChineseHolidayYear>();
for (const [list, dates] of [
  ['holidays', Object.keys(data.holidays)],
  ['workdays', Object.keys(data.workdays)],
] as const) {
  for (const date of dates) {
    const year = Number(date.slice(0, 4));
    const entry = byYear.get(year) ?? { holidays: [], workdays: [] };
    entry[list].push(date);
    byYear.set(year, entry);
  }
}
for (const entry of byYear.values()) {
  entry.holidays.sort();
  entry.workdays.sort();
}

/**
 * Every statutory holiday date of a year (weekend days inside a holiday period included) and
 * its make-up workdays, from the chinese-days package; null for a year the package has no
 * arrangement for (every covered year has at least New Year's Day, so none means unknown).
 */
export function chineseHolidays(year: number): ChineseHolidayYear | null {
  const entry = byYear.get(year);
  if (entry === undefined || entry.holidays.length === 0) return null;
  return { holidays: [...entry.holidays], workdays: [...entry.workdays] };
}

/** The years chineseHolidays knows, ascending. */
export function chineseHolidayYears(): number[] {
  return [...byYear.keys()].filter((year) => byYear.get(year)!.holidays.length > 0).sort((a, b) => a - b);
}
