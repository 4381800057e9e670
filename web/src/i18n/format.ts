import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage, type Language } from './index';
import { useOrgTimeZone } from './org-time';
import { wallClockAt } from './zone-clock';

/** Dates, durations and reference-data names in the user's language. */

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * "2026/11/23 09:30" in Chinese, "11/23/2026, 09:30" in English, in the organisation's time zone —
 * assembled by hand from en-US parts: a Chinese Intl.DateTimeFormat loads its locale data, about
 * 0.1 s on the list's first paint on a slow machine.
 */
export function formatDateTime(iso: string, language: Language, zone: string): string {
  const c = wallClockAt(Date.parse(iso), zone);
  const [year, month, day] = [String(c.year), pad(c.month), pad(c.day)];
  const time = `${pad(c.hour)}:${pad(c.minute)}`;
  return language === 'en' ? `${month}/${day}/${year}, ${time}` : `${year}/${month}/${day} ${time}`;
}

export function useFormatDateTime(): (iso: string | null | undefined) => string {
  const language = useLanguage();
  const zone = useOrgTimeZone();
  const { t } = useTranslation();
  return useCallback((iso) => (iso ? formatDateTime(iso, language, zone) : t('common.none')), [language, zone, t]);
}

/**
 * 1,505 minutes → "1天1小时" / "1 d 1 h": the two largest units, rounded down. Working minutes
 * (`businessTime`) are never shown as 24-hour days: 2,400 of them are "40工作小时", five and a
 * third working days, not "1天16小时".
 */
export function useFormatDuration(): (minutes: number, options?: { businessTime?: boolean }) => string {
  const { t } = useTranslation();
  return useCallback(
    (minutes, options) => {
      const total = Math.floor(Math.abs(minutes));
      if (total < 1) return t('duration.lessThanMinute');
      if (options?.businessTime) {
        const hours = Math.floor(total / 60);
        const mins = total % 60;
        // Under an hour it still says working time: 剩余 30工作分钟 beside the list's wall-clock 剩余 3小时23分钟 for the same clock.
        if (hours === 0) return t('duration.workingMinutes', { count: mins });
        return [t('duration.workingHours', { count: hours }), mins && t('duration.minutes', { count: mins })].filter(Boolean).join(' ');
      }
      const days = Math.floor(total / 1440);
      const hours = Math.floor((total % 1440) / 60);
      const mins = total % 60;
      const parts: string[] = [];
      if (days) parts.push(t('duration.days', { count: days }));
      if (hours) parts.push(t('duration.hours', { count: hours }));
      if (mins && !days) parts.push(t('duration.minutes', { count: mins }));
      return parts.slice(0, 2).join(' ');
    },
    [t],
  );
}

export interface Named {
  name: string;
  nameEn?: string | null;
}

/** Reference data carries a Chinese `name` and an optional `nameEn`; English shows the latter when there is one. */
export function useRefName(): (ref: Named | null | undefined) => string {
  const language = useLanguage();
  const { t } = useTranslation();
  return useCallback((ref) => (ref ? (language === 'en' && ref.nameEn ? ref.nameEn : ref.name) : t('common.none')), [language, t]);
}
