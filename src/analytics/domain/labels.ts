/**
 * Readable labels for the values analytics group by, in the three languages of the service. Units, topics and
 * organizations carry their own names in the database; this file covers the closed vocabularies and dates.
 */
import type { AppealStatus } from '../../appeals/domain/appeal-status';
import type { AppealForm } from '../../appeals/domain/deadline-rules';
import type { AppealChannel, Language } from '../../appeals/domain/vocabulary';

type Names = Record<Language, string>;

export const FORM_LABELS: Record<AppealForm, Names> = {
  application: { ru: 'Заявление', kk: 'Өтініш', en: 'Application' },
  complaint: { ru: 'Жалоба', kk: 'Шағым', en: 'Complaint' },
  proposal: { ru: 'Предложение', kk: 'Ұсыныс', en: 'Proposal' },
  feedback: { ru: 'Отклик', kk: 'Пікір', en: 'Feedback' },
  request: { ru: 'Запрос', kk: 'Сұрау салу', en: 'Request' },
  report: { ru: 'Сообщение', kk: 'Хабарлама', en: 'Report' },
};

export const CHANNEL_LABELS: Record<AppealChannel, Names> = {
  paper: { ru: 'Нарочно (на бумаге)', kk: 'Қағаз түрінде', en: 'Paper, delivered' },
  mail: { ru: 'Почтой', kk: 'Пошта арқылы', en: 'By mail' },
  personal_reception: { ru: 'На личном приёме', kk: 'Жеке қабылдауда', en: 'At a personal reception' },
  electronic: { ru: 'Электронно', kk: 'Электрондық', en: 'Electronic' },
  eotinish: { ru: 'eOtinish', kk: 'eOtinish', en: 'eOtinish' },
};

export const STATUS_LABELS: Record<AppealStatus, Names> = {
  registered: { ru: 'Зарегистрировано', kk: 'Тіркелді', en: 'Registered' },
  assigned: { ru: 'Направлено исполнителю', kk: 'Орындаушыға жіберілді', en: 'Assigned' },
  in_progress: { ru: 'На рассмотрении', kk: 'Қаралуда', en: 'In progress' },
  answered: { ru: 'Дан ответ', kk: 'Жауап берілді', en: 'Answered' },
  returned_for_rework: { ru: 'Возвращено на доработку', kk: 'Пысықтауға қайтарылды', en: 'Returned for rework' },
  closed: { ru: 'Закрыто', kk: 'Жабылды', en: 'Closed' },
  forwarded: { ru: 'Перенаправлено по компетенции', kk: 'Құзыреті бойынша жіберілді', en: 'Forwarded' },
  left_without_consideration: { ru: 'Оставлено без рассмотрения', kk: 'Қараусыз қалдырылды', en: 'Left without consideration' },
};

const MONTHS: Record<Language, string[]> = {
  ru: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** 'YYYY-MM' or 'YYYY-MM-01' → "март 2026". */
export function monthLabel(month: string, lang: Language): string {
  const m = Number(month.slice(5, 7));
  return `${MONTHS[lang][m - 1]} ${month.slice(0, 4)}`;
}

/** The ISO week (YYYY-Www) of a date, and its Monday–Sunday span: "2026-W12 (16.03–22.03)". */
export function weekLabel(monday: string): string {
  const d = new Date(`${monday}T00:00:00Z`);
  const thursday = new Date(d.getTime() + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1Monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000);
  const week = Math.round((d.getTime() - week1Monday.getTime()) / (7 * 86_400_000)) + 1;
  const sunday = new Date(d.getTime() + 6 * 86_400_000);
  const dm = (x: Date) => `${String(x.getUTCDate()).padStart(2, '0')}.${String(x.getUTCMonth() + 1).padStart(2, '0')}`;
  return `${year}-W${String(week).padStart(2, '0')} (${dm(d)}–${dm(sunday)})`;
}

export const NO_DISTRICT_LABEL: Names = { ru: 'Без района (область в целом)', kk: 'Аудансыз (облыс бойынша)', en: 'No district (region as a whole)' };
export const NO_TOPIC_LABEL: Names = { ru: 'Тема не определена', kk: 'Тақырып анықталмаған', en: 'No topic' };
export const NO_EXECUTOR_LABEL: Names = { ru: 'Исполнитель не назначен', kk: 'Орындаушы тағайындалмаған', en: 'No executor assigned' };

/** The name column of a table for a language. */
export const nameColumn = (lang: Language) => (lang === 'kk' ? 'name_kk' : lang === 'en' ? 'name_en' : 'name_ru');
