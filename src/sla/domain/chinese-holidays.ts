import chineseDaysLib from 'chinese-days';
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

// The package's ES build is not resolved under Node; its default export carries the functions.
const { getSolarDateFromLunar, getSolarTermDate } = chineseDaysLib;

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

/** The years whose statutory days are computed by the law in force since 2025, as far as the lunar tables reach. */
export const STATUTORY_YEARS = { first: 2025, last: 2099 } as const;

/**
 * The public holidays the law itself fixes for a year (全国年节及纪念日放假办法, as in force from
 * 2025): 元旦 1 January; 春节 除夕 to 初三; 清明 on its solar term; 劳动节 1–2 May; 端午 on the
 * fifth of the fifth lunar month; 中秋 on the fifteenth of the eighth; 国庆 1–3 October. The
 * State Council's yearly arrangement adds bridging days and their make-up workdays (调休) only
 * when it is published each autumn; until then these dates keep a deadline off the certain
 * holidays. Null outside STATUTORY_YEARS.
 */
export function chineseStatutoryHolidays(year: number): string[] | null {
  if (!Number.isInteger(year) || year < STATUTORY_YEARS.first || year > STATUTORY_YEARS.last) return null;
  const lunar = (monthDay: string) => getSolarDateFromLunar(`${year}-${monthDay}`).date;
  const newYear = Date.parse(`${lunar('01-01')}T00:00:00Z`);
  const days = (from: number, count: number) => Array.from({ length: count }, (_, i) => new Date(from + i * 86_400_000).toISOString().slice(0, 10));
  return [
    `${year}-01-01`,
    ...days(newYear - 86_400_000, 4),
    getSolarTermDate(year, 4, 'pure_brightness'),
    `${year}-05-01`,
    `${year}-05-02`,
    lunar('05-05'),
    lunar('08-15'),
    `${year}-10-01`,
    `${year}-10-02`,
    `${year}-10-03`,
  ].sort();
}
