import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage, type Language } from './index';

/** Dates, durations and reference-data names in the user's language. */

const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();

export function formatDateTime(iso: string, language: Language): string {
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
    dateTimeFormats.set(language, format);
  }
  return format.format(new Date(iso));
}

export function useFormatDateTime(): (iso: string | null | undefined) => string {
  const language = useLanguage();
  const { t } = useTranslation();
  return useCallback((iso) => (iso ? formatDateTime(iso, language) : t('common.none')), [language, t]);
}

/** 1,505 minutes → "1天1小时" / "1 d 1 h": the two largest units, rounded down. */
export function useFormatDuration(): (minutes: number) => string {
  const { t } = useTranslation();
  return useCallback(
    (minutes) => {
      const total = Math.floor(Math.abs(minutes));
      if (total < 1) return t('duration.lessThanMinute');
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
