import type { Language } from '../../appeals/domain/vocabulary';

/** Words of the period report in the three languages. */
export interface ReportStrings {
  title: string;
  period: string;
  scope: string;
  generated: string;
  keyFigures: string;
  appeals: string;
  previousPeriod: string;
  change: string;
  uniqueApplicants: string;
  answered: string;
  onTimeRate: string;
  overdue: string;
  overdueShare: string;
  reworkRate: string;
  repeatedShare: string;
  medianDays: string;
  meanDays: string;
  forwarded: string;
  leftWithout: string;
  mapTitle: string;
  mapLegend: string;
  unusual: string;
  noAppeals: string;
  mapNote: string;
  trendTitle: string;
  byForm: string;
  byChannel: string;
  byTopic: string;
  bySubtopic: string;
  byRegion: string;
  byDistrict: string;
  unit: string;
  item: string;
  share: string;
  unusualness: string;
  topTopic: string;
  withoutDistrict: string;
  problemCards: string;
  noCards: string;
  cardsUnavailable: string;
  cardTitle: string;
  region: string;
  topic: string;
  status: string;
  severity: string;
  applicants: string;
  seen: string;
  instructions: string;
  issued: string;
  executed: string;
  executedOnTime: string;
  executedLate: string;
  onControl: string;
  removed: string;
  method: string;
  methodText: string[];
  yes: string;
  partialMonth: string;
  noRecords: string;
}

const ru: ReportStrings = {
  title: 'Сводная информация о рассмотрении обращений',
  period: 'Период',
  scope: 'Территория',
  generated: 'Сформировано',
  keyFigures: 'Основные показатели',
  appeals: 'Обращений',
  previousPeriod: 'Предыдущий период',
  change: 'Изменение',
  uniqueApplicants: 'Заявителей (уникальных)',
  answered: 'Дан ответ',
  onTimeRate: 'Ответы в срок',
  overdue: 'Просрочено',
  overdueShare: 'Доля просроченных',
  reworkRate: 'Возвращено на доработку',
  repeatedShare: 'Повторные обращения',
  medianDays: 'Медиана, рабочих дней до ответа',
  meanDays: 'Среднее, рабочих дней до ответа',
  forwarded: 'Перенаправлено по компетенции',
  leftWithout: 'Оставлено без рассмотрения',
  mapTitle: 'Обращения по районам',
  mapLegend: 'Обращений',
  unusual: 'Необычно много',
  noAppeals: 'Нет обращений',
  mapNote:
    'Синий контур — район, где число обращений необычно высоко для него самого (проверка по 6 предыдущим периодам той же длины, поправка Бонферрони).',
  trendTitle: 'Обращения по месяцам',
  byForm: 'По формам обращений',
  byChannel: 'По каналам поступления',
  byTopic: 'По тематике',
  bySubtopic: 'Наиболее частые вопросы',
  byRegion: 'По регионам',
  byDistrict: 'По районам',
  unit: 'Район / город',
  item: 'Показатель',
  share: 'Доля',
  unusualness: 'Необычность (−lg p)',
  topTopic: 'Главная тема',
  withoutDistrict: 'Без привязки к району',
  problemCards: 'Проблемные вопросы (карты проблемных вопросов)',
  noCards: 'В периоде нет карт проблемных вопросов.',
  cardsUnavailable: 'Карты проблемных вопросов в этой базе ещё не ведутся.',
  cardTitle: 'Вопрос',
  region: 'Регион',
  topic: 'Тема',
  status: 'Статус',
  severity: 'Острота',
  applicants: 'Заявителей',
  seen: 'Период',
  instructions: 'Исполнение поручений',
  issued: 'Дано поручений',
  executed: 'Исполнено',
  executedOnTime: 'Исполнено в срок',
  executedLate: 'Исполнено с нарушением срока',
  onControl: 'На контроле',
  removed: 'Снято с контроля',
  method: 'Методика',
  methodText: [
    'Учитываются обращения, поступившие в периоде (дата поступления по времени Казахстана, UTC+5).',
    'Просроченными считаются обращения, открытые после срока рассмотрения или исполненные позже него, на дату формирования; перенаправленные по компетенции не считаются.',
    'Ответ в срок — ответ дан не позднее действующего срока (с учётом продлений). Рабочие дни — по производственному календарю Республики Казахстан.',
    'Сводка не содержит персональных данных: только агрегированные показатели.',
  ],
  yes: 'да',
  partialMonth: 'месяц вошёл в период не целиком',
  noRecords: 'записи начинаются позже',
};

const kk: ReportStrings = {
  ...ru,
  title: 'Өтініштерді қарау туралы жиынтық ақпарат',
  period: 'Кезең',
  scope: 'Аумақ',
  generated: 'Жасалған күні',
  keyFigures: 'Негізгі көрсеткіштер',
  appeals: 'Өтініштер',
  previousPeriod: 'Алдыңғы кезең',
  change: 'Өзгеріс',
  uniqueApplicants: 'Өтініш берушілер (бірегей)',
  answered: 'Жауап берілді',
  onTimeRate: 'Мерзімінде берілген жауаптар',
  overdue: 'Мерзімі өткен',
  overdueShare: 'Мерзімі өткендердің үлесі',
  reworkRate: 'Пысықтауға қайтарылды',
  repeatedShare: 'Қайталама өтініштер',
  medianDays: 'Жауапқа дейінгі жұмыс күндерінің медианасы',
  meanDays: 'Жауапқа дейінгі жұмыс күндерінің орташасы',
  forwarded: 'Құзыреті бойынша жіберілді',
  leftWithout: 'Қараусыз қалдырылды',
  mapTitle: 'Аудандар бойынша өтініштер',
  mapLegend: 'Өтініштер',
  unusual: 'Әдеттен тыс көп',
  noAppeals: 'Өтініш жоқ',
  mapNote: 'Көк жиек — өтініштер саны осы аудан үшін әдеттен тыс жоғары (алдыңғы 6 кезеңмен салыстыру, Бонферрони түзетуі).',
  trendTitle: 'Айлар бойынша өтініштер',
  byForm: 'Өтініш нысандары бойынша',
  byChannel: 'Түсу арналары бойынша',
  byTopic: 'Тақырыптар бойынша',
  bySubtopic: 'Ең жиі мәселелер',
  byRegion: 'Өңірлер бойынша',
  byDistrict: 'Аудандар бойынша',
  unit: 'Аудан / қала',
  item: 'Көрсеткіш',
  share: 'Үлесі',
  unusualness: 'Әдеттен тыстық (−lg p)',
  topTopic: 'Басты тақырып',
  withoutDistrict: 'Ауданға байланыссыз',
  problemCards: 'Проблемалық мәселелер картасы',
  noCards: 'Кезеңде проблемалық мәселелер картасы жоқ.',
  cardsUnavailable: 'Бұл дерекқорда проблемалық мәселелер картасы әлі жүргізілмейді.',
  cardTitle: 'Мәселе',
  region: 'Өңір',
  topic: 'Тақырып',
  status: 'Мәртебесі',
  severity: 'Өткірлігі',
  applicants: 'Өтініш берушілер',
  seen: 'Кезең',
  instructions: 'Тапсырмалардың орындалуы',
  issued: 'Берілген тапсырмалар',
  executed: 'Орындалды',
  executedOnTime: 'Мерзімінде орындалды',
  executedLate: 'Мерзімі бұзылып орындалды',
  onControl: 'Бақылауда',
  removed: 'Бақылаудан алынды',
  method: 'Әдістеме',
  methodText: [
    'Кезеңде түскен өтініштер ескеріледі (Қазақстан уақыты бойынша түскен күні, UTC+5).',
    'Мерзімі өткен деп қарау мерзімінен кейін ашық тұрған немесе одан кеш орындалған өтініштер саналады; құзыреті бойынша жіберілгендер саналмайды.',
    'Жұмыс күндері Қазақстан Республикасының өндірістік күнтізбесі бойынша есептеледі.',
    'Жиынтықта дербес деректер жоқ: тек жинақталған көрсеткіштер.',
  ],
  yes: 'иә',
  partialMonth: 'ай кезеңге толық кірмеген',
  noRecords: 'жазбалар кейінірек басталады',
};

const en: ReportStrings = {
  title: 'Summary of the consideration of appeals',
  period: 'Period',
  scope: 'Territory',
  generated: 'Generated',
  keyFigures: 'Key figures',
  appeals: 'Appeals',
  previousPeriod: 'Previous period',
  change: 'Change',
  uniqueApplicants: 'Applicants (distinct)',
  answered: 'Answered',
  onTimeRate: 'Answered on time',
  overdue: 'Overdue',
  overdueShare: 'Overdue share',
  reworkRate: 'Returned for rework',
  repeatedShare: 'Repeated appeals',
  medianDays: 'Median working days to answer',
  meanDays: 'Mean working days to answer',
  forwarded: 'Forwarded to the competent body',
  leftWithout: 'Left without consideration',
  mapTitle: 'Appeals by district',
  mapLegend: 'Appeals',
  unusual: 'Unusually many',
  noAppeals: 'No appeals',
  mapNote:
    'A dark blue outline marks a district whose count is unusually high for itself (tested against its 6 previous periods of equal length, Bonferroni-corrected).',
  trendTitle: 'Appeals by month',
  byForm: 'By form of appeal',
  byChannel: 'By channel',
  byTopic: 'By topic',
  bySubtopic: 'Most frequent issues',
  byRegion: 'By region',
  byDistrict: 'By district',
  unit: 'District / city',
  item: 'Measure',
  share: 'Share',
  unusualness: 'Unusualness (−log10 p)',
  topTopic: 'Top topic',
  withoutDistrict: 'Not attributed to a district',
  problemCards: 'Problem issues (problem cards)',
  noCards: 'No problem cards in the period.',
  cardsUnavailable: 'Problem cards are not kept in this database yet.',
  cardTitle: 'Issue',
  region: 'Region',
  topic: 'Topic',
  status: 'Status',
  severity: 'Severity',
  applicants: 'Applicants',
  seen: 'Seen',
  instructions: 'Execution of instructions',
  issued: 'Issued',
  executed: 'Executed',
  executedOnTime: 'Executed on time',
  executedLate: 'Executed late',
  onControl: 'On control',
  removed: 'Removed from control',
  method: 'Method',
  methodText: [
    'Appeals received in the period are counted (date of receipt in Kazakhstan time, UTC+5).',
    'Overdue: still open after the deadline in force, or finished after it, as of the date of the report; appeals forwarded to the competent body are not counted.',
    'On time: answered no later than the deadline in force (extensions included). Working days follow the production calendar of Kazakhstan.',
    'The summary contains no personal data: aggregates only.',
  ],
  yes: 'yes',
  partialMonth: 'month only partly in the period',
  noRecords: 'records begin later',
};

export const REPORT_STRINGS: Record<Language, ReportStrings> = { ru, kk, en };
