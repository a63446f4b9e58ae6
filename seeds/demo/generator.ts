// Deterministic demo-data generator: one region (Almaty region, KATO 190000000), its districts, organisations,
// officials, applicants, appeals with their whole life (assign → work → respond → review → close, forwards,
// extensions, leaves…), instructions, and a few planted concentrations for the analytics to find.
// Pure code: returns plain objects; loading them into the database is someone else's job.
// All texts are written for this project (no third-party appeal texts).
import { checkDigit } from '../../src/applicants/identity-number';
import { WorkingCalendar } from '../../src/calendar/working-calendar';
import { loadAdminUnits } from '../geo/admin-units';
import { loadTopics } from '../topics';

// ───────────────────────────── public types ─────────────────────────────

export type Role = 'admin' | 'head' | 'deputy_head' | 'specialist' | 'executor' | 'analyst' | 'liaison' | 'auditor';
export type OrgKind =
  | 'akim_apparatus'
  | 'monitoring_department'
  | 'apparatus_subdivision'
  | 'regional_department'
  | 'city_akimat'
  | 'district_akimat'
  | 'rural_akimat'
  | 'state_body';
export interface DemoOrg { key: string; nameRu: string; nameKk: string; nameEn: string; kind: OrgKind; level: 'region' | 'district' | 'rural'; adminUnitKato: string; parentKey: string | null }
export interface DemoUser { key: string; fullName: string; position: string; orgKey: string; roles: Role[]; email: string }
export interface DemoApplicant { key: string; kind: 'individual' | 'legal'; fullName?: string; iin?: string; organizationName?: string; bin?: string; phone?: string; email?: string; address: string; adminUnitKato: string }
export type DemoStep =
  | { at: string; actor: string; action: 'assign'; orgKey: string; role: 'lead' | 'co_executor' }
  | { at: string; actor: string; action: 'start_work' }
  | { at: string; actor: string; action: 'respond'; orgKey: string; text: string; decision: 'satisfied' | 'partly_satisfied' | 'refused' | 'explained' }
  | { at: string; actor: string; action: 'review'; verdict: 'accepted' | 'returned'; reasons?: ('formal_reply' | 'not_on_merits' | 'no_legal_basis' | 'late' | 'other')[]; comment?: string }
  | { at: string; actor: string; action: 'close' }
  | { at: string; actor: string; action: 'forward'; toBody: string; reason: string }
  | { at: string; actor: string; action: 'extend'; newDueDate: string; reason: string }
  | { at: string; actor: string; action: 'leave'; reason: 'anonymous' | 'no_essence' | 'repeated_without_new_arguments' | 'withdrawn' | 'out_of_scope'; comment?: string }
  | { at: string; actor: string; action: 'take_on_control' };
export interface DemoAppeal { key: string; form: 'application' | 'complaint' | 'proposal' | 'feedback' | 'request' | 'report'; channel: 'paper' | 'mail' | 'personal_reception' | 'electronic' | 'eotinish'; receivedAt: string; language: 'ru' | 'kk'; text: string; summary: string; adminUnitKato: string; addresseeOrgKey: string; applicantKeys: string[]; signatoriesCount?: number; repeatOfKey?: string; outOfScope?: 'administrative_offence' | 'criminal' | 'civil'; anonymous?: boolean; topicCode: string; registeredBy: string; steps: DemoStep[]; concentration?: string }
export type DemoInstructionStep =
  | { at: string; actor: string; action: 'report'; orgKey: string; kind: 'interim' | 'final'; text: string }
  | { at: string; actor: string; action: 'review_report'; verdict: 'accepted' | 'returned'; comment?: string }
  | { at: string; actor: string; action: 'extend'; newDueDate: string; reason: string }
  | { at: string; actor: string; action: 'remove_from_control'; reason: string };
export interface DemoInstruction { key: string; source: 'president' | 'state_adviser' | 'pa_leadership' | 'pa_appeals_department' | 'akim' | 'deputy_akim' | 'personal_reception'; number: string; text: string; issuedAt: string; issuedBy: string; dueDate: string; assigneeOrgKeys: string[]; appealKeys: string[]; steps: DemoInstructionStep[] }
export interface DemoConcentration { key: string; topicCode: string; adminUnitKato: string; village: string; from: string; to: string; appeals: number; description: string }
// Issue 6: personal receptions, consultations, control (verifications, violations, proposals), office-work checks,
// working groups, and a notification outage (so that some notices are late).
export interface DemoBooking {
  applicantKey: string; subject: string; topicCode: string; bookedAt: string; bookedBy: string;
  attendance?: { at: string; by: string; mark: 'attended' | 'no_show' | 'cancelled'; reason?: string };
  outcome?: { at: string; by: string; note: string; appeal?: { form: DemoAppeal['form']; text: string; summary: string; adminUnitKato: string; addresseeOrgKey: string }; instructions?: { number: string; text: string; dueDate: string; assigneeOrgKeys: string[]; report?: { at: string; by: string; text: string; reviewAt: string; reviewBy: string } }[] };
}
export interface DemoReceptionSession {
  key: string; orgKey: string; officialKind: 'akim' | 'deputy_akim' | 'head_of_apparatus' | 'district_akim' | 'deputy_district_akim';
  officialName: string; kind: 'office' | 'visiting' | 'videoconference'; startsAt: string; endsAt: string; place: string | null; link: string | null;
  settlementKato: string | null; capacity: number; supervisingDeputy: string | null; withPaAppealsHead: boolean; scheduledAt: string; scheduledBy: string;
  cancel?: { at: string; by: string; reason: string }; bookings: DemoBooking[];
}
export interface DemoConsultation { at: string; official: string; channel: 'in_person' | 'phone' | 'online'; applicantKey: string | null; adminUnitKato: string; topicCode: string; question: string; advice: string; minutes: number }
export interface DemoVerification {
  orgKey: string; place: string; adminUnitKato: string; instructionKey: string; issue: string; visitedOn: string; plannedAt: string; plannedBy: string; participants: string[];
  completedAt: string; completedBy: string; findings: string;
  violation?: { at: string; by: string; kind: 'unreliable_report' | 'missed_deadline' | 'incomplete_execution'; description: string; officialKey: string };
  proposal?: { at: string; by: string; grounds: string; measure: 'remark' | 'reprimand' | 'severe_reprimand'; decision?: { at: string; by: string; applied: 'remark' | 'reprimand' | null; text: string } };
}
export interface DemoOfficeCheck {
  orgKey: string; periodFrom: string; periodTo: string; plannedOn: string; plannedAt: string; plannedBy: string; inspector: string;
  start?: string; complete?: { at: string; inspectorFindings: string; recommendations: string; followUpDate: string };
}
export interface DemoWorkingGroup {
  kind: 'working_group' | 'hearing'; name: string; issue: string; createdAt: string; createdBy: string;
  members: { kind: 'official' | 'state_body' | 'civil_society' | 'expert' | 'media' | 'public_figure'; role: 'chair' | 'secretary' | 'member'; fullName: string; affiliation: string; userKey?: string; orgKey?: string }[];
  meetings: { heldAt: string; recordedAt: string; place: string; minutesNumber: string; minutes: string; attendees: number[]; decisions: { text: string; orgKey: string; dueDate: string; followUp?: { at: string; by: string; text: string } }[] }[];
}
export interface DemoExtras {
  receptions: DemoReceptionSession[];
  consultations: DemoConsultation[];
  verifications: DemoVerification[];
  officeChecks: DemoOfficeCheck[];
  workingGroups: DemoWorkingGroup[];
  /** Days the notice gateway was down: notices of those days go out late. */
  noticeOutage: { from: string; to: string };
}
export interface DemoWorld { regionKato: string; organizations: DemoOrg[]; users: DemoUser[]; applicants: DemoApplicant[]; appeals: DemoAppeal[]; instructions: DemoInstruction[]; concentrations: DemoConcentration[]; extras: DemoExtras }

export interface GenerateDemoWorldOptions {
  appeals: number;
  seed?: number;
  /** 'YYYY-MM-DD', the last day of history (nothing happens after 18:00 +05:00 that day). Default '2026-11-20'. */
  endDate?: string;
  /** Length of the history in months. Default 12. */
  months?: number;
  /** The working calendar the stories are timed by (the service's own by default). */
  calendar?: WorkingCalendar;
}

type Form = DemoAppeal['form'];
type Channel = DemoAppeal['channel'];
type Lang = DemoAppeal['language'];
type Decision = 'satisfied' | 'partly_satisfied' | 'refused' | 'explained';
type ReviewReason = 'formal_reply' | 'not_on_merits' | 'no_legal_basis' | 'late' | 'other';

export const DEMO_REGION_KATO = '190000000';
export const DEFAULT_END_DATE = '2026-11-20';

// ───────────────────────────── seeded PRNG ─────────────────────────────

/** mulberry32: small, fast, good enough for demo data; fully determined by the seed. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = (seed ^ 0x9e3779b9) >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Picks by weight; `weights` parallel to `items`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      x -= weights[i];
      if (x < 0) return items[i];
    }
    return items[items.length - 1];
  }
  /** k distinct items (k ≤ items.length), in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }
}

/** Weighted table with precomputed cumulative sums, for hot paths. */
class Table<T> {
  private readonly cum: number[] = [];
  private readonly total: number;
  constructor(private readonly items: readonly T[], weights: readonly number[]) {
    let s = 0;
    for (const w of weights) {
      s += w;
      this.cum.push(s);
    }
    this.total = s;
  }
  draw(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

// ───────────────────────────── calendar (local time, UTC+05:00) ─────────────────────────────
// Days are integers (days since 1970-01-01); instants are minutes since 1970-01-01T00:00 *local* time.
// The project keeps the authoritative working-day calendar as data; this approximation (weekends, the fixed public
// holidays, Kurban Ait, weekend holidays moved to the next weekday) only shapes the demo timelines, which keep a
// margin of a couple of working days around the 15-day deadline so that small calendar differences do not flip
// an appeal between "on time" and "late".

const DAY_MIN = 24 * 60;

function parseDay(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new Error(`Expected a date as YYYY-MM-DD, got "${s}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCMonth() !== Number(m[2]) - 1) throw new Error(`Not a real date: "${s}"`);
  return ms / 86_400_000;
}

function fmtDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function fmtInstant(min: number): string {
  return `${new Date(min * 60_000).toISOString().slice(0, 16)}:00+05:00`;
}

function monthOf(day: number): number {
  return new Date(day * 86_400_000).getUTCMonth() + 1;
}

function addMonths(day: number, months: number): number {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / 86_400_000;
}

/**
 * The service's own working calendar (seeds/calendar), seen through day numbers: the stories are timed by exactly the
 * calendar that the deadlines are computed with.
 */
class Calendar {
  private readonly cache = new Map<number, boolean>();
  constructor(private readonly working: WorkingCalendar) {}
  isWorking(day: number): boolean {
    let w = this.cache.get(day);
    if (w === undefined) this.cache.set(day, (w = this.working.isWorkingDay(fmtDay(day))));
    return w;
  }
  nextWorking(day: number): number {
    let d = day + 1;
    while (!this.isWorking(d)) d++;
    return d;
  }
  /** The day itself when it is a working day, else the next working day. */
  onOrAfter(day: number): number {
    return this.isWorking(day) ? day : this.nextWorking(day);
  }
  onOrBefore(day: number): number {
    let d = day;
    while (!this.isWorking(d)) d--;
    return d;
  }
  addWorking(day: number, n: number): number {
    let d = day;
    for (let i = 0; i < n; i++) d = this.nextWorking(d);
    return d;
  }
}

// ───────────────────────────── IIN / BIN ─────────────────────────────


function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// ───────────────────────────── names ─────────────────────────────

type NamePair = readonly [cyr: string, lat: string];
const KZ_MALE: NamePair[] = [
  ['Ерлан', 'Erlan'], ['Нурлан', 'Nurlan'], ['Асхат', 'Askhat'], ['Бауыржан', 'Bauyrzhan'], ['Серик', 'Serik'],
  ['Дархан', 'Darkhan'], ['Ержан', 'Yerzhan'], ['Марат', 'Marat'], ['Айдос', 'Aidos'], ['Данияр', 'Daniyar'],
  ['Арман', 'Arman'], ['Ерболат', 'Yerbolat'], ['Канат', 'Kanat'], ['Жандос', 'Zhandos'], ['Талгат', 'Talgat'],
  ['Нуржан', 'Nurzhan'], ['Бекзат', 'Bekzat'], ['Мирас', 'Miras'], ['Азамат', 'Azamat'], ['Алмас', 'Almas'],
  ['Олжас', 'Olzhas'], ['Руслан', 'Ruslan'], ['Самат', 'Samat'], ['Тимур', 'Timur'], ['Жанибек', 'Zhanibek'],
  ['Ануар', 'Anuar'], ['Бахытжан', 'Bakhytzhan'], ['Ермек', 'Yermek'], ['Кайрат', 'Kairat'], ['Мурат', 'Murat'],
  ['Болат', 'Bolat'], ['Ғалым', 'Galym'], ['Әділет', 'Adilet'], ['Сұлтан', 'Sultan'], ['Қуаныш', 'Kuanysh'],
];
const KZ_FEMALE: NamePair[] = [
  ['Айгерим', 'Aigerim'], ['Гульнара', 'Gulnara'], ['Асель', 'Assel'], ['Динара', 'Dinara'], ['Жанар', 'Zhanar'],
  ['Салтанат', 'Saltanat'], ['Айжан', 'Aizhan'], ['Мадина', 'Madina'], ['Камила', 'Kamila'], ['Гульмира', 'Gulmira'],
  ['Алия', 'Aliya'], ['Жулдыз', 'Zhuldyz'], ['Индира', 'Indira'], ['Балжан', 'Balzhan'], ['Сауле', 'Saule'],
  ['Ботагоз', 'Botagoz'], ['Назерке', 'Nazerke'], ['Акмарал', 'Akmaral'], ['Маржан', 'Marzhan'], ['Роза', 'Roza'],
  ['Лаура', 'Laura'], ['Әсел', 'Asel'], ['Ақерке', 'Akerke'], ['Гүлнұр', 'Gulnur'], ['Шынар', 'Shynar'],
];
const KZ_SURNAMES: NamePair[] = [
  ['Ахметов', 'Akhmetov'], ['Нурланов', 'Nurlanov'], ['Жумабаев', 'Zhumabayev'], ['Сулейменов', 'Suleimenov'],
  ['Касымов', 'Kassymov'], ['Искаков', 'Iskakov'], ['Омаров', 'Omarov'], ['Бекмуханов', 'Bekmukhanov'],
  ['Садыков', 'Sadykov'], ['Тулегенов', 'Tulegenov'], ['Абдрахманов', 'Abdrakhmanov'], ['Есенов', 'Yessenov'],
  ['Мукашев', 'Mukashev'], ['Байжанов', 'Baizhanov'], ['Кенжебаев', 'Kenzhebayev'], ['Утегенов', 'Utegenov'],
  ['Сарсенбаев', 'Sarsenbayev'], ['Жаксылыков', 'Zhaksylykov'], ['Оспанов', 'Ospanov'], ['Ибраев', 'Ibrayev'],
  ['Рахимов', 'Rakhimov'], ['Смагулов', 'Smagulov'], ['Турсынбеков', 'Tursynbekov'], ['Ермеков', 'Yermekov'],
  ['Кудайбергенов', 'Kudaibergenov'], ['Нуртазин', 'Nurtazin'], ['Дюсенов', 'Dyussenov'], ['Алимжанов', 'Alimzhanov'],
  ['Бейсенов', 'Beissenov'], ['Токтаров', 'Toktarov'], ['Жакупов', 'Zhakupov'], ['Мамыров', 'Mamyrov'],
  ['Шалабаев', 'Shalabayev'], ['Абенов', 'Abenov'], ['Калиев', 'Kaliyev'], ['Серикбаев', 'Serikbayev'],
];
const RU_MALE: NamePair[] = [['Сергей', 'Sergey'], ['Александр', 'Alexander'], ['Виктор', 'Viktor'], ['Андрей', 'Andrey'], ['Владимир', 'Vladimir'], ['Николай', 'Nikolay'], ['Дмитрий', 'Dmitry']];
const RU_FEMALE: NamePair[] = [['Ольга', 'Olga'], ['Наталья', 'Natalya'], ['Елена', 'Yelena'], ['Татьяна', 'Tatyana'], ['Светлана', 'Svetlana'], ['Людмила', 'Lyudmila']];
const RU_SURNAMES: NamePair[] = [['Иванов', 'Ivanov'], ['Петров', 'Petrov'], ['Кузнецов', 'Kuznetsov'], ['Смирнов', 'Smirnov'], ['Попов', 'Popov'], ['Васильев', 'Vasilyev'], ['Морозов', 'Morozov'], ['Волков', 'Volkov'], ['Соколов', 'Sokolov'], ['Федоров', 'Fedorov']];
const INVARIANT_SURNAMES: NamePair[] = [['Ким', 'Kim'], ['Пак', 'Pak'], ['Шевченко', 'Shevchenko'], ['Бондаренко', 'Bondarenko'], ['Ли', 'Li']];
const UY_SURNAMES: NamePair[] = [['Мамутов', 'Mamutov'], ['Исмаилов', 'Ismailov'], ['Розахунов', 'Rozakhunov'], ['Турдиев', 'Turdiyev'], ['Масимов', 'Massimov']];
const UY_MALE: NamePair[] = [['Ильхам', 'Ilkham'], ['Абдурахман', 'Abdurakhman'], ['Рустам', 'Rustam'], ['Дильшат', 'Dilshat']];
const UY_FEMALE: NamePair[] = [['Гульнур', 'Gulnur'], ['Мукаддас', 'Mukaddas'], ['Дилназ', 'Dilnaz'], ['Рейхан', 'Reikhan']];
/** Fathers' names that take the Russian patronymic suffixes -ович/-овна and the Kazakh -ұлы/-қызы. */
const FATHERS = ['Ерлан', 'Нурлан', 'Асхат', 'Серик', 'Марат', 'Канат', 'Талгат', 'Бауыржан', 'Дархан', 'Ермек', 'Кайрат', 'Мурат', 'Болат', 'Жанат', 'Сапар', 'Бекет', 'Кенес', 'Сагындык', 'Мухтар', 'Омирзак'];
const RU_FATHERS = ['Иван', 'Петр', 'Николай', 'Александр', 'Виктор', 'Владимир'];

interface Person { fullName: string; latFirst: string; latLast: string; female: boolean }

function femaleSurname(s: string): string {
  return /(ов|ев|ин)$/.test(s) ? `${s}а` : s;
}
function femaleLatSurname(s: string): string {
  return /(ov|ev|in)$/.test(s) ? `${s}a` : s;
}

function makePerson(rng: Rng, female: boolean, origin: 'kz' | 'ru' | 'uy' | 'other' = 'kz'): Person {
  let first: NamePair;
  let last: NamePair;
  let patronymic: string;
  if (origin === 'ru' || origin === 'other') {
    first = rng.pick(female ? RU_FEMALE : RU_MALE);
    last = origin === 'other' ? rng.pick(INVARIANT_SURNAMES) : rng.pick(RU_SURNAMES);
    const f = rng.pick(RU_FATHERS);
    const stem = f === 'Николай' ? 'Николае' : f === 'Петр' ? 'Петро' : `${f}о`;
    patronymic = female ? `${stem}вна` : `${stem}вич`;
  } else if (origin === 'uy') {
    first = rng.pick(female ? UY_FEMALE : UY_MALE);
    last = rng.pick(UY_SURNAMES);
    patronymic = female ? `${rng.pick(FATHERS)}овна` : `${rng.pick(FATHERS)}ович`;
  } else {
    first = rng.pick(female ? KZ_FEMALE : KZ_MALE);
    last = rng.pick(KZ_SURNAMES);
    const f = rng.pick(FATHERS);
    const kazakhStyle = rng.chance(0.3);
    patronymic = kazakhStyle ? (female ? `${f}қызы` : `${f}ұлы`) : female ? `${f}овна` : `${f}ович`;
  }
  const cyrLast = female ? femaleSurname(last[0]) : last[0];
  const latLast = female ? femaleLatSurname(last[1]) : last[1];
  const noPatronymic = rng.chance(0.06);
  return {
    fullName: noPatronymic ? `${cyrLast} ${first[0]}` : `${cyrLast} ${first[0]} ${patronymic}`,
    latFirst: first[1],
    latLast,
    female,
  };
}

// ───────────────────────────── geography of the demo region ─────────────────────────────

type Place = readonly [kk: string, ru: string];
interface RuralDistrict { name: Place; villages: Place[] }
interface DistrictGeo {
  kato: string;
  kind: 'city' | 'district';
  /** The district centre (or the city itself): its streets host most town applicants. */
  centre: Place;
  centreIsTown: boolean;
  rural: RuralDistrict[];
}

/** Almaty region (KATO 190000000): its two cities of regional significance and nine districts. */
const GEO: DistrictGeo[] = [
  { kato: '191000000', kind: 'city', centre: ['Қонаев', 'Конаев'], centreIsTown: true, rural: [
    { name: ['Шеңгелді', 'Шенгельды'], villages: [['Шеңгелді', 'Шенгельды'], ['Көктал', 'Коктал']] },
    { name: ['Заречный', 'Заречный'], villages: [['Заречный', 'Заречное'], ['Арна', 'Арна']] },
  ] },
  { kato: '191800000', kind: 'city', centre: ['Алатау', 'Алатау'], centreIsTown: true, rural: [
    { name: ['Көкөзек', 'Кокозек'], villages: [['Көкөзек', 'Кокозек'], ['Ақши', 'Акши']] },
    { name: ['Құрылыс', 'Курылыс'], villages: [['Құрылыс', 'Курылыс'], ['Жаңаталап', 'Жанаталап']] },
  ] },
  { kato: '193600000', kind: 'district', centre: ['Бақанас', 'Баканас'], centreIsTown: false, rural: [
    { name: ['Бақанас', 'Баканас'], villages: [['Бақанас', 'Баканас'], ['Ақжар', 'Акжар']] },
    { name: ['Бақбақты', 'Бахбахты'], villages: [['Бақбақты', 'Бахбахты'], ['Жиделі', 'Жидели']] },
    { name: ['Топар', 'Топар'], villages: [['Топар', 'Топар'], ['Қызылжиде', 'Кызылжиде']] },
    { name: ['Ақкөл', 'Акколь'], villages: [['Ақкөл', 'Акколь'], ['Көктерек', 'Коктерек']] },
  ] },
  { kato: '194000000', kind: 'district', centre: ['Есік', 'Есик'], centreIsTown: true, rural: [
    { name: ['Шелек', 'Шелек'], villages: [['Шелек', 'Шелек'], ['Қызылшекара', 'Кызылшекара']] },
    { name: ['Түрген', 'Тургень'], villages: [['Түрген', 'Тургень'], ['Таутүрген', 'Таутургень']] },
    { name: ['Бәйтерек', 'Байтерек'], villages: [['Бәйтерек', 'Байтерек'], ['Қаракемер', 'Каракемер'], ['Бескайнар', 'Бескайнар']] },
    { name: ['Қорам', 'Корам'], villages: [['Қорам', 'Корам'], ['Ават', 'Ават']] },
  ] },
  { kato: '194200000', kind: 'district', centre: ['Ұзынағаш', 'Узынагаш'], centreIsTown: false, rural: [
    { name: ['Ұзынағаш', 'Узынагаш'], villages: [['Ұзынағаш', 'Узынагаш'], ['Ақсеңгір', 'Аксенгир']] },
    { name: ['Қарғалы', 'Каргалы'], villages: [['Қарғалы', 'Каргалы'], ['Фабричный', 'Фабричный']] },
    { name: ['Самсы', 'Самсы'], villages: [['Самсы', 'Самсы'], ['Сарытауқұм', 'Сарытаукум']] },
    { name: ['Дегерес', 'Дегерес'], villages: [['Дегерес', 'Дегерес'], ['Көкбастау', 'Кокбастау']] },
  ] },
  { kato: '194400000', kind: 'district', centre: ['Кеген', 'Кеген'], centreIsTown: false, rural: [
    { name: ['Кеген', 'Кеген'], villages: [['Кеген', 'Кеген'], ['Алғабас', 'Алгабас']] },
    { name: ['Жалаңаш', 'Жаланаш'], villages: [['Жалаңаш', 'Жаланаш'], ['Ақтасты', 'Актасты']] },
    { name: ['Қарқара', 'Каркара'], villages: [['Қарқара', 'Каркара'], ['Шырғанақ', 'Ширганак']] },
  ] },
  { kato: '195200000', kind: 'district', centre: ['Қаскелең', 'Каскелен'], centreIsTown: true, rural: [
    { name: ['Шамалған', 'Шамалган'], villages: [['Шамалған', 'Шамалган'], ['Бекболат', 'Бекболат']] },
    { name: ['Иргелі', 'Иргели'], villages: [['Иргелі', 'Иргели'], ['Ақжар', 'Акжар']] },
    { name: ['Жібек жолы', 'Жибек жолы'], villages: [['Жібек жолы', 'Жибек жолы'], ['Көкқайнар', 'Коккайнар']] },
    { name: ['Абай', 'Абай'], villages: [['Абай', 'Абай'], ['Райымбек', 'Райымбек']] },
  ] },
  { kato: '195800000', kind: 'district', centre: ['Нарынқол', 'Нарынкол'], centreIsTown: false, rural: [
    { name: ['Нарынқол', 'Нарынкол'], villages: [['Нарынқол', 'Нарынкол'], ['Шалкөде', 'Шалкоде']] },
    { name: ['Текес', 'Текес'], villages: [['Текес', 'Текес'], ['Қостөбе', 'Костобе']] },
    { name: ['Сарыжаз', 'Сарыжаз'], villages: [['Сарыжаз', 'Сарыжаз'], ['Тұйық', 'Туюк']] },
  ] },
  { kato: '196200000', kind: 'district', centre: ['Талғар', 'Талгар'], centreIsTown: true, rural: [
    { name: ['Бесқайнар', 'Бескайнар'], villages: [['Бесқайнар', 'Бескайнар'], ['Таусамалы', 'Таусамалы']] },
    { name: ['Панфилов', 'Панфилов'], villages: [['Панфилов', 'Панфилово'], ['Әмірхан', 'Амирхан']] },
    { name: ['Белбұлақ', 'Белбулак'], villages: [['Белбұлақ', 'Белбулак'], ['Еңбек', 'Енбек']] },
    { name: ['Кендала', 'Кендала'], villages: [['Кендала', 'Кендала'], ['Тұздыбастау', 'Туздыбастау']] },
  ] },
  { kato: '196600000', kind: 'district', centre: ['Шонжы', 'Чунджа'], centreIsTown: false, rural: [
    { name: ['Шонжы', 'Чунджа'], villages: [['Шонжы', 'Чунджа'], ['Сүмбе', 'Сумбе']] },
    { name: ['Кетпен', 'Кетпен'], villages: [['Кетпен', 'Кетпен'], ['Тиірмен', 'Тиирмен']] },
    { name: ['Ақтам', 'Актам'], villages: [['Ақтам', 'Актам'], ['Дардамты', 'Дардамты']] },
    { name: ['Тасқарасу', 'Таскарасу'], villages: [['Тасқарасу', 'Таскарасу']] },
  ] },
  { kato: '196800000', kind: 'district', centre: ['Өтеген батыр', 'Отеген батыр'], centreIsTown: false, rural: [
    { name: ['Өтеген батыр', 'Отеген батыр'], villages: [['Өтеген батыр', 'Отеген батыр'], ['Көкқайнар', 'Коккайнар']] },
    { name: ['Байсерке', 'Байсерке'], villages: [['Байсерке', 'Байсерке'], ['Жаңадәуір', 'Жанадаур']] },
    { name: ['Жетіген', 'Жетыген'], villages: [['Жетіген', 'Жетыген'], ['Мұқаншы', 'Муканшы']] },
    { name: ['Қараой', 'Караой'], villages: [['Қараой', 'Караой'], ['Боралдай', 'Боралдай']] },
  ] },
];

/** Street names in the genitive as used in addresses (ru "ул. Абая") and their Kazakh forms ("Абай көшесі"). */
const STREETS: Place[] = [
  ['Абай', 'Абая'], ['Жамбыл', 'Жамбыла'], ['Төле би', 'Толе би'], ['Абылай хан', 'Абылай хана'], ['Райымбек', 'Райымбека'],
  ['Сейфуллин', 'Сейфуллина'], ['Наурызбай батыр', 'Наурызбай батыра'], ['Қонаев', 'Кунаева'], ['Бөкейхан', 'Бокейхана'],
  ['Момышұлы', 'Момышулы'], ['Желтоқсан', 'Желтоксан'], ['Тәуелсіздік', 'Тауелсиздик'], ['Достық', 'Достык'],
  ['Әуезов', 'Ауэзова'], ['Бейбітшілік', 'Мира'], ['Мектеп', 'Школьная'], ['Бақша', 'Садовая'], ['Орталық', 'Центральная'],
  ['Жастар', 'Молодёжная'], ['Сәтбаев', 'Сатпаева'], ['Амангелді', 'Амангельды'], ['Құрманғазы', 'Курмангазы'],
];

interface Settlement { kk: string; ru: string; town: boolean; districtKato: string; ruralOrgKey: string | null }

// ───────────────────────────── appeal text templates ─────────────────────────────
// Slots: {inv} "в селе Шелек" / "Шелек ауылында"; {ofv} "села Шелек" / "Шелек ауылының"; {v} the bare name;
// {st} street ("Абая" / "Абай"); {h} house; {apt} flat; {d} days; {w} weeks; {m} months; {n} 2–9; {fam} families;
// {sch} school number; {r} bus route; {age} a child's age; {amt} an amount in tenge; {yr} the current year.

type Season = 'winter' | 'summer' | 'autumn' | 'spring' | 'school' | 'any';
interface Tpl {
  topic: string;
  forms: Form[];
  w: number;
  season?: Season;
  /** Only in a town (flats, lifts, condominiums) or only in a village. */
  where?: 'town' | 'village';
  ru: [summaries: string[], mains: string[], details: string[]];
  kk: [summaries: string[], mains: string[], details: string[]];
}

const P: Form[] = ['application', 'complaint'];
const PC: Form[] = ['complaint', 'application'];

const TEMPLATES: Tpl[] = [
  // WATER
  { topic: 'WATER.SUPPLY_INTERRUPTION', forms: P, w: 9, season: 'summer',
    ru: [['Нет воды {d} дней {inv}', 'Перебои с подачей воды на ул. {st}', 'Отсутствие водоснабжения {inv}'],
      ['{inv} уже {d} дней нет воды в водопроводе.', 'На улице {st} {inv} вода подаётся только ночью на 1–2 часа, а днём напора нет совсем.', 'С начала месяца {inv} постоянно отключают воду без предупреждения, последний раз воды не было {d} дней.'],
      ['Возим воду канистрами из соседнего села.', 'Покупаем воду по {amt} тенге за бочку, это дорого для пенсионеров.', 'В доме маленькие дети, нет возможности соблюдать гигиену.', 'Водоканал на звонки не отвечает.', 'Поливать огород нечем, урожай пропадает.']],
    kk: [['{inv} {d} күннен бері су жоқ', '{st} көшесінде су беру үзілістері', '{inv} сумен жабдықтау жоқ'],
      ['{inv} {d} күннен бері су құбырында су жоқ.', '{inv} {st} көшесінде су тек түнде 1–2 сағатқа беріледі, күндіз қысым мүлдем жоқ.', 'Ай басынан бері {inv} су ескертусіз жиі өшіріледі, соңғы рет {d} күн су болмады.'],
      ['Суды көрші ауылдан канистрмен тасимыз.', 'Бір бөшке суды {amt} теңгеден сатып аламыз, зейнеткерлерге бұл қымбат.', 'Үйде жас балалар бар, гигиена сақтау мүмкін емес.', 'Су арнасы телефон көтермейді.']] },
  { topic: 'WATER.DRINKING_QUALITY', forms: PC, w: 4,
    ru: [['Мутная вода из крана {inv}', 'Плохое качество питьевой воды на ул. {st}'],
      ['Из крана {inv} идёт мутная вода с запахом.', 'Вода в водопроводе на ул. {st} жёлтого цвета, после кипячения остаётся осадок.'],
      ['Дети жаловались на боли в животе.', 'Просим провести лабораторный анализ воды.', 'Такое продолжается уже {w} недели.']],
    kk: [['{inv} крандан лай су ағады', '{st} көшесіндегі ауыз судың сапасы нашар'],
      ['{inv} крандан иісі бар лай су ағады.', '{st} көшесіндегі су құбырының суы сарғыш түсті, қайнатқаннан кейін тұнба қалады.'],
      ['Балалардың іші ауырды.', 'Судың зертханалық талдауын жүргізуді сұраймыз.', 'Бұл жағдай {w} аптадан бері жалғасып келеді.']] },
  { topic: 'WATER.NETWORK_CONSTRUCTION', forms: ['application', 'request', 'proposal'], w: 4,
    ru: [['Строительство водопровода на ул. {st}', 'Когда проведут водопровод {inv}?'],
      ['На нашей улице {st} {inv} до сих пор нет центрального водопровода, {fam} семей пользуются колонкой.', 'В новом массиве {ofv} не проведён водопровод, хотя дома построены {m} лет назад.'],
      ['Обещали провести в прошлом году.', 'Колонка часто ломается.', 'Просим включить улицу в программу модернизации сетей.']],
    kk: [['{st} көшесіне су құбырын тарту', '{inv} су құбыры қашан тартылады?'],
      ['{inv} {st} көшесінде әлі күнге дейін орталық су құбыры жоқ, {fam} отбасы колонкаға барады.', '{ofv} жаңа шағынауданына су құбыры тартылмаған, үйлер {m} жыл бұрын салынған.'],
      ['Өткен жылы тартамыз деп уәде берген.', 'Колонка жиі бұзылады.', 'Көшені желілерді жаңғырту бағдарламасына енгізуді сұраймыз.']] },
  { topic: 'WATER.SEWERAGE', forms: ['complaint', 'report', 'application'], w: 3,
    ru: [['Течь канализации у дома {h} по ул. {st}', 'Забит канализационный колодец'],
      ['У дома {h} по ул. {st} {inv} из канализационного колодца вытекают стоки.', 'Во дворе нашего дома переполнен канализационный колодец, стоки текут по двору.'],
      ['Стоит сильный запах, рядом детская площадка.', 'Заявку в сервисную службу подавали {n} раза.']],
    kk: [['{st} көшесі, {h} үй жанындағы кәріздің ағуы', 'Кәріз құдығы бітеліп қалған'],
      ['{inv} {st} көшесіндегі {h} үйдің жанында кәріз құдығынан ағынды су ағып жатыр.', 'Үйіміздің ауласындағы кәріз құдығы толып, ағынды су аулаға ағып жатыр.'],
      ['Қатты иіс шығады, қасында балалар алаңы бар.', 'Қызмет көрсету орнына {n} рет өтінім бердік.']] },
  { topic: 'WATER.IRRIGATION', forms: P, w: 4, season: 'summer', where: 'village',
    ru: [['Нет поливной воды в арыках {ofv}', 'Очистка арыков {inv}'],
      ['{inv} по арыкам уже {w} недели не подают поливную воду.', 'Арыки вдоль ул. {st} {inv} заросли и засыпаны мусором, вода до огородов не доходит.'],
      ['Огороды и сады засыхают.', 'Водопользователи не согласуют график полива.', 'Просим организовать очистку арыков.']],
    kk: [['{ofv} арықтарында суармалы су жоқ', '{inv} арықтарды тазарту'],
      ['{inv} арықтарға суармалы су {w} аптадан бері берілмейді.', '{inv} {st} көшесінің бойындағы арықтар қоқысқа толып, су бақшаларға жетпейді.'],
      ['Бақшалар мен бау-бақша қурап жатыр.', 'Суару кестесі келісілмеген.', 'Арықтарды тазалауды ұйымдастыруды сұраймыз.']] },
  { topic: 'WATER.TARIFFS', forms: ['complaint', 'request'], w: 2,
    ru: [['Завышенные начисления за воду', 'Перерасчёт за холодную воду'],
      ['Мне начислили {amt2} тенге за воду, хотя счётчик показывает меньше.', 'Прошу разъяснить, почему вырос тариф на воду {inv}.'],
      ['Показания передаю ежемесячно.', 'Прилагаю квитанции за {n} месяца.']],
    kk: [['Су үшін асыра есептеу', 'Суық су үшін қайта есептеу'],
      ['Есептегіш аз көрсетсе де, маған су үшін {amt2} теңге есептелген.', '{inv} су тарифінің неге өскенін түсіндіруді сұраймын.'],
      ['Көрсеткіштерді ай сайын беремін.', '{n} айдың түбіртектерін қоса беремін.']] },
  // HEATING
  { topic: 'HEATING.NO_HEAT', forms: PC, w: 6, season: 'winter', where: 'town',
    ru: [['Нет отопления в доме {h} по ул. {st}', 'Холодные батареи в квартире {apt}'],
      ['В доме {h} по ул. {st} {inv} не работает отопление уже {d} дней.', 'В квартире {apt} дома {h} батареи холодные с начала отопительного сезона.'],
      ['Температура в квартире не выше +14 градусов.', 'Дети болеют, пользуемся обогревателями.', 'Управляющий ОСИ ссылается на теплосеть.']],
    kk: [['{st} көшесі, {h} үйде жылу жоқ', '{apt} пәтерде радиаторлар суық'],
      ['{inv} {st} көшесіндегі {h} үйде {d} күннен бері жылу жоқ.', '{h} үйдің {apt} пәтерінде жылыту маусымы басталғаннан бері радиаторлар суық.'],
      ['Пәтердегі температура +14 градустан аспайды.', 'Балалар ауырып жатыр, жылытқыш қолданамыз.', 'ПИБ басшысы жылу желісіне сілтейді.']] },
  { topic: 'HEATING.LOW_TEMPERATURE', forms: PC, w: 3, season: 'winter', where: 'town',
    ru: [['Низкая температура в квартирах', 'Слабое отопление в доме {h}'],
      ['В нашем доме {h} по ул. {st} батареи едва тёплые.', 'На верхних этажах дома {h} температура не поднимается выше +15.'],
      ['Просим провести замеры температуры.', 'Платим за отопление полностью.']],
    kk: [['Пәтерлердегі төмен температура', '{h} үйдегі әлсіз жылыту'],
      ['{st} көшесіндегі {h} үйімізде радиаторлар әрең жылы.', '{h} үйдің жоғарғы қабаттарында температура +15 градустан көтерілмейді.'],
      ['Температураны өлшеуді сұраймыз.', 'Жылу үшін толық төлейміз.']] },
  { topic: 'HEATING.BOILER_HOUSE', forms: PC, w: 2, season: 'winter',
    ru: [['Не работает котельная школы/детсада {inv}', 'Перебои в работе котельной {ofv}'],
      ['Котельная {ofv} работает с перебоями, в школе и детском саду холодно.', 'В котельной {ofv} закончился уголь, отопление отключено {d} дня.'],
      ['Дети сидят на уроках в куртках.', 'Просим проверить готовность котельной к зиме.']],
    kk: [['{inv} мектеп қазандығы жұмыс істемейді', '{ofv} қазандығының жұмысындағы үзілістер'],
      ['{ofv} қазандығы үзіліспен жұмыс істейді, мектеп пен балабақшада суық.', '{ofv} қазандығында көмір таусылып, жылу {d} күн өшірулі тұр.'],
      ['Балалар сабақта күртешемен отырады.', 'Қазандықтың қысқа дайындығын тексеруді сұраймыз.']] },
  { topic: 'HEATING.SOLID_FUEL', forms: ['application', 'complaint', 'request'], w: 3, season: 'autumn', where: 'village',
    ru: [['Нет угля на складе {ofv}', 'Дорогой уголь {inv}'],
      ['На угольном складе {ofv} нет угля уже {w} недели.', 'Уголь {inv} продают по {amt2} тенге за тонну, это выше, чем в районном центре.'],
      ['Многодетным семьям не на что купить топливо.', 'Просим организовать завоз угля по социальной цене.']],
    kk: [['{ofv} қоймасында көмір жоқ', '{inv} көмір қымбат'],
      ['{ofv} көмір қоймасында {w} аптадан бері көмір жоқ.', '{inv} көмір тоннасына {amt2} теңгеден сатылады, бұл аудан орталығынан қымбат.'],
      ['Көпбалалы отбасылардың отын алуға қаражаты жоқ.', 'Көмірді әлеуметтік бағамен жеткізуді ұйымдастыруды сұраймыз.']] },
  // GAS
  { topic: 'GAS.LOW_PRESSURE', forms: PC, w: 4, season: 'winter',
    ru: [['Низкое давление газа {inv}', 'Слабый газ на ул. {st}'],
      ['{inv} по вечерам очень низкое давление газа, котёл отключается.', 'На ул. {st} {inv} газ еле горит, дома холодно.'],
      ['Газовая служба говорит, что сеть перегружена.', 'У соседей такая же проблема.']],
    kk: [['{inv} газ қысымы төмен', '{st} көшесінде газ әлсіз'],
      ['{inv} кешке қарай газ қысымы өте төмен, қазандық өшіп қалады.', '{inv} {st} көшесінде газ әрең жанады, үй суық.'],
      ['Газ қызметі желі шамадан тыс жүктелген дейді.', 'Көршілерде де осындай мәселе.']] },
  { topic: 'GAS.GASIFICATION', forms: ['application', 'request', 'proposal'], w: 4, where: 'village',
    ru: [['Газификация {ofv}', 'Сроки газификации улицы {st}'],
      ['Просим сообщить сроки газификации {ofv}.', 'Жители ул. {st} {inv} ждут газификации уже {n} лет.'],
      ['Газопровод проходит в двух километрах от села.', 'Собрали подписи {fam} семей.']],
    kk: [['{accv} газдандыру', '{st} көшесін газдандыру мерзімі'],
      ['{nomv} қашан газдандырылатынын хабарлауды сұраймыз.', '{inv} {st} көшесінің тұрғындары газдандыруды {n} жыл күтіп жүр.'],
      ['Газ құбыры ауылдан екі шақырым жерден өтеді.', '{fam} отбасының қолын жинадық.']] },
  { topic: 'GAS.CONNECTION', forms: ['application', 'complaint'], w: 2,
    ru: [['Затягивают подключение дома к газу', 'Подключение к газопроводу'],
      ['Я получил техусловия на подключение дома {h} по ул. {st} {m} месяцев назад, но подключение так и не выполнено.', 'Газовая служба требует оплатить {amt3} тенге за врезку, прошу разъяснить законность.'],
      ['Все документы сданы.', 'Прошу ускорить подключение до холодов.']],
    kk: [['Үйді газға қосуды созып жүр', 'Газ құбырына қосылу'],
      ['{st} көшесіндегі {h} үйді қосуға техникалық шартты {m} ай бұрын алдым, бірақ әлі қосылған жоқ.', 'Газ қызметі қосу үшін {amt3} теңге төлеуді талап етеді, заңдылығын түсіндіруді сұраймын.'],
      ['Барлық құжаттар тапсырылған.', 'Суық түскенге дейін қосуды жеделдетуді сұраймын.']] },
  // ELECTRICITY
  { topic: 'ELECTRICITY.OUTAGE', forms: PC, w: 5,
    ru: [['Частые отключения света {inv}', 'Нет электричества на ул. {st}'],
      ['{inv} почти каждый день отключают электричество на несколько часов.', 'На ул. {st} {inv} нет света с {d}-го числа, РЭС не отвечает.'],
      ['Сгорела бытовая техника.', 'Холодильники не работают, продукты портятся.', 'После каждого ветра обрывается линия.']],
    kk: [['{inv} жарық жиі өшеді', '{st} көшесінде электр жоқ'],
      ['{inv} күн сайын дерлік электр бірнеше сағатқа өшіріледі.', '{inv} {st} көшесінде айдың {d}-жұлдызынан бері жарық жоқ, АЭЖ жауап бермейді.'],
      ['Тұрмыстық техника күйіп кетті.', 'Тоңазытқыштар істемейді, азық-түлік бұзылып жатыр.', 'Әр жел соққан сайын сым үзіледі.']] },
  { topic: 'ELECTRICITY.LOW_VOLTAGE', forms: PC, w: 3, season: 'summer',
    ru: [['Низкое напряжение {inv}', 'Слабое напряжение в сети на ул. {st}'],
      ['{inv} напряжение по вечерам падает до 160–170 вольт.', 'На ул. {st} не хватает мощности трансформатора, лампочки мигают.'],
      ['Насос для полива не запускается.', 'Трансформатор старый, его не меняли много лет.']],
    kk: [['{inv} кернеу төмен', '{st} көшесіндегі желіде кернеу әлсіз'],
      ['{inv} кешке қарай кернеу 160–170 вольтқа дейін түседі.', '{st} көшесінде трансформатордың қуаты жетпейді, шамдар жыпылықтайды.'],
      ['Суару сорабы іске қосылмайды.', 'Трансформатор ескі, көп жылдан бері ауыстырылмаған.']] },
  { topic: 'ELECTRICITY.NETWORK_REPAIR', forms: ['report', 'complaint', 'application'], w: 2,
    ru: [['Аварийная опора ЛЭП на ул. {st}', 'Провисшие провода {inv}'],
      ['На ул. {st} {inv} наклонилась деревянная опора линии электропередачи.', 'Провода на ул. {st} провисли до уровня крыши.'],
      ['Рядом ходят дети в школу.', 'Опасно для жизни.']],
    kk: [['{st} көшесіндегі апатты электр бағаны', '{inv} салбырап тұрған сымдар'],
      ['{inv} {st} көшесіндегі ағаш электр бағаны қисайып тұр.', '{st} көшесіндегі сымдар шатыр деңгейіне дейін салбырап тұр.'],
      ['Жанынан балалар мектепке барады.', 'Өмірге қауіпті.']] },
  // ROADS
  { topic: 'ROADS.REPAIR', forms: ['application', 'complaint', 'proposal'], w: 8,
    ru: [['Разбитая дорога на ул. {st} {inv}', 'Ремонт дороги {ofv}', 'Ямы на дороге по ул. {st}'],
      ['Дорога по ул. {st} {inv} полностью разбита, после дождя не проехать.', 'Асфальт на въезде {ofv} разрушен, ямы глубиной до 30 см.', 'Улица {st} {inv} не ремонтировалась больше {n} лет.'],
      ['Скорая и такси отказываются заезжать.', 'Машины ломаются, дети идут в школу по грязи.', 'Просим хотя бы выполнить ямочный ремонт или отсыпать щебнем.', 'Прошлой осенью обещали ремонт.']],
    kk: [['{inv} {st} көшесіндегі жол бұзылған', '{ofv} жолын жөндеу', '{st} көшесіндегі жолда шұңқырлар'],
      ['{inv} {st} көшесіндегі жол толық бұзылған, жаңбырдан кейін өту мүмкін емес.', '{ofv} кіреберісіндегі асфальт бұзылған, шұңқырлардың тереңдігі 30 см-ге дейін.', '{inv} {st} көшесі {n} жылдан астам жөнделмеген.'],
      ['Жедел жәрдем мен такси кіруден бас тартады.', 'Көліктер бұзылады, балалар мектепке балшықпен барады.', 'Ең болмаса шұңқырларды жөндеуді немесе қиыршық тас төсеуді сұраймыз.']] },
  { topic: 'ROADS.SNOW_CLEARING', forms: PC, w: 3, season: 'winter',
    ru: [['Не чистят снег на ул. {st}', 'Заметённая дорога {inv}'],
      ['После снегопада дорогу по ул. {st} {inv} не чистят уже {d} дня.', 'Дорогу до {ofv} замело, автобус не ходит.'],
      ['Пожилые люди не могут выйти из дома.', 'Подрядчик приезжает только на центральную улицу.']],
    kk: [['{st} көшесіндегі қар тазаланбайды', '{inv} жолды қар басып қалған'],
      ['Қар жауғаннан кейін {inv} {st} көшесіндегі жол {d} күннен бері тазартылмайды.', '{ofv} жолын қар басып, автобус жүрмей тұр.'],
      ['Қарт адамдар үйден шыға алмайды.', 'Мердігер тек орталық көшеге келеді.']] },
  { topic: 'ROADS.PUBLIC_TRANSPORT', forms: ['application', 'complaint', 'proposal'], w: 5,
    ru: [['Автобус №{r} ходит нерегулярно', 'Нет общественного транспорта {inv}'],
      ['Автобус №{r} до {ofv} ходит нерегулярно, интервал доходит до 2 часов.', '{inv} нет ни одного автобусного маршрута до районного центра.', 'Перевозчик по маршруту №{r} сократил количество рейсов.'],
      ['Школьники и студенты опаздывают на занятия.', 'Автобусы старые и переполненные.', 'Приходится платить таксистам по {amt} тенге.']],
    kk: [['№{r} автобус тұрақсыз жүреді', '{inv} қоғамдық көлік жоқ'],
      ['{ofv} баратын №{r} автобус тұрақсыз жүреді, аралығы 2 сағатқа дейін жетеді.', '{inv} аудан орталығына баратын бірде-бір автобус бағыты жоқ.', '№{r} бағыттағы тасымалдаушы рейстер санын қысқартты.'],
      ['Оқушылар мен студенттер сабаққа кешігеді.', 'Автобустар ескі әрі адамға лық толы.', 'Таксиге {amt} теңгеден төлеуге тура келеді.']] },
  { topic: 'ROADS.TRAFFIC_SAFETY', forms: ['application', 'proposal', 'report'], w: 3,
    ru: [['Пешеходный переход у школы №{sch}', 'Лежачий полицейский на ул. {st}'],
      ['У школы №{sch} {inv} нет пешеходного перехода и знаков.', 'По ул. {st} машины ездят с большой скоростью, предлагаю установить искусственные неровности.'],
      ['Недавно чуть не сбили ребёнка.', 'Нет освещения перехода.']],
    kk: [['№{sch} мектеп жанындағы жаяу жүргіншілер өткелі', '{st} көшесіне жасанды кедергі орнату'],
      ['{inv} №{sch} мектептің жанында жаяу жүргіншілер өткелі мен белгілер жоқ.', '{st} көшесінде көліктер жылдам жүреді, жасанды кедергілер орнатуды ұсынамын.'],
      ['Жақында балаға көлік соға жаздады.', 'Өткел жарықтандырылмаған.']] },
  { topic: 'ROADS.BRIDGES', forms: ['application', 'report'], w: 1, where: 'village',
    ru: [['Аварийный мост {inv}', 'Ремонт моста через арык'],
      ['Мост через речку {inv} в аварийном состоянии, настил прогнил.', 'Пешеходный мостик на ул. {st} смыло паводком.'],
      ['Это единственный проезд к кладбищу и полям.', 'Дети ходят в школу в обход по трассе.']],
    kk: [['{inv} апатты көпір', 'Арық үстіндегі көпірді жөндеу'],
      ['{inv} өзен үстіндегі көпір апатты жағдайда, төсемі шіріген.', '{st} көшесіндегі жаяу көпірді су тасқыны шайып кетті.'],
      ['Бұл зиратқа және егістікке баратын жалғыз жол.', 'Балалар мектепке трасса арқылы айналып барады.']] },
  // HOUSING
  { topic: 'HOUSING.CONDOMINIUM', forms: ['complaint', 'request'], w: 3, where: 'town',
    ru: [['Жалоба на председателя ОСИ дома {h}', 'Отчёт ОСИ о расходовании средств'],
      ['Председатель ОСИ дома {h} по ул. {st} не отчитывается о расходовании взносов.', 'ОСИ нашего дома собирает по {amt} тенге в месяц, но подъезды не убираются.'],
      ['Собрание собственников не проводилось больше года.', 'Просим провести проверку.']],
    kk: [['{h} үйдің ПИБ төрағасына шағым', 'ПИБ қаражатты жұмсау туралы есебі'],
      ['{st} көшесіндегі {h} үйдің ПИБ төрағасы жарналардың жұмсалуы туралы есеп бермейді.', 'Үйіміздің ПИБ айына {amt} теңгеден жинайды, бірақ кіреберістер тазаланбайды.'],
      ['Меншік иелерінің жиналысы бір жылдан астам өткізілмеген.', 'Тексеру жүргізуді сұраймыз.']] },
  { topic: 'HOUSING.ROOF_BASEMENT', forms: PC, w: 3, where: 'town',
    ru: [['Протекает крыша дома {h}', 'Затоплен подвал дома {h} по ул. {st}'],
      ['В доме {h} по ул. {st} протекает крыша, в квартире {apt} на потолке плесень.', 'Подвал дома {h} затоплен, стоит запах сырости.'],
      ['Обращались в ОСИ {n} раза.', 'Дом 1970-х годов постройки.']],
    kk: [['{h} үйдің шатыры ағады', '{st} көшесіндегі {h} үйдің жертөлесін су басқан'],
      ['{st} көшесіндегі {h} үйдің шатыры ағады, {apt} пәтердің төбесінде зең пайда болды.', '{h} үйдің жертөлесін су басып, дымқыл иіс шығып тұр.'],
      ['ПИБ-ке {n} рет жүгіндік.', 'Үй 1970 жылдары салынған.']] },
  { topic: 'HOUSING.SOCIAL_HOUSING', forms: ['application', 'request'], w: 4,
    ru: [['Очередь на жильё', 'Предоставление арендного жилья'],
      ['Я состою в очереди на жильё с {yrq} года, номер в очереди не меняется.', 'Прошу предоставить арендное жильё, семья из {n} человек живёт на съёмной квартире.'],
      ['Отношусь к категории многодетных.', 'Прошу сообщить мой номер в очереди.']],
    kk: [['Тұрғын үй кезегі', 'Жалға берілетін тұрғын үй беру'],
      ['{yrq} жылдан бері тұрғын үй кезегінде тұрмын, кезектегі нөмірім өзгермейді.', 'Жалға берілетін тұрғын үй беруді сұраймын, {n} адамнан тұратын отбасымыз жалдамалы пәтерде тұрады.'],
      ['Көпбалалы отбасы санатына жатамын.', 'Кезектегі нөмірімді хабарлауды сұраймын.']] },
  { topic: 'HOUSING.EMERGENCY_HOUSING', forms: ['application', 'complaint'], w: 1,
    ru: [['Признание дома аварийным', 'Трещины в стенах дома {h}'],
      ['В стенах дома {h} по ул. {st} пошли трещины после землетрясения.', 'Просим обследовать дом {h} и признать его аварийным.'],
      ['Жильцы боятся находиться в квартирах.']],
    kk: [['Үйді апатты деп тану', '{h} үйдің қабырғаларындағы жарықтар'],
      ['Жер сілкінісінен кейін {st} көшесіндегі {h} үйдің қабырғаларында жарықтар пайда болды.', '{h} үйді тексеріп, апатты деп тануды сұраймыз.'],
      ['Тұрғындар пәтерлерде болудан қорқады.']] },
  // LAND
  { topic: 'LAND.IZHS_QUEUE', forms: ['application', 'request'], w: 5,
    ru: [['Очередь на земельный участок под ИЖС', 'Номер в очереди на участок'],
      ['Я стою в очереди на земельный участок под ИЖС с {yrq} года.', 'Прошу сообщить мой номер в очереди на участок для строительства дома {inv}.'],
      ['За это время очередь почти не продвинулась.', 'Слышал, что участки раздали вне очереди.']],
    kk: [['ЖТҚ үшін жер учаскесі кезегі', 'Учаске кезегіндегі нөмір'],
      ['{yrq} жылдан бері жеке тұрғын үй құрылысы үшін жер учаскесі кезегінде тұрмын.', '{inv} үй салуға арналған учаске кезегіндегі нөмірімді хабарлауды сұраймын.'],
      ['Осы уақыт ішінде кезек іс жүзінде жылжымады.', 'Учаскелер кезектен тыс берілді деп естідім.']] },
  { topic: 'LAND.BOUNDARIES', forms: ['complaint', 'application'], w: 3,
    ru: [['Сосед захватил часть участка', 'Спор о границах участка на ул. {st}'],
      ['Сосед по ул. {st} перенёс забор на {n} метра на мой участок.', 'При установлении границ участка {h} по ул. {st} допущена ошибка.'],
      ['Акт на землю у меня есть.', 'Просим выехать на место и восстановить границы.']],
    kk: [['Көрші учаскенің бір бөлігін басып алды', '{st} көшесіндегі учаске шекарасы туралы дау'],
      ['{st} көшесіндегі көршім қоршауды менің учаскеме {n} метрге жылжытты.', '{st} көшесіндегі {h} учаскенің шекарасын белгілеу кезінде қате жіберілген.'],
      ['Жерге актім бар.', 'Орнына шығып, шекараны қалпына келтіруді сұраймыз.']] },
  { topic: 'LAND.PASTURES', forms: P, w: 3, season: 'spring', where: 'village',
    ru: [['Нет пастбищ для скота {inv}', 'Пастбища вокруг {ofv} отданы в аренду'],
      ['Все земли вокруг {ofv} отданы крестьянским хозяйствам, скот пасти негде.', 'Жителям {ofv} не выделяют пастбища, хотя у нас {fam} дворов держат скот.'],
      ['Приходится гонять скот за {n} километров.', 'Просим вернуть неиспользуемые земли в пастбищный фонд.']],
    kk: [['{inv} мал жаятын жайылым жоқ', '{ofv} айналасындағы жайылымдар жалға берілген'],
      ['{ofv} айналасындағы барлық жер шаруа қожалықтарына берілген, мал жаятын жер жоқ.', '{ofv} тұрғындарына жайылым бөлінбейді, ал {fam} аула мал ұстайды.'],
      ['Малды {n} шақырымға айдауға тура келеді.', 'Пайдаланылмайтын жерлерді жайылым қорына қайтаруды сұраймыз.']] },
  { topic: 'LAND.DOCUMENTS', forms: ['application', 'request'], w: 2,
    ru: [['Оформление документов на землю', 'Идентификационный документ на участок'],
      ['Прошу помочь оформить правоустанавливающие документы на участок {h} по ул. {st}.', 'Уже {m} месяцев не могу получить идентификационный документ на земельный участок.'],
      ['Дом построен родителями в 1990-х годах.']],
    kk: [['Жерге құжаттарды рәсімдеу', 'Учаскеге сәйкестендіру құжаты'],
      ['{st} көшесіндегі {h} учаскеге құқық белгілейтін құжаттарды рәсімдеуге көмектесуді сұраймын.', '{m} айдан бері жер учаскесіне сәйкестендіру құжатын ала алмай жүрмін.'],
      ['Үйді ата-анам 1990 жылдары салған.']] },
  // CONSTRUCTION
  { topic: 'CONSTRUCTION.ILLEGAL_BUILDING', forms: ['complaint', 'report'], w: 2,
    ru: [['Самовольная постройка на ул. {st}', 'Незаконное строительство во дворе дома {h}'],
      ['На ул. {st} {inv} ведётся строительство без разрешительных документов.', 'Во дворе дома {h} строят магазин прямо на детской площадке.'],
      ['Работы ведутся по ночам.', 'Просим проверить законность строительства.']],
    kk: [['{st} көшесіндегі заңсыз құрылыс', '{h} үйдің ауласындағы заңсыз құрылыс'],
      ['{inv} {st} көшесінде рұқсат құжаттарынсыз құрылыс жүргізілуде.', '{h} үйдің ауласында балалар алаңының орнына дүкен салып жатыр.'],
      ['Жұмыстар түнде жүргізіледі.', 'Құрылыстың заңдылығын тексеруді сұраймыз.']] },
  { topic: 'CONSTRUCTION.SOCIAL_FACILITIES', forms: ['application', 'proposal', 'request'], w: 3,
    ru: [['Строительство новой школы {inv}', 'Сроки строительства врачебной амбулатории'],
      ['Школа {ofv} переполнена, просим включить строительство новой школы в план.', 'Строительство врачебной амбулатории {inv} остановлено уже {m} месяцев.'],
      ['Дети учатся в три смены.', 'Подрядчик ушёл со стройки.']],
    kk: [['{inv} жаңа мектеп салу', 'Дәрігерлік амбулаторияның құрылыс мерзімі'],
      ['{ofv} мектебі толып кетті, жаңа мектеп салуды жоспарға енгізуді сұраймыз.', '{inv} дәрігерлік амбулаторияның құрылысы {m} айдан бері тоқтап тұр.'],
      ['Балалар үш ауысыммен оқиды.', 'Мердігер құрылыстан кетіп қалды.']] },
  // SOCIAL
  { topic: 'SOCIAL.TARGETED_ASSISTANCE', forms: ['application', 'complaint', 'request'], w: 5,
    ru: [['Отказ в назначении АСП', 'Назначение адресной социальной помощи'],
      ['Мне отказали в назначении адресной социальной помощи, хотя доход семьи ниже черты бедности.', 'Прошу назначить АСП, я не работаю, воспитываю {n} детей.'],
      ['Муж работает неофициально, заработок нерегулярный.', 'Документы подавала через ЦОН.']],
    kk: [['АӘК тағайындаудан бас тарту', 'Атаулы әлеуметтік көмек тағайындау'],
      ['Отбасымның табысы кедейлік шегінен төмен болса да, атаулы әлеуметтік көмек тағайындаудан бас тартты.', 'АӘК тағайындауды сұраймын, жұмыс істемеймін, {n} бала тәрбиелеп отырмын.'],
      ['Күйеуім ресми емес жұмыс істейді, табысы тұрақсыз.', 'Құжаттарды ХҚКО арқылы тапсырдым.']] },
  { topic: 'SOCIAL.DISABILITY', forms: ['application', 'request'], w: 3,
    ru: [['Технические средства реабилитации', 'Санаторно-курортное лечение для инвалида'],
      ['Прошу обеспечить инвалидной коляской, заявка подана {m} месяцев назад.', 'Мой сын — инвалид {n2} группы, прошу выделить путёвку на санаторное лечение.'],
      ['Старая коляска сломана.', 'Индивидуальная программа реабилитации прилагается.']],
    kk: [['Оңалтудың техникалық құралдары', 'Мүгедекке санаторий-курорттық емдеу'],
      ['Мүгедектер арбасымен қамтамасыз етуді сұраймын, өтінім {m} ай бұрын берілген.', 'Ұлым — {n2} топтағы мүгедек, санаторийлік емге жолдама бөлуді сұраймын.'],
      ['Ескі арба сынған.', 'Жеке оңалту бағдарламасы қоса беріледі.']] },
  { topic: 'SOCIAL.LARGE_FAMILIES', forms: ['application', 'request'], w: 2,
    ru: [['Пособие многодетной семье', 'Помощь многодетной семье {inv}'],
      ['Прошу разъяснить, почему прекращена выплата пособия многодетной семье.', 'Наша семья воспитывает {n} детей, просим оказать материальную помощь к школе.'],
      ['Звание «Алтын алқа» получено.']],
    kk: [['Көпбалалы отбасыға жәрдемақы', '{inv} көпбалалы отбасыға көмек'],
      ['Көпбалалы отбасыға жәрдемақы төлеу неге тоқтатылғанын түсіндіруді сұраймын.', 'Отбасымыз {n} бала тәрбиелеп отыр, мектепке дайындыққа материалдық көмек көрсетуді сұраймыз.'],
      ['«Алтын алқа» атағын алдық.']] },
  { topic: 'SOCIAL.ELDERLY_CARE', forms: ['application'], w: 2,
    ru: [['Социальный работник для одинокой пенсионерки', 'Уход за пожилым человеком'],
      ['Прошу закрепить социального работника за моей матерью, ей {age8} лет, она живёт одна.', 'Одинокий пенсионер с ул. {st} {inv} нуждается в постоянном уходе.'],
      ['Родственники живут в другом городе.']],
    kk: [['Жалғыз зейнеткерге әлеуметтік қызметкер', 'Қарт адамды күту'],
      ['Анама әлеуметтік қызметкер бекітуді сұраймын, ол {age8} жаста, жалғыз тұрады.', '{inv} {st} көшесіндегі жалғыз зейнеткер тұрақты күтімге мұқтаж.'],
      ['Туыстары басқа қалада тұрады.']] },
  // EMPLOYMENT
  { topic: 'EMPLOYMENT.JOB_SEARCH', forms: ['application', 'request'], w: 3,
    ru: [['Помощь в трудоустройстве', 'Трудоустройство {inv}'],
      ['Прошу помочь с трудоустройством, я без работы {m} месяцев.', '{inv} нет работы для молодёжи, просим открыть рабочие места.'],
      ['Имею специальность электрика.', 'Состою на учёте в центре занятости.']],
    kk: [['Жұмысқа орналасуға көмек', '{inv} жұмысқа орналасу'],
      ['Жұмысқа орналасуға көмектесуді сұраймын, {m} айдан бері жұмыссызбын.', '{inv} жастарға жұмыс жоқ, жұмыс орындарын ашуды сұраймыз.'],
      ['Электрик мамандығым бар.', 'Жұмыспен қамту орталығында есепте тұрмын.']] },
  { topic: 'EMPLOYMENT.WAGE_ARREARS', forms: ['complaint'], w: 2,
    ru: [['Невыплата заработной платы', 'Задолженность по зарплате в ТОО'],
      ['Работодатель не выплачивает заработную плату {m} месяца.', 'Работникам подрядной организации не выплачено {amt3} тенге.'],
      ['Трудовой договор имеется.']],
    kk: [['Жалақы төленбеуі', 'ЖШС-дағы жалақы бойынша берешек'],
      ['Жұмыс беруші {m} айдан бері жалақы төлемейді.', 'Мердігер ұйымның қызметкерлеріне {amt3} теңге төленбеген.'],
      ['Еңбек шарты бар.']] },
  { topic: 'EMPLOYMENT.ENTREPRENEURSHIP', forms: ['request', 'application'], w: 2,
    ru: [['Грант на открытие бизнеса', 'Льготный кредит для фермера'],
      ['Прошу разъяснить условия получения гранта на открытие своего дела.', 'Хочу получить льготный кредит на развитие теплицы, прошу проконсультировать.'],
      ['Бизнес-план подготовлен.']],
    kk: [['Бизнес ашуға грант', 'Фермерге жеңілдетілген несие'],
      ['Өз ісімді ашуға грант алу шарттарын түсіндіруді сұраймын.', 'Жылыжайды дамытуға жеңілдетілген несие алғым келеді, кеңес беруді сұраймын.'],
      ['Бизнес-жоспар дайын.']] },
  // EDUCATION
  { topic: 'EDUCATION.KINDERGARTEN_PLACES', forms: ['application', 'complaint', 'request'], w: 5, season: 'school',
    ru: [['Место в детском саду', 'Очередь в детский сад {inv}'],
      ['Ребёнку {age} года, стоим в очереди в детский сад с рождения, места нет.', 'Прошу выдать направление в детский сад {inv}, очередь не двигается.'],
      ['Я одна воспитываю ребёнка и не могу выйти на работу.', 'В частный сад ходить дорого.']],
    kk: [['Балабақшадан орын', '{inv} балабақша кезегі'],
      ['Балам {age} жаста, туғаннан бері балабақша кезегінде тұрмыз, орын жоқ.', '{inv} балабақшаға жолдама беруді сұраймын, кезек жылжымайды.'],
      ['Баланы жалғыз тәрбиелеп отырмын, жұмысқа шыға алмаймын.', 'Жекеменшік балабақша қымбат.']] },
  { topic: 'EDUCATION.SCHOOL_ENROLMENT', forms: ['application', 'complaint'], w: 3, season: 'school',
    ru: [['Зачисление в первый класс школы №{sch}', 'Перевод ребёнка в школу №{sch}'],
      ['Моего ребёнка не зачисляют в первый класс школы №{sch} по месту жительства.', 'Прошу помочь перевести сына в школу №{sch}, ссылаются на отсутствие мест.'],
      ['Живём в пяти минутах от школы.']],
    kk: [['№{sch} мектептің бірінші сыныбына қабылдау', 'Баланы №{sch} мектепке ауыстыру'],
      ['Баламды тұрғылықты жері бойынша №{sch} мектептің бірінші сыныбына қабылдамай жатыр.', 'Ұлымды №{sch} мектепке ауыстыруға көмектесуді сұраймын, орын жоқ дейді.'],
      ['Мектептен бес минуттық жерде тұрамыз.']] },
  { topic: 'EDUCATION.SCHOOL_BUILDINGS', forms: ['complaint', 'application'], w: 2,
    ru: [['Ремонт школы №{sch} {inv}', 'Туалет на улице в школе №{sch}'],
      ['В школе №{sch} {inv} протекает крыша, в классах сыро.', 'В школе №{sch} туалет до сих пор на улице.'],
      ['Родители собирали деньги на ремонт сами.']],
    kk: [['{inv} №{sch} мектепті жөндеу', '№{sch} мектептің дәретханасы далада'],
      ['{inv} №{sch} мектептің шатыры ағады, сыныптар дымқыл.', '№{sch} мектепте дәретхана әлі күнге дейін далада.'],
      ['Ата-аналар жөндеуге ақшаны өздері жинады.']] },
  { topic: 'EDUCATION.SCHOOL_TRANSPORT', forms: P, w: 2, season: 'school', where: 'village',
    ru: [['Подвоз детей в школу из {ofv}', 'Нет школьного автобуса {inv}'],
      ['Дети из {ofv} ходят в школу за {n} километров, школьного автобуса нет.', 'Школьный автобус {inv} не ходит с начала четверти.'],
      ['Зимой детям опасно идти вдоль трассы.']],
    kk: [['{ofv} балаларын мектепке тасымалдау', '{inv} мектеп автобусы жоқ'],
      ['{ofv} балалары мектепке {n} шақырым жаяу барады, мектеп автобусы жоқ.', '{inv} мектеп автобусы тоқсан басынан бері жүрмейді.'],
      ['Қыста балаларға трасса бойымен жүру қауіпті.']] },
  // HEALTH
  { topic: 'HEALTH.CLINIC_QUEUES', forms: PC, w: 5,
    ru: [['Очереди в поликлинике', 'Невозможно записаться к врачу'],
      ['В районной поликлинике невозможно попасть к узкому специалисту, запись на {w} недели вперёд.', 'Через портал записаться к терапевту невозможно, по телефону не отвечают.'],
      ['Пожилые люди стоят в очереди с 7 утра.', 'Кардиолог принимает два раза в неделю.']],
    kk: [['Емханадағы кезек', 'Дәрігерге жазылу мүмкін емес'],
      ['Аудандық емханада тар маманға қаралу мүмкін емес, жазылу {w} апта алдын ала.', 'Портал арқылы терапевтке жазылу мүмкін емес, телефонды ешкім алмайды.'],
      ['Қарт адамдар таңғы сағат 7-ден кезекте тұрады.', 'Кардиолог аптасына екі рет қабылдайды.']] },
  { topic: 'HEALTH.MEDICINES', forms: PC, w: 3,
    ru: [['Нет бесплатных лекарств в аптеке', 'Лекарственное обеспечение по ГОБМП'],
      ['В аптеке не выдают бесплатные лекарства по рецепту уже {m} месяца.', 'Мне как больному диабетом не выдают инсулин.'],
      ['Покупаю лекарства за свой счёт.']],
    kk: [['Дәріханада тегін дәрі жоқ', 'ТМККК бойынша дәрі-дәрмекпен қамту'],
      ['Дәріханада рецепт бойынша тегін дәрі {m} айдан бері берілмейді.', 'Қант диабетімен ауыратын маған инсулин берілмейді.'],
      ['Дәріні өз қаражатыма сатып аламын.']] },
  { topic: 'HEALTH.RURAL_MEDICAL_POSTS', forms: ['application', 'proposal'], w: 2, where: 'village',
    ru: [['Нет фельдшера в медпункте {ofv}', 'Открытие медпункта {inv}'],
      ['В медпункте {ofv} нет фельдшера уже {m} месяцев.', 'Просим открыть медицинский пункт {inv}, ближайший — в {n} километрах.'],
      ['Скорая едет больше часа.']],
    kk: [['{ofv} медпунктінде фельдшер жоқ', '{inv} медпункт ашу'],
      ['{ofv} медпунктінде {m} айдан бері фельдшер жоқ.', '{inv} медициналық пункт ашуды сұраймыз, жақыны {n} шақырым жерде.'],
      ['Жедел жәрдем бір сағаттан астам жүреді.']] },
  { topic: 'HEALTH.QUALITY_OF_CARE', forms: ['complaint'], w: 2,
    ru: [['Грубость врача', 'Некачественное лечение в районной больнице'],
      ['Прошу проверить действия врача районной больницы, отказавшегося принять мою мать.', 'Моему отцу в районной больнице не провели обследование и выписали без улучшения.'],
      ['Прошу дать оценку действиям медработников.']],
    kk: [['Дәрігердің дөрекілігі', 'Аудандық ауруханадағы сапасыз емдеу'],
      ['Анамды қабылдаудан бас тартқан аудандық аурухана дәрігерінің әрекеттерін тексеруді сұраймын.', 'Әкеме аудандық ауруханада тексеру жүргізбей, жақсармаған күйі шығарып жіберді.'],
      ['Медицина қызметкерлерінің әрекеттеріне баға беруді сұраймын.']] },
  // ECOLOGY
  { topic: 'ECOLOGY.WASTE_COLLECTION', forms: PC, w: 5,
    ru: [['Не вывозят мусор {inv}', 'Переполнены контейнеры на ул. {st}'],
      ['{inv} мусор не вывозят уже {w} недели.', 'Контейнеры на ул. {st} переполнены, мусор разносит ветер.'],
      ['Оплату за вывоз мусора с нас берут регулярно.', 'Появились крысы.']],
    kk: [['{inv} қоқыс шығарылмайды', '{st} көшесіндегі контейнерлер толып кетті'],
      ['{inv} қоқыс {w} аптадан бері шығарылмайды.', '{st} көшесіндегі контейнерлер толып, қоқысты жел ұшырып жүр.'],
      ['Қоқыс шығару үшін ақыны бізден үнемі алады.', 'Егеуқұйрықтар пайда болды.']] },
  { topic: 'ECOLOGY.ILLEGAL_DUMPS', forms: ['report', 'complaint'], w: 3,
    ru: [['Стихийная свалка у {ofv}', 'Свалка строительного мусора на ул. {st}'],
      ['На выезде из {ofv} образовалась стихийная свалка.', 'На пустыре по ул. {st} сваливают строительный мусор.'],
      ['Мусор жгут, дым идёт на дома.']],
    kk: [['{ofv} жанындағы рұқсатсыз қоқыс үйіндісі', '{st} көшесіндегі құрылыс қоқысы'],
      ['{ofv} шығар жерінде рұқсатсыз қоқыс үйіндісі пайда болды.', '{st} көшесіндегі бос жерге құрылыс қоқысын төгеді.'],
      ['Қоқысты өртейді, түтіні үйлерге келеді.']] },
  { topic: 'ECOLOGY.STRAY_ANIMALS', forms: ['complaint', 'report'], w: 3,
    ru: [['Бродячие собаки {inv}', 'Стая собак у школы №{sch}'],
      ['{inv} по улицам бегают стаи бродячих собак.', 'Возле школы №{sch} собирается стая собак, дети боятся ходить на уроки.'],
      ['На прошлой неделе собака укусила ребёнка.', 'Отлов не проводится.']],
    kk: [['{inv} қаңғыбас иттер', '№{sch} мектеп жанындағы иттер үйірі'],
      ['{inv} көшелерде қаңғыбас иттер үйірімен жүреді.', '№{sch} мектептің жанында иттер жиналады, балалар сабаққа баруға қорқады.'],
      ['Өткен аптада ит баланы қауып алды.', 'Аулау жүргізілмейді.']] },
  { topic: 'ECOLOGY.WATER_BODIES', forms: ['application', 'report'], w: 2, season: 'spring',
    ru: [['Угроза паводка {inv}', 'Укрепление берега реки'],
      ['Весной река размывает берег у ул. {st} {inv}, вода подходит к домам.', 'Просим укрепить дамбу у {ofv} до начала паводка.'],
      ['В прошлом году подтопило {fam} дворов.']],
    kk: [['{inv} су тасқыны қаупі', 'Өзен жағасын бекіту'],
      ['Көктемде {inv} {st} көшесінің тұсында өзен жағаны шайып, су үйлерге жақындайды.', 'Су тасқыны басталғанға дейін {ofv} жанындағы бөгетті бекітуді сұраймыз.'],
      ['Өткен жылы {fam} ауланы су басты.']] },
  // AGRICULTURE
  { topic: 'AGRICULTURE.VETERINARY', forms: ['application', 'complaint'], w: 2, where: 'village',
    ru: [['Вакцинация скота {inv}', 'Нет ветврача {inv}'],
      ['{inv} не проведена весенняя вакцинация скота.', 'Ветеринарный врач {ofv} не выезжает на вызовы.'],
      ['Пали {n} овцы, причина не установлена.']],
    kk: [['{inv} малды вакцинациялау', '{inv} мал дәрігері жоқ'],
      ['{inv} малды көктемгі вакцинациялау жүргізілмеген.', '{ofv} мал дәрігері шақыруға келмейді.'],
      ['{n} қой өлді, себебі анықталмаған.']] },
  { topic: 'AGRICULTURE.SUBSIDIES', forms: ['request', 'complaint'], w: 2,
    ru: [['Задержка выплаты субсидий', 'Субсидирование удобрений'],
      ['Субсидии за {yrp} год моему крестьянскому хозяйству до сих пор не выплачены.', 'Прошу разъяснить порядок субсидирования удобрений.'],
      ['Заявка подана через портал в срок.']],
    kk: [['Субсидия төлеудің кешігуі', 'Тыңайтқыштарды субсидиялау'],
      ['Шаруа қожалығыма {yrp} жылғы субсидия әлі төленбеген.', 'Тыңайтқыштарды субсидиялау тәртібін түсіндіруді сұраймын.'],
      ['Өтінім порталда уақытында берілген.']] },
  { topic: 'AGRICULTURE.FUEL_SEEDS', forms: ['application', 'request'], w: 2, season: 'spring',
    ru: [['Удешевлённое дизтопливо на посевную', 'Семена для посевной'],
      ['Прошу выделить удешевлённое дизельное топливо на весенне-полевые работы.', 'Фермерам {ofv} не хватает семян на посевную.'],
      ['Площадь посева — {n}0 гектаров.']],
    kk: [['Егіс жұмыстарына арзандатылған дизель отыны', 'Егіске тұқым'],
      ['Көктемгі егіс жұмыстарына арзандатылған дизель отынын бөлуді сұраймын.', '{ofv} фермерлеріне егіске тұқым жетпейді.'],
      ['Егіс алқабы — {n}0 гектар.']] },
  // PUBLIC ORDER (local matters)
  { topic: 'PUBLIC_ORDER.NOISE', forms: ['complaint'], w: 2,
    ru: [['Шум от кафе на ул. {st}', 'Ночной шум в доме {h}'],
      ['Кафе на ул. {st} работает до утра, громкая музыка мешает спать.', 'Соседи из квартиры {apt} шумят по ночам.'],
      ['Участковый на вызовы не реагирует.']],
    kk: [['{st} көшесіндегі кафенің шуы', '{h} үйдегі түнгі шу'],
      ['{st} көшесіндегі кафе таңға дейін жұмыс істейді, қатты музыка ұйықтатпайды.', '{apt} пәтердегі көршілер түнде шулайды.'],
      ['Учаскелік полиция шақыруға келмейді.']] },
  { topic: 'PUBLIC_ORDER.FIRE_SAFETY', forms: ['report', 'application'], w: 1,
    ru: [['Сухая трава у домов {inv}', 'Пожарный гидрант не работает'],
      ['Вдоль ул. {st} {inv} не скошена сухая трава, есть угроза пожара.', 'Пожарный гидрант у дома {h} по ул. {st} неисправен.'],
      ['Летом уже был пожар.']],
    kk: [['{inv} үйлер жанындағы құрғақ шөп', 'Өрт гидранты жұмыс істемейді'],
      ['{inv} {st} көшесінің бойындағы құрғақ шөп орылмаған, өрт қаупі бар.', '{st} көшесіндегі {h} үйдің жанындағы өрт гидранты ақаулы.'],
      ['Жазда өрт болған.']] },
  // IMPROVEMENT
  { topic: 'IMPROVEMENT.STREET_LIGHTING', forms: ['application', 'complaint', 'proposal'], w: 6, season: 'winter',
    ru: [['Не горят фонари на ул. {st}', 'Уличное освещение {inv}'],
      ['На ул. {st} {inv} не горят уличные фонари уже {w} недели.', '{inv} на ул. {st} вообще нет уличного освещения.'],
      ['Вечером дети возвращаются из школы в темноте.', 'Участились кражи.']],
    kk: [['{st} көшесіндегі шамдар жанбайды', '{inv} көше жарығы'],
      ['{inv} {st} көшесіндегі көше шамдары {w} аптадан бері жанбайды.', '{inv} {st} көшесінде көше жарығы мүлдем жоқ.'],
      ['Кешке балалар мектептен қараңғыда қайтады.', 'Ұрлық жиіледі.']] },
  { topic: 'IMPROVEMENT.PLAYGROUNDS', forms: ['proposal', 'application'], w: 3,
    ru: [['Детская площадка {inv}', 'Спортивная площадка на ул. {st}'],
      ['Предлагаю установить детскую площадку на пустыре по ул. {st} {inv}.', '{inv} нет ни одной спортивной площадки для молодёжи.'],
      ['Жители готовы участвовать в субботнике.']],
    kk: [['{inv} балалар алаңы', '{st} көшесіндегі спорт алаңы'],
      ['{inv} {st} көшесіндегі бос жерге балалар алаңын орнатуды ұсынамын.', '{inv} жастарға арналған бірде-бір спорт алаңы жоқ.'],
      ['Тұрғындар сенбілікке қатысуға дайын.']] },
  { topic: 'IMPROVEMENT.CEMETERIES', forms: ['application'], w: 1, where: 'village',
    ru: [['Ограждение кладбища {ofv}', 'Расширение кладбища'],
      ['Кладбище {ofv} не огорожено, на него заходит скот.', 'Просим выделить землю для расширения кладбища {ofv}.'],
      ['Дорога к кладбищу размыта.']],
    kk: [['{ofv} зиратын қоршау', 'Зиратты кеңейту'],
      ['{ofv} зираты қоршалмаған, оған мал кіреді.', '{ofv} зиратын кеңейтуге жер бөлуді сұраймыз.'],
      ['Зиратқа баратын жол шайылған.']] },
  // COMMUNICATIONS
  { topic: 'COMMUNICATIONS.INTERNET', forms: ['application', 'complaint', 'request'], w: 3, where: 'village',
    ru: [['Нет интернета {inv}', 'Медленный интернет в школе {ofv}'],
      ['{inv} нет нормального интернета, дети не могут выполнять домашние задания.', 'Скорость интернета {inv} не превышает 1 Мбит/с.'],
      ['Провайдер обещает провести оптику уже {n} года.']],
    kk: [['{inv} интернет жоқ', '{ofv} мектебіндегі баяу интернет'],
      ['{inv} қалыпты интернет жоқ, балалар үй тапсырмасын орындай алмайды.', '{inv} интернет жылдамдығы 1 Мбит/с-тан аспайды.'],
      ['Провайдер оптика тартамыз деп {n} жылдан бері уәде береді.']] },
  { topic: 'COMMUNICATIONS.MOBILE', forms: ['application'], w: 2, where: 'village',
    ru: [['Нет мобильной связи {inv}', 'Вышка сотовой связи для {ofv}'],
      ['{inv} нет покрытия мобильной связи, чтобы позвонить, выходим на холм.', 'Просим установить вышку сотовой связи для {ofv}.'],
      ['Невозможно вызвать скорую помощь.']],
    kk: [['{inv} ұялы байланыс жоқ', '{nomv} үшін ұялы байланыс мұнарасы'],
      ['{inv} ұялы байланыс жоқ, қоңырау шалу үшін төбеге шығамыз.', '{nomv} үшін ұялы байланыс мұнарасын орнатуды сұраймыз.'],
      ['Жедел жәрдем шақыру мүмкін емес.']] },
  // OTHER
  { topic: 'OTHER.PUBLIC_SERVICES', forms: ['complaint', 'request'], w: 2,
    ru: [['Задержка выдачи справки', 'Очередь в ЦОН'],
      ['Уже {w} недели не могу получить справку в отделе ЗАГС.', 'В ЦОНе района огромные очереди, талоны заканчиваются к 10 утра.'],
      ['Прошу разобраться.']],
    kk: [['Анықтама беруді кешіктіру', 'ХҚКО-дағы кезек'],
      ['{w} аптадан бері АХАЖ бөлімінен анықтама ала алмай жүрмін.', 'Аудандық ХҚКО-да кезек өте көп, талондар таңғы 10-да бітеді.'],
      ['Мән-жайын анықтауды сұраймын.']] },
  { topic: 'OTHER.OFFICIALS_CONDUCT', forms: ['complaint'], w: 2,
    ru: [['Бездействие акима сельского округа', 'Жалоба на специалиста акимата'],
      ['Аким {ofv} не принимает граждан в приёмные дни.', 'Специалист акимата грубо разговаривал со мной и отказался принять заявление.'],
      ['Прошу дать оценку.']],
    kk: [['Ауылдық округ әкімінің әрекетсіздігі', 'Әкімдік маманына шағым'],
      ['{ofv} әкімі қабылдау күндері азаматтарды қабылдамайды.', 'Әкімдік маманы менімен дөрекі сөйлесіп, өтінішімді қабылдаудан бас тартты.'],
      ['Баға беруді сұраймын.']] },
  { topic: 'OTHER.GRATITUDE', forms: ['feedback'], w: 3,
    ru: [['Благодарность за ремонт дороги', 'Благодарность акиму {ofv}'],
      ['Выражаю благодарность акимату за ремонт дороги по ул. {st} {inv}.', 'Благодарим акима {ofv} за оперативное решение вопроса с водой.'],
      ['Работы выполнены качественно и в срок.']],
    kk: [['Жолды жөндегені үшін алғыс', '{ofv} әкіміне алғыс'],
      ['{inv} {st} көшесіндегі жолды жөндегені үшін әкімдікке алғысымды білдіремін.', '{ofv} әкіміне су мәселесін жедел шешкені үшін алғыс айтамыз.'],
      ['Жұмыс сапалы әрі уақытында орындалды.']] },
  { topic: 'OTHER.CULTURE_SPORT', forms: ['proposal', 'application'], w: 1,
    ru: [['Ремонт дома культуры {ofv}', 'Спортивная секция для детей'],
      ['Дом культуры {ofv} не отапливается и требует ремонта.', 'Предлагаю открыть бесплатную секцию борьбы для детей {ofv}.'],
      ['Молодёжи негде проводить свободное время.']],
    kk: [['{ofv} мәдениет үйін жөндеу', 'Балаларға спорт секциясы'],
      ['{ofv} мәдениет үйі жылытылмайды, жөндеуді қажет етеді.', '{ofv} балаларына тегін күрес секциясын ашуды ұсынамын.'],
      ['Жастардың бос уақытын өткізетін жері жоқ.']] },
];

/** Topics of templates that, in an appeal, are answered by a regional department rather than the district akimat. */
const DEPT_BY_TOPIC: Record<string, string> = {
  WATER: 'dept.energy', HEATING: 'dept.energy', GAS: 'dept.energy', ELECTRICITY: 'dept.energy', HOUSING: 'dept.energy',
  ROADS: 'dept.roads', EDUCATION: 'dept.education', HEALTH: 'dept.health', SOCIAL: 'dept.social', EMPLOYMENT: 'dept.social',
  LAND: 'dept.agriculture', AGRICULTURE: 'dept.agriculture', CONSTRUCTION: 'dept.construction', ECOLOGY: 'dept.nature',
  IMPROVEMENT: 'dept.construction', COMMUNICATIONS: 'dept.roads', PUBLIC_ORDER: 'dept.energy', OTHER: 'dept.social',
};
/** Share of appeals on a topic led by the regional department (the rest go to the district/city akimat). */
const DEPT_SHARE: Record<string, number> = {
  WATER: 0.15, HEATING: 0.25, GAS: 0.3, ELECTRICITY: 0.3, HOUSING: 0.15, ROADS: 0.3, EDUCATION: 0.5, HEALTH: 0.85,
  SOCIAL: 0.35, EMPLOYMENT: 0.35, LAND: 0.25, AGRICULTURE: 0.5, CONSTRUCTION: 0.4, ECOLOGY: 0.2, IMPROVEMENT: 0.05,
  COMMUNICATIONS: 0.3, PUBLIC_ORDER: 0, OTHER: 0.1,
};
/** Topics a rural akimat can handle itself for its own villages. */
const RURAL_TOPICS = new Set(['WATER', 'IMPROVEMENT', 'ECOLOGY', 'ROADS', 'LAND', 'AGRICULTURE', 'PUBLIC_ORDER', 'OTHER', 'HEATING']);

// ───────────────────────────── special texts ─────────────────────────────

interface SpecialTpl { topic: string; ru: [string, string]; kk: [string, string] } // [summary, text]

/** Crimes and emergencies: forwarded to the competent body (art. 65). */
const FORWARD_TPLS: (SpecialTpl & { to: 'police' | 'emergency' })[] = [
  { to: 'police', topic: 'PUBLIC_ORDER.NEIGHBOURS',
    ru: ['Угрозы со стороны соседа', 'Мой сосед по ул. {st} угрожает мне физической расправой и повредил мой автомобиль. Прошу защитить мою семью.'],
    kk: ['Көршінің қоқан-лоққысы', '{st} көшесіндегі көршім маған күш көрсетемін деп қорқытады және көлігімді бүлдірді. Отбасымды қорғауды сұраймын.'] },
  { to: 'police', topic: 'PUBLIC_ORDER.FRAUD',
    ru: ['Мошенники от имени акимата', 'По телефону звонят люди, представляются сотрудниками акимата и требуют перевести {amt3} тенге «за подключение к газу». Уже обманули нескольких пенсионеров {ofv}.'],
    kk: ['Әкімдік атынан алаяқтар', 'Телефонмен әкімдік қызметкері болып таныстырып, «газға қосу үшін» {amt3} теңге аударуды талап етеді. {ofv} бірнеше зейнеткерін алдап кетті.'] },
  { to: 'police', topic: 'PUBLIC_ORDER.POLICE_WORK',
    ru: ['Кража скота', 'С пастбища у {ofv} пропали {n} голов овец. Участковый заявление не регистрирует. Прошу найти виновных.'],
    kk: ['Мал ұрлығы', '{ofv} маңындағы жайылымнан {n} бас қой жоғалды. Учаскелік өтінішті тіркемей жүр. Кінәлілерді табуды сұраймын.'] },
  { to: 'emergency', topic: 'PUBLIC_ORDER.EMERGENCIES',
    ru: ['Трещина в защитной дамбе', 'На защитной дамбе выше {ofv} появилась трещина, вода в реке прибывает. Есть угроза подтопления домов.'],
    kk: ['Қорғаныш бөгетіндегі жарық', '{ofv} жоғары жағындағы қорғаныш бөгетінде жарық пайда болды, өзендегі су көтеріліп келеді. Үйлерді су басу қаупі бар.'] },
];

/** Matters of administrative-offence, criminal or civil procedure: registered, never routed (5.2). */
const OUT_OF_SCOPE_TPLS: (SpecialTpl & { kind: 'administrative_offence' | 'criminal' | 'civil' })[] = [
  { kind: 'administrative_offence', topic: 'PUBLIC_ORDER.POLICE_WORK',
    ru: ['Привлечь к ответственности водителя', 'Прошу привлечь к административной ответственности водителя, который ежедневно паркуется на тротуаре у дома {h} по ул. {st}, и оштрафовать его.'],
    kk: ['Жүргізушіні жауапкершілікке тарту', '{st} көшесіндегі {h} үйдің жанында тротуарға күнде көлігін қоятын жүргізушіні әкімшілік жауапкершілікке тартып, айыппұл салуды сұраймын.'] },
  { kind: 'criminal', topic: 'PUBLIC_ORDER.FRAUD',
    ru: ['Возбудить уголовное дело', 'Прошу возбудить уголовное дело в отношении строительной компании, которая взяла с меня {amt3} тенге и не построила дом.'],
    kk: ['Қылмыстық іс қозғау', 'Менен {amt3} теңге алып, үй салмаған құрылыс компаниясына қатысты қылмыстық іс қозғауды сұраймын.'] },
  { kind: 'civil', topic: 'OTHER.MISC',
    ru: ['Раздел наследства', 'Прошу обязать моего брата выделить мне долю в родительском доме по ул. {st}, {h}, и разделить наследство.'],
    kk: ['Мұраны бөлу', 'Ағамды {st} көшесі, {h} мекенжайындағы ата-ана үйінен маған үлес бөлуге міндеттеп, мұраны бөлуді сұраймын.'] },
  { kind: 'civil', topic: 'OTHER.MISC',
    ru: ['Взыскание долга с соседа', 'Сосед занял у меня {amt3} тенге и не возвращает. Прошу обязать его вернуть долг.'],
    kk: ['Көршіден қарызды өндіру', 'Көршім менен {amt3} теңге қарыз алып, қайтармай жүр. Қарызды қайтаруға міндеттеуді сұраймын.'] },
];

const NO_ESSENCE_TPLS: SpecialTpl[] = [
  { topic: 'OTHER.MISC', ru: ['Без указания сути', 'Сколько можно терпеть?! Примите меры наконец!'], kk: ['Мәні көрсетілмеген', 'Қашанғы шыдаймыз?! Ақыры шара қолданыңыздар!'] },
  { topic: 'OTHER.MISC', ru: ['Без указания сути', 'Прошу разобраться. Подробности при встрече.'], kk: ['Мәні көрсетілмеген', 'Мән-жайын анықтауды сұраймын. Толығырақ кездескенде айтамын.'] },
];

const RU_MONTHS_GEN = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const KK_MONTHS_ABL = ['қаңтардан', 'ақпаннан', 'наурыздан', 'сәуірден', 'мамырдан', 'маусымнан', 'шілдеден', 'тамыздан', 'қыркүйектен', 'қазаннан', 'қарашадан', 'желтоқсаннан'];

function ruDate(day: number): string {
  const d = new Date(day * 86_400_000);
  return `${d.getUTCDate()} ${RU_MONTHS_GEN[d.getUTCMonth()]}`;
}
/** "14 қыркүйектен" (from the 14th of September). */
function kkDateFrom(day: number): string {
  const d = new Date(day * 86_400_000);
  return `${d.getUTCDate()} ${KK_MONTHS_ABL[d.getUTCMonth()]}`;
}
/** "14.09.2026" */
function numDate(day: number): string {
  const d = new Date(day * 86_400_000);
  return `${pad(d.getUTCDate(), 2)}.${pad(d.getUTCMonth() + 1, 2)}.${d.getUTCFullYear()}`;
}

// Concentrations: the story, the place and the texts. {since} is the date the problem began.
interface ConcentrationSpec {
  key: string;
  topic: string;
  districtKato: string;
  village: Place;
  ruralIndex: number;
  /** Days before endDate when the fortnight starts. */
  startsBeforeEnd: number;
  share: number;
  cap: number;
  description: string;
  ru: { summaries: string[]; texts: string[]; campaign: string[] };
  kk: { summaries: string[]; texts: string[]; campaign: string[] };
  kkShare: number;
}

const CONCENTRATIONS: ConcentrationSpec[] = [
  { key: 'C1-water-karakemer', topic: 'WATER.SUPPLY_INTERRUPTION', districtKato: '194000000', village: ['Қаракемер', 'Каракемер'], ruralIndex: 2,
    startsBeforeEnd: 68, share: 0.012, cap: 80, kkShare: 0.45,
    description: 'Village Karakemer (Baiterek rural district, Enbekshikazakh district): the well pump failed and the village has had no drinking water; residents write en masse within a fortnight.',
    ru: {
      summaries: ['Нет питьевой воды в с. Каракемер', 'Каракемер без воды {d} дней', 'Отсутствие водоснабжения в с. Каракемер', 'Не работает водопровод в Каракемере'],
      texts: [
        'Здравствуйте! В селе Каракемер уже {d} дней нет питьевой воды. По ул. {st} вода не поступает ни в один дом. Воду возим канистрами из Байтерека. Просим срочно принять меры.',
        'С {since} в с. Каракемер нет воды в водопроводе. Говорят, сломался насос на скважине, но никто ничего не ремонтирует. У нас дети и пожилые родители, жить без воды невозможно.',
        'Я проживаю в с. Каракемер, ул. {st}, {h}. Воды нет {d} дней, воду привозят раз в два дня и её не хватает. Просим восстановить водоснабжение.',
        'Уважаемый аким! Каракемер остался без питьевой воды. Аким сельского округа говорит, что денег на новый насос нет. Сколько нам ещё ждать? Прошу вмешаться.',
        'В Каракемере {d} дней нет воды, скот поить нечем, огороды высохли. Покупаем воду по {amt} тенге за бочку. Просим помочь.',
      ],
      campaign: [
        'Уважаемый аким области! Мы, жители села Каракемер Енбекшиказахского района, с {since} остались без питьевой воды. Скважина вышла из строя, водопроводная сеть не работает. Районный акимат и аким сельского округа мер не принимают. Просим срочно восстановить водоснабжение и организовать подвоз воды.',
      ],
    },
    kk: {
      summaries: ['Қаракемер ауылында ауыз су жоқ', 'Қаракемер {d} күн сусыз', 'Қаракемер ауылында сумен жабдықтау жоқ'],
      texts: [
        'Сәлеметсіз бе! Қаракемер ауылында {d} күннен бері ауыз су жоқ. {st} көшесіндегі бірде-бір үйге су келмейді. Суды Бәйтеректен канистрмен тасимыз. Шұғыл шара қолдануды сұраймыз.',
        '{since} бастап Қаракемер ауылында су құбырында су жоқ. Ұңғымадағы сорап бұзылды дейді, бірақ ешкім жөндемейді. Балаларымыз бен қарт ата-аналарымыз бар, сусыз өмір сүру мүмкін емес.',
        'Қаракемер ауылы, {st} көшесі, {h} үйде тұрамын. {d} күннен бері су жоқ, суды екі күнде бір рет әкеледі, ол жетпейді. Сумен жабдықтауды қалпына келтіруді сұраймыз.',
        'Құрметті әкім! Қаракемер ауыз сусыз қалды. Ауылдық округ әкімі жаңа сорапқа ақша жоқ дейді. Тағы қанша күтеміз? Араласуыңызды сұраймын.',
      ],
      campaign: [
        'Құрметті облыс әкімі! Біз, Еңбекшіқазақ ауданы Қаракемер ауылының тұрғындары, {since} бастап ауыз сусыз қалдық. Ұңғыма істен шықты, су құбыры жұмыс істемейді. Аудан әкімдігі мен ауылдық округ әкімі шара қолданбай отыр. Сумен жабдықтауды шұғыл қалпына келтіруді және су тасуды ұйымдастыруды сұраймыз.',
      ],
    } },
  { key: 'C2-gas-irgeli', topic: 'GAS.LOW_PRESSURE', districtKato: '195200000', village: ['Иргелі', 'Иргели'], ruralIndex: 1,
    startsBeforeEnd: 24, share: 0.009, cap: 60, kkShare: 0.35,
    description: 'Village Irgeli (Karasay district): with the first frosts the gas pressure fell; boilers go out in the evenings; a wave of complaints over two weeks.',
    ru: {
      summaries: ['Низкое давление газа в с. Иргели', 'Гаснут котлы в Иргели', 'Слабый газ по ул. {st}, с. Иргели'],
      texts: [
        'В селе Иргели с начала холодов очень низкое давление газа, по вечерам котёл гаснет, в доме +12. Прошу принять меры.',
        'Проживаю в с. Иргели, ул. {st}, {h}. С {since} газ еле горит, отопить дом невозможно. Газовая служба ссылается на перегрузку сети.',
        'Иргели — большое село, а газопровод старый и не справляется. Каждый вечер давление падает, дети мёрзнут. Когда увеличат мощность?',
        'Здравствуйте! У нас в Иргели опять нет нормального газа, котлы не запускаются уже {d} дней. Просим проверить газораспределительный пункт.',
      ],
      campaign: [
        'Жители села Иргели Карасайского района просят принять меры: с наступлением холодов давление газа упало, котлы отключаются, дома не прогреваются. Просим проверить работу ГРП и увеличить пропускную способность газопровода.',
      ],
    },
    kk: {
      summaries: ['Иргелі ауылында газ қысымы төмен', 'Иргеліде қазандықтар өшіп қалады'],
      texts: [
        'Иргелі ауылында суық түскелі газ қысымы өте төмен, кешке қазандық өшеді, үйде +12 градус. Шара қолдануды сұраймын.',
        'Иргелі ауылы, {st} көшесі, {h} үйде тұрамын. {since} бастап газ әрең жанады, үйді жылыту мүмкін емес.',
        'Сәлеметсіз бе! Иргеліде {d} күннен бері газ нашар, қазандықтар іске қосылмайды. Газ тарату пунктін тексеруді сұраймыз.',
      ],
      campaign: [
        'Қарасай ауданы Иргелі ауылының тұрғындары шара қолдануды сұрайды: суық түскелі газ қысымы төмендеп, қазандықтар өшіп қалады, үйлер жылымайды. ГРП жұмысын тексеріп, газ құбырының өткізу қабілетін арттыруды сұраймыз.',
      ],
    } },
  { key: 'C3-bus-belbulak', topic: 'ROADS.PUBLIC_TRANSPORT', districtKato: '196200000', village: ['Белбұлақ', 'Белбулак'], ruralIndex: 2,
    startsBeforeEnd: 130, share: 0.007, cap: 50, kkShare: 0.4,
    description: 'Village Belbulak (Talgar district): the suburban bus route No. 112 Belbulak — Almaty was cancelled; residents cannot get to work, college and hospitals.',
    ru: {
      summaries: ['Отмена автобуса №112 Белбулак — Алматы', 'Верните маршрут №112', 'Нет автобуса из Белбулака'],
      texts: [
        'С {since} отменили пригородный автобус №112 Белбулак — Алматы. Люди не могут добраться до работы, учёбы и больниц. Просим восстановить маршрут.',
        'Я каждый день езжу на работу в Алматы. После отмены маршрута №112 приходится ехать с пересадками через Талгар, дорога занимает 3 часа. Верните автобус!',
        'Мой сын учится в колледже в Алматы, после отмены автобуса №112 он не может ездить на занятия. Такси стоит {amt} тенге. Прошу разобраться.',
        'Пенсионеры Белбулака не могут поехать в больницу, автобус №112 больше не ходит. Кто принял такое решение и почему жителей не спросили?',
      ],
      campaign: [
        'Мы, жители села Белбулак Талгарского района, возмущены отменой пригородного маршрута №112 Белбулак — Алматы. Это единственный прямой автобус до города. Просим восстановить маршрут и объявить новый конкурс на перевозчика.',
      ],
    },
    kk: {
      summaries: ['№112 Белбұлақ — Алматы автобусының тоқтатылуы', '№112 бағытты қайтарыңыздар'],
      texts: [
        '{since} бастап №112 Белбұлақ — Алматы қала маңы автобусы тоқтатылды. Адамдар жұмысқа, оқуға, ауруханаға жете алмайды. Бағытты қалпына келтіруді сұраймыз.',
        'Күн сайын Алматыға жұмысқа барамын. №112 бағыт жабылғаннан кейін Талғар арқылы ауысып барамын, жол 3 сағат алады. Автобусты қайтарыңыздар!',
        'Белбұлақтың зейнеткерлері ауруханаға бара алмайды, №112 автобус енді жүрмейді. Бұл шешімді кім қабылдады, тұрғындардан неге сұрамады?',
      ],
      campaign: [
        'Біз, Талғар ауданы Белбұлақ ауылының тұрғындары, №112 Белбұлақ — Алматы қала маңы бағытының жабылуына наразымыз. Бұл қалаға баратын жалғыз тікелей автобус. Бағытты қалпына келтіріп, тасымалдаушыға жаңа конкурс жариялауды сұраймыз.',
      ],
    } },
  { key: 'C4-voltage-akkol', topic: 'ELECTRICITY.LOW_VOLTAGE', districtKato: '193600000', village: ['Ақкөл', 'Акколь'], ruralIndex: 3,
    startsBeforeEnd: 100, share: 0.005, cap: 40, kkShare: 0.55,
    description: 'Village Akkol (Balkhash district): in the August heat the overloaded transformer substation drops the voltage to 150 V; pumps and fridges fail.',
    ru: {
      summaries: ['Низкое напряжение в с. Акколь', 'Сгорела техника из-за напряжения, с. Акколь'],
      texts: [
        'В селе Акколь напряжение в сети падает до 150 вольт, не работают насосы и холодильники. Прошу заменить трансформатор.',
        'С {since} в с. Акколь по ул. {st} постоянно скачет напряжение, у меня сгорел холодильник. Кто возместит ущерб?',
        'В жару в Акколе вечером невозможно включить ни насос, ни кондиционер — напряжения нет. Просим увеличить мощность подстанции.',
      ],
      campaign: [],
    },
    kk: {
      summaries: ['Ақкөл ауылында кернеу төмен', 'Кернеуден техника күйді, Ақкөл ауылы'],
      texts: [
        'Ақкөл ауылында желідегі кернеу 150 вольтқа дейін түседі, сораптар мен тоңазытқыштар жұмыс істемейді. Трансформаторды ауыстыруды сұраймын.',
        '{since} бастап Ақкөл ауылы {st} көшесінде кернеу үнемі секіреді, тоңазытқышым күйіп кетті. Шығынды кім өтейді?',
        'Ыстықта Ақкөлде кешке сорапты да, кондиционерді де қосу мүмкін емес — кернеу жоқ. Қосалқы станцияның қуатын арттыруды сұраймыз.',
      ],
      campaign: [],
    } },
];

// ───────────────────────────── openers, asks, responses ─────────────────────────────

const RU_OPEN = ['Здравствуйте!', 'Уважаемый аким!', 'Добрый день.', 'Уважаемый Аппарат акима!', ''];
const KK_OPEN = ['Сәлеметсіз бе!', 'Құрметті әкім!', 'Қайырлы күн.', ''];
const RU_ASK: Record<Form, string[]> = {
  application: ['Прошу принять меры.', 'Прошу разобраться и дать письменный ответ.', 'Просим решить вопрос в кратчайшие сроки.', 'Прошу оказать содействие.'],
  complaint: ['Прошу разобраться и наказать виновных.', 'Обращались неоднократно, но ответа нет. Прошу вмешаться.', 'Прошу проверить и принять меры.'],
  proposal: ['Прошу рассмотреть моё предложение.', 'Надеюсь на поддержку.'],
  request: ['Прошу предоставить информацию.', 'Прошу дать разъяснение.'],
  report: ['Сообщаю для принятия мер.', 'Прошу отреагировать.'],
  feedback: [''],
};
const KK_ASK: Record<Form, string[]> = {
  application: ['Шара қолдануды сұраймын.', 'Мән-жайын анықтап, жазбаша жауап беруді сұраймын.', 'Мәселені қысқа мерзімде шешуді сұраймыз.', 'Көмек көрсетуді сұраймын.'],
  complaint: ['Мән-жайын анықтап, кінәлілерді жазалауды сұраймын.', 'Бірнеше рет жүгіндік, жауап жоқ. Араласуыңызды сұраймын.', 'Тексеріп, шара қолдануды сұраймын.'],
  proposal: ['Ұсынысымды қарауды сұраймын.', 'Қолдау көрсетеді деп үміттенемін.'],
  request: ['Ақпарат беруді сұраймын.', 'Түсіндіріп беруді сұраймын.'],
  report: ['Шара қолдану үшін хабарлаймын.', 'Назар аударуларыңызды сұраймын.'],
  feedback: [''],
};

/** What an executor did or explains, by top-level topic. */
const RESPONSE_BITS: Record<string, { ru: [done: string, explain: string]; kk: [done: string, explain: string] }> = {
  WATER: { ru: ['Силами ГКП «Су арнасы» выполнен ремонт насосного оборудования и участка водопроводной сети, водоснабжение восстановлено.', 'Реконструкция водопроводных сетей населённого пункта включена в бюджетную заявку на следующий год.'],
    kk: ['«Су арнасы» МКК күшімен сорап жабдығы мен су құбыры желісінің учаскесі жөнделді, сумен жабдықтау қалпына келтірілді.', 'Елді мекеннің су құбыры желілерін қайта жаңарту келесі жылғы бюджеттік өтінімге енгізілді.'] },
  HEATING: { ru: ['Проведена промывка системы отопления, температурный режим восстановлен.', 'Замена участка теплотрассы предусмотрена в плане ремонта на летний период.'],
    kk: ['Жылыту жүйесі жуылып, температуралық режим қалпына келтірілді.', 'Жылу трассасының учаскесін ауыстыру жазғы жөндеу жоспарында көзделген.'] },
  GAS: { ru: ['Специалистами газовой службы выполнена регулировка ГРП, давление газа нормализовано.', 'Строительство газопровода к населённому пункту предусмотрено программой газификации области.'],
    kk: ['Газ қызметінің мамандары ГРП-ны реттеді, газ қысымы қалыпқа келтірілді.', 'Елді мекенге газ құбырын салу облысты газдандыру бағдарламасында көзделген.'] },
  ELECTRICITY: { ru: ['Энергоснабжающей организацией заменён трансформатор и восстановлена линия, напряжение в норме.', 'Реконструкция сетей 0,4 кВ включена в инвестиционную программу энергопередающей организации.'],
    kk: ['Энергиямен жабдықтаушы ұйым трансформаторды ауыстырып, желіні қалпына келтірді, кернеу қалыпты.', '0,4 кВ желілерін қайта жаңарту энергия беруші ұйымның инвестициялық бағдарламасына енгізілді.'] },
  ROADS: { ru: ['Выполнен ямочный ремонт и отсыпка улицы щебнем.', 'Средний ремонт улицы включён в перечень объектов на следующий год.'],
    kk: ['Көшеде шұңқырлар жөнделіп, қиыршық тас төселді.', 'Көшені орташа жөндеу келесі жылғы нысандар тізбесіне енгізілді.'] },
  HOUSING: { ru: ['С ОСИ проведена разъяснительная работа, ремонтные работы выполнены.', 'Капитальный ремонт дома может быть проведён по решению собрания собственников с привлечением бюджетного займа.'],
    kk: ['ПИБ-пен түсіндіру жұмысы жүргізіліп, жөндеу жұмыстары орындалды.', 'Үйді күрделі жөндеу меншік иелері жиналысының шешімімен бюджеттік қарыз тарту арқылы жүргізілуі мүмкін.'] },
  LAND: { ru: ['Проведён выезд на место, границы участка восстановлены землеустроителем.', 'Земельные участки предоставляются в порядке очерёдности по мере подготовки инженерной инфраструктуры.'],
    kk: ['Орнына шығып, жерге орналастырушы учаске шекарасын қалпына келтірді.', 'Жер учаскелері инженерлік инфрақұрылым дайындалуына қарай кезек тәртібімен беріледі.'] },
  CONSTRUCTION: { ru: ['Проведена проверка, застройщику выдано предписание.', 'Строительство объекта предусмотрено в плане на период до 2028 года.'],
    kk: ['Тексеру жүргізіліп, құрылыс салушыға нұсқама берілді.', 'Нысанның құрылысы 2028 жылға дейінгі кезеңге арналған жоспарда көзделген.'] },
  SOCIAL: { ru: ['Документы рассмотрены, помощь назначена.', 'Разъясняем, что право на помощь определяется исходя из среднедушевого дохода семьи.'],
    kk: ['Құжаттар қаралып, көмек тағайындалды.', 'Көмек алу құқығы отбасының жан басына шаққандағы орташа табысы негізінде айқындалатынын түсіндіреміз.'] },
  EMPLOYMENT: { ru: ['Заявитель приглашён в центр занятости, предложены вакансии.', 'Разъясняем порядок участия в программах занятости через центр трудовой мобильности.'],
    kk: ['Өтініш беруші жұмыспен қамту орталығына шақырылып, бос орындар ұсынылды.', 'Еңбек ұтқырлығы орталығы арқылы жұмыспен қамту бағдарламаларына қатысу тәртібін түсіндіреміз.'] },
  EDUCATION: { ru: ['Ребёнку предоставлено место, выдано направление.', 'Места распределяются в порядке электронной очереди; номер в очереди сообщён заявителю.'],
    kk: ['Балаға орын берілді, жолдама берілді.', 'Орындар электрондық кезек тәртібімен бөлінеді; кезектегі нөмір өтініш берушіге хабарланды.'] },
  HEALTH: { ru: ['Проведена проверка, организована дополнительная запись к специалистам.', 'Обеспечение лекарствами осуществляется в рамках ГОБМП по утверждённому перечню.'],
    kk: ['Тексеру жүргізіліп, мамандарға қосымша жазылу ұйымдастырылды.', 'Дәрі-дәрмекпен қамтамасыз ету бекітілген тізбе бойынша ТМККК шеңберінде жүзеге асырылады.'] },
  ECOLOGY: { ru: ['Территория очищена, вывоз мусора организован по графику.', 'Отлов животных проводится по договору с подрядной организацией ежемесячно.'],
    kk: ['Аумақ тазартылды, қоқыс шығару кесте бойынша ұйымдастырылды.', 'Жануарларды аулау мердігер ұйыммен шарт бойынша ай сайын жүргізіледі.'] },
  AGRICULTURE: { ru: ['Ветеринарная служба провела обработку и вакцинацию поголовья.', 'Субсидии выплачиваются по мере поступления бюджетных средств в порядке очерёдности заявок.'],
    kk: ['Ветеринариялық қызмет малды өңдеп, вакцинациялады.', 'Субсидиялар бюджет қаражаты түскен сайын өтінімдер кезегі бойынша төленеді.'] },
  PUBLIC_ORDER: { ru: ['С нарушителями проведена профилактическая беседа.', 'Разъясняем, что по данному вопросу следует обратиться в органы внутренних дел.'],
    kk: ['Тәртіп бұзушылармен профилактикалық әңгіме жүргізілді.', 'Бұл мәселе бойынша ішкі істер органдарына жүгіну керектігін түсіндіреміз.'] },
  IMPROVEMENT: { ru: ['Заменены светильники, освещение восстановлено.', 'Работы включены в план благоустройства на следующий год.'],
    kk: ['Шамдар ауыстырылып, жарық қалпына келтірілді.', 'Жұмыстар келесі жылғы абаттандыру жоспарына енгізілді.'] },
  COMMUNICATIONS: { ru: ['Оператор связи провёл работы, качество связи улучшено.', 'Подключение населённого пункта к ВОЛС предусмотрено национальным проектом.'],
    kk: ['Байланыс операторы жұмыс жүргізіп, байланыс сапасы жақсартылды.', 'Елді мекенді ТОБЖ-ға қосу ұлттық жобада көзделген.'] },
  OTHER: { ru: ['Вопрос рассмотрен и решён.', 'Разъясняем порядок обращения по данному вопросу.'],
    kk: ['Мәселе қаралып, шешілді.', 'Осы мәселе бойынша жүгіну тәртібін түсіндіреміз.'] },
};

function responseText(rng: Rng, lang: Lang, topic: string, decision: Decision, receivedDay: number, rework: boolean): string {
  const bits = RESPONSE_BITS[topic.split('.')[0]] ?? RESPONSE_BITS.OTHER;
  if (lang === 'kk') {
    const head = `Сіздің ${numDate(receivedDay)} ж. келіп түскен өтінішіңіз қаралды.`;
    const body =
      decision === 'satisfied' ? `${bits.kk[0]} Мәселе оң шешілді.`
      : decision === 'partly_satisfied' ? `${bits.kk[0]} ${bits.kk[1]}`
      : decision === 'refused' ? `Қолданыстағы заңнамаға сәйкес өтінішті қанағаттандыруға негіз жоқ: ${rng.pick(['ағымдағы жылы бюджет қаражаты көзделмеген.', 'сұралған шара әкімдіктің құзыретіне жатпайды.', 'өтініш беруші белгіленген талаптарға сәйкес келмейді.'])}`
      : bits.kk[1];
    const extra = rework ? ' Қосымша тексеру нәтижелері бойынша жауап толықтырылды.' : '';
    return `${head} ${body}${extra} Шешіммен келіспеген жағдайда оған ҚР ӘРПК-де белгіленген тәртіппен шағымдануға құқылысыз.`;
  }
  const head = `Ваше обращение от ${ruDate(receivedDay)} рассмотрено.`;
  const body =
    decision === 'satisfied' ? `${bits.ru[0]} Вопрос решён положительно.`
    : decision === 'partly_satisfied' ? `${bits.ru[0]} ${bits.ru[1]}`
    : decision === 'refused' ? `Оснований для удовлетворения обращения не имеется: ${rng.pick(['бюджетные средства на эти цели в текущем году не предусмотрены.', 'запрашиваемая мера не относится к компетенции акимата.', 'заявитель не соответствует установленным требованиям.'])}`
    : bits.ru[1];
  const extra = rework ? ' По результатам дополнительной проверки ответ дополнен.' : '';
  return `${head} ${body}${extra} В случае несогласия с решением вы вправе обжаловать его в порядке, установленном АППК РК.`;
}

const RETURN_COMMENTS: Record<ReviewReason, string[]> = {
  formal_reply: ['Ответ носит формальный характер, не указаны конкретные меры и сроки.', 'Не указано, когда будет восстановлено водоснабжение / выполнены работы.'],
  not_on_merits: ['Ответ дан не по существу поставленных вопросов.', 'Не рассмотрен второй вопрос заявителя.'],
  no_legal_basis: ['Отказ не содержит ссылок на нормы законодательства.', 'Не приведено правовое основание принятого решения.'],
  late: ['Ответ направлен с нарушением срока, приложить объяснение.'],
  other: ['Не приложены фотоматериалы выполненных работ.', 'Ответ не подписан руководителем.'],
};

// ───────────────────────────── helpers ─────────────────────────────

const TRANSLIT: Record<string, string> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', қ: 'k',
  л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u', ф: 'f', х: 'kh',
  һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', і: 'i', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
function translit(s: string): string {
  let out = '';
  for (const ch of s) {
    const lower = ch.toLowerCase();
    const t = TRANSLIT[lower];
    if (t === undefined) out += ch;
    else out += ch !== lower && t ? t[0].toUpperCase() + t.slice(1) : t;
  }
  return out;
}

function ruDistrictGenitive(nameRu: string): string {
  return nameRu.replace(/ий$/, 'ого');
}

interface Ctx { [slot: string]: string }
function fill(template: string, ctx: Ctx): string {
  return template.replace(/\{([a-z0-9]+)\}/g, (m, k: string) => (ctx[k] !== undefined ? ctx[k] : m));
}
/** "250 000" */
function money(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ' ');
}

/** Russian numeral agreement after a number: "3 дней" → "3 дня", "21 месяцев" → "21 месяц". */
const RU_NOUN_FORMS: [one: string, few: string, many: string][] = [
  ['день', 'дня', 'дней'], ['неделю', 'недели', 'недель'], ['месяц', 'месяца', 'месяцев'], ['год', 'года', 'лет'],
  ['раз', 'раза', 'раз'], ['метр', 'метра', 'метров'], ['километр', 'километра', 'километров'], ['овца', 'овцы', 'овец'],
  ['голову', 'головы', 'голов'],
];
const RU_FORM_OF = new Map<string, [string, string, string]>();
for (const f of RU_NOUN_FORMS) for (const w of f) RU_FORM_OF.set(w, f);
const RU_NUMBER_NOUN = new RegExp(`(^|[^\\d.,-])(\\d{1,3}) (${[...RU_FORM_OF.keys()].join('|')})(?![а-яё])`, 'g');
function ruAgree(text: string): string {
  return text.replace(RU_NUMBER_NOUN, (_m, pre: string, num: string, noun: string) => {
    const n = Number(num);
    const [one, few, many] = RU_FORM_OF.get(noun)!;
    const form = n % 10 === 1 && n % 100 !== 11 ? one : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? few : many;
    return `${pre}${num} ${form}`;
  });
}

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

const SEASON_MONTHS: Record<Exclude<Season, 'any'>, number[]> = {
  winter: [11, 12, 1, 2, 3],
  summer: [5, 6, 7, 8, 9],
  autumn: [9, 10, 11],
  spring: [3, 4, 5],
  school: [6, 7, 8, 9],
};
function seasonFactor(season: Season | undefined, month: number): number {
  if (!season || season === 'any') return 1;
  return SEASON_MONTHS[season].includes(month) ? 2.2 : 0.35;
}

const FORMS: Form[] = ['application', 'complaint', 'proposal', 'request', 'feedback', 'report'];
const FORM_WEIGHTS = [55, 22, 7, 9, 3, 4];
const CHANNELS: Channel[] = ['eotinish', 'electronic', 'paper', 'mail', 'personal_reception'];
const CHANNEL_WEIGHTS = [50, 18, 14, 8, 10];
const MONTH_WEIGHT = [0, 1.2, 1.15, 1.0, 0.95, 0.9, 0.95, 1.0, 1.05, 1.1, 1.05, 1.15, 1.1];
const DISTRICT_WEIGHT: Record<string, number> = {
  '191000000': 1.2, '191800000': 0.8, '193600000': 0.5, '194000000': 2.2, '194200000': 1.3, '194400000': 0.4,
  '195200000': 2.0, '195800000': 0.5, '196200000': 1.6, '196600000': 0.6, '196800000': 1.8,
};
const PHONE_PREFIXES = ['700', '701', '702', '705', '707', '708', '747', '771', '775', '776', '777', '778'];

// ───────────────────────────── the generator ─────────────────────────────

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
interface OrgInternal extends DemoOrg { executors: string[] }
interface PlanItem { min: number; channel: Channel; conc: number /* -1: none */; idx: number }
interface PoolEntry { key: string; closeMin: number; applicantKey: string; topic: string; tpl: number; settlement: Settlement; lang: Lang }

export function generateDemoWorld(opts: GenerateDemoWorldOptions): DemoWorld {
  const total = Math.floor(opts.appeals);
  if (!Number.isFinite(total) || total < 0) throw new Error(`appeals must be a non-negative number, got ${opts.appeals}`);
  const seed = opts.seed ?? 1;
  const months = opts.months ?? 12;
  if (!(months >= 1 && months <= 60)) throw new Error(`months must be between 1 and 60, got ${months}`);
  const endDay = parseDay(opts.endDate ?? DEFAULT_END_DATE);
  const limit = endDay * DAY_MIN + 18 * 60;
  const startDay = addMonths(endDay, -months) + 1;
  const cal = new Calendar(opts.calendar ?? WorkingCalendar.default());
  const rng = new Rng(seed);

  // ── admin units, topics
  const units = loadAdminUnits();
  const region = units.find((u) => u.kato === DEMO_REGION_KATO);
  if (!region) throw new Error(`Region ${DEMO_REGION_KATO} is missing from the admin units`);
  const unitByKato = new Map(units.map((u) => [u.kato, u]));
  const topicCodes = new Set(loadTopics().map((t) => t.code));
  for (const t of [...TEMPLATES.map((x) => x.topic), ...FORWARD_TPLS.map((x) => x.topic), ...OUT_OF_SCOPE_TPLS.map((x) => x.topic), ...CONCENTRATIONS.map((c) => c.topic), 'OTHER.MISC']) {
    if (!topicCodes.has(t)) throw new Error(`Demo generator uses unknown topic ${t}`);
  }
  for (const g of GEO) {
    if (unitByKato.get(g.kato)?.parentKato !== DEMO_REGION_KATO) throw new Error(`District ${g.kato} is not in region ${DEMO_REGION_KATO}`);
  }

  // ── organisations
  const orgs: OrgInternal[] = [];
  const orgByKey = new Map<string, OrgInternal>();
  const addOrg = (o: DemoOrg) => {
    const full: OrgInternal = { ...o, executors: [] };
    orgs.push(full);
    orgByKey.set(o.key, full);
    return full;
  };
  const R = DEMO_REGION_KATO;
  addOrg({ key: 'apparatus', nameRu: 'Аппарат акима Алматинской области', nameKk: 'Алматы облысы әкімінің аппараты', nameEn: 'Office of the Akim of Almaty Region', kind: 'akim_apparatus', level: 'region', adminUnitKato: R, parentKey: null });
  addOrg({ key: 'monitoring', nameRu: 'Отдел мониторинга рассмотрения обращений Аппарата акима Алматинской области', nameKk: 'Алматы облысы әкімі аппаратының өтініштерді қарау мониторингі бөлімі', nameEn: 'Department for Monitoring the Consideration of Appeals, Office of the Akim of Almaty Region', kind: 'monitoring_department', level: 'region', adminUnitKato: R, parentKey: 'apparatus' });
  addOrg({ key: 'control', nameRu: 'Отдел контроля и документационного обеспечения Аппарата акима Алматинской области', nameKk: 'Алматы облысы әкімі аппаратының бақылау және құжаттамалық қамтамасыз ету бөлімі', nameEn: 'Control and Records Department, Office of the Akim of Almaty Region', kind: 'apparatus_subdivision', level: 'region', adminUnitKato: R, parentKey: 'apparatus' });
  const DEPTS: [key: string, ru: string, kk: string, en: string][] = [
    ['dept.energy', 'Управление энергетики и жилищно-коммунального хозяйства Алматинской области', 'Алматы облысының энергетика және тұрғын үй-коммуналдық шаруашылық басқармасы', 'Department of Energy, Housing and Utilities of Almaty Region'],
    ['dept.roads', 'Управление пассажирского транспорта и автомобильных дорог Алматинской области', 'Алматы облысының жолаушылар көлігі және автомобиль жолдары басқармасы', 'Department of Passenger Transport and Roads of Almaty Region'],
    ['dept.education', 'Управление образования Алматинской области', 'Алматы облысының білім басқармасы', 'Department of Education of Almaty Region'],
    ['dept.health', 'Управление здравоохранения Алматинской области', 'Алматы облысының денсаулық сақтау басқармасы', 'Department of Health of Almaty Region'],
    ['dept.social', 'Управление занятости и социальных программ Алматинской области', 'Алматы облысының жұмыспен қамту және әлеуметтік бағдарламалар басқармасы', 'Department of Employment and Social Programmes of Almaty Region'],
    ['dept.agriculture', 'Управление сельского хозяйства и земельных отношений Алматинской области', 'Алматы облысының ауыл шаруашылығы және жер қатынастары басқармасы', 'Department of Agriculture and Land Relations of Almaty Region'],
    ['dept.construction', 'Управление строительства, архитектуры и градостроительства Алматинской области', 'Алматы облысының құрылыс, сәулет және қала құрылысы басқармасы', 'Department of Construction, Architecture and Urban Planning of Almaty Region'],
    ['dept.nature', 'Управление природных ресурсов и регулирования природопользования Алматинской области', 'Алматы облысының табиғи ресурстар және табиғат пайдалануды реттеу басқармасы', 'Department of Natural Resources and Environmental Management of Almaty Region'],
  ];
  for (const [key, ru, kk, en] of DEPTS) addOrg({ key, nameRu: ru, nameKk: kk, nameEn: en, kind: 'regional_department', level: 'region', adminUnitKato: R, parentKey: 'apparatus' });

  const settlementsByDistrict = new Map<string, Settlement[]>();
  const ruralOrgsByDistrict = new Map<string, string[]>();
  for (const g of GEO) {
    const u = unitByKato.get(g.kato)!;
    const key = `akimat.${g.kato}`;
    if (g.kind === 'city') {
      addOrg({ key, nameRu: `Акимат города ${u.nameRu}`, nameKk: `${u.nameKk} қаласының әкімдігі`, nameEn: `Akimat of ${u.nameEn} city`, kind: 'city_akimat', level: 'district', adminUnitKato: g.kato, parentKey: 'apparatus' });
    } else {
      addOrg({ key, nameRu: `Акимат ${ruDistrictGenitive(u.nameRu)} района`, nameKk: `${u.nameKk} ауданының әкімдігі`, nameEn: `Akimat of ${u.nameEn} district`, kind: 'district_akimat', level: 'district', adminUnitKato: g.kato, parentKey: 'apparatus' });
    }
    const settlements: Settlement[] = [{ kk: g.centre[0], ru: g.centre[1], town: g.centreIsTown, districtKato: g.kato, ruralOrgKey: null }];
    const ruralKeys: string[] = [];
    g.rural.forEach((rd, i) => {
      const rkey = `rural.${g.kato}.${i + 1}`;
      ruralKeys.push(rkey);
      addOrg({ key: rkey, nameRu: `Аппарат акима сельского округа ${rd.name[1]}`, nameKk: `${rd.name[0]} ауылдық округі әкімінің аппараты`, nameEn: `Office of the Akim of ${translit(rd.name[0])} rural district`, kind: 'rural_akimat', level: 'rural', adminUnitKato: g.kato, parentKey: key });
      for (const v of rd.villages) {
        if (v[0] === g.centre[0]) continue; // the district centre is already listed
        settlements.push({ kk: v[0], ru: v[1], town: false, districtKato: g.kato, ruralOrgKey: rkey });
      }
    });
    settlementsByDistrict.set(g.kato, settlements);
    ruralOrgsByDistrict.set(g.kato, ruralKeys);
  }
  addOrg({ key: 'police', nameRu: 'Департамент полиции Алматинской области', nameKk: 'Алматы облысының Полиция департаменті', nameEn: 'Police Department of Almaty Region', kind: 'state_body', level: 'region', adminUnitKato: R, parentKey: null });
  addOrg({ key: 'emergency', nameRu: 'Департамент по чрезвычайным ситуациям Алматинской области', nameKk: 'Алматы облысының Төтенше жағдайлар департаменті', nameEn: 'Emergency Situations Department of Almaty Region', kind: 'state_body', level: 'region', adminUnitKato: R, parentKey: null });

  // ── users
  const users: DemoUser[] = [];
  const emails = new Set<string>();
  const addUser = (key: string, position: string, orgKey: string, roles: Role[], female = rng.chance(0.5)) => {
    const p = makePerson(rng, female, rng.chance(0.1) ? 'ru' : 'kz');
    const base = `${p.latFirst[0]}.${p.latLast}`.toLowerCase().replace(/[^a-z.]/g, '');
    let email = `${base}@demo.baqylau.kz`;
    for (let n = 2; emails.has(email); n++) email = `${base}${n}@demo.baqylau.kz`;
    emails.add(email);
    users.push({ key, fullName: p.fullName, position, orgKey, roles, email });
    if (roles.includes('executor')) orgByKey.get(orgKey)!.executors.push(key);
    return key;
  };
  addUser('u.admin', 'Главный специалист (администратор системы)', 'monitoring', ['admin']);
  const HEAD = addUser('u.head', 'Руководитель отдела мониторинга рассмотрения обращений', 'monitoring', ['head']);
  const DEPUTY = addUser('u.deputy', 'Заместитель руководителя отдела мониторинга рассмотрения обращений', 'monitoring', ['deputy_head']);
  const SPECIALISTS = [1, 2, 3].map((i) => addUser(`u.spec${i}`, i === 1 ? 'Главный специалист (регистрация и контроль)' : 'Главный специалист', 'monitoring', ['specialist']));
  addUser('u.analyst', 'Главный специалист-аналитик', 'monitoring', ['analyst']);
  addUser('u.liaison', 'Ответственный за взаимодействие с Отделом по работе с обращениями Администрации Президента', 'monitoring', ['liaison']);
  addUser('u.auditor', 'Главный инспектор отдела контроля', 'control', ['auditor']);
  for (const o of orgs) {
    if (o.kind === 'regional_department') {
      addUser(`u.exec.${o.key}.1`, 'Руководитель отдела', o.key, ['executor']);
      addUser(`u.exec.${o.key}.2`, 'Главный специалист', o.key, ['executor']);
    } else if (o.kind === 'district_akimat' || o.kind === 'city_akimat') {
      addUser(`u.exec.${o.key}.1`, 'Руководитель отдела по работе с обращениями', o.key, ['executor']);
      addUser(`u.exec.${o.key}.2`, 'Главный специалист отдела ЖКХ', o.key, ['executor']);
    } else if (o.kind === 'rural_akimat') {
      addUser(`u.exec.${o.key}.1`, 'Главный специалист аппарата акима сельского округа', o.key, ['executor']);
    } else if (o.kind === 'state_body') {
      addUser(`u.exec.${o.key}.1`, 'Старший инспектор канцелярии', o.key, ['executor']);
    }
  }

  // ── applicants
  const applicants: DemoApplicant[] = [];
  const usedIds = new Set<string>();
  const applicantsByDistrict = new Map<string, DemoApplicant[]>();
  const originOf = new Map<string, 'kz' | 'ru' | 'uy' | 'other'>();

  const newIin = (female: boolean): string => {
    for (;;) {
      const year = rng.int(1945, 2006);
      const month = rng.int(1, 12);
      const day = rng.int(1, 28);
      const centuryDigit = year < 2000 ? (female ? 4 : 3) : female ? 6 : 5;
      const first11 = `${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}${centuryDigit}${pad(rng.int(0, 9999), 4)}`;
      const c = checkDigit(first11);
      if (c === null) continue;
      const iin = `${first11}${c}`;
      if (usedIds.has(iin)) continue;
      usedIds.add(iin);
      return iin;
    }
  };
  const newBin = (): string => {
    for (;;) {
      const first11 = `${pad(rng.int(5, 24), 2)}${pad(rng.int(1, 12), 2)}40${pad(rng.int(0, 99999), 5)}`;
      const c = checkDigit(first11);
      if (c === null) continue;
      const bin = `${first11}${c}`;
      if (usedIds.has(bin)) continue;
      usedIds.add(bin);
      return bin;
    }
  };
  const phone = () => `+7${rng.pick(PHONE_PREFIXES)}${pad(rng.int(0, 9_999_999), 7)}`;
  const addressOf = (s: Settlement, withFlat: boolean): string => {
    const u = unitByKato.get(s.districtKato)!;
    const g = GEO.find((x) => x.kato === s.districtKato)!;
    const street = rng.pick(STREETS)[1];
    const flat = withFlat ? `, кв. ${rng.int(1, 120)}` : '';
    const place = g.kind === 'city' && s.ruralOrgKey === null ? `г. ${s.ru}` : `${u.nameRu} район, ${s.town ? 'г.' : 'с.'} ${s.ru}`;
    const street2 = g.kind === 'city' && s.ruralOrgKey === null && rng.chance(0.5) ? `мкр. ${rng.int(1, 12)}, д. ${rng.int(1, 60)}` : `ул. ${street}, д. ${rng.int(1, 180)}`;
    return `Алматинская область, ${place}, ${street2}${flat}`;
  };
  let applicantSeq = 0;
  const newIndividual = (s: Settlement): DemoApplicant => {
    const female = rng.chance(0.52);
    const origin = s.districtKato === '196600000' && rng.chance(0.4) ? 'uy' : rng.weighted(['kz', 'ru', 'other'] as const, [86, 10, 4]);
    const p = makePerson(rng, female, origin);
    const a: DemoApplicant = {
      key: `P${pad(++applicantSeq, 6)}`,
      kind: 'individual',
      fullName: p.fullName,
      iin: newIin(female),
      address: addressOf(s, s.town && rng.chance(0.55)),
      adminUnitKato: s.districtKato,
    };
    if (rng.chance(0.9)) a.phone = phone();
    if (rng.chance(0.35)) a.email = `${p.latFirst}.${p.latLast}${rng.int(1, 99)}`.toLowerCase() + '@example.kz';
    applicants.push(a);
    originOf.set(a.key, origin);
    let list = applicantsByDistrict.get(s.districtKato);
    if (!list) applicantsByDistrict.set(s.districtKato, (list = []));
    list.push(a);
    return a;
  };
  const LEGAL_NAMES: [kind: string, names: string[]][] = [
    ['ТОО', ['Береке-Агро', 'Жетісу Құрылыс', 'Алатау Сервис', 'Іле Транс', 'Кеген Астық', 'Нұр Жол']],
    ['ОСИ', ['Самал-7', 'Достық 12', 'Қонаев 4', 'Жұлдыз', 'Шаңырақ-3']],
    ['СПК', ['Ынтымақ', 'Береке', 'Ақниет', 'Қайнар']],
    ['ОО', ['Совет ветеранов района', 'Ардагерлер кеңесі', 'Ауыл жастары']],
  ];
  const newLegal = (s: Settlement): DemoApplicant => {
    const [kind, names] = rng.pick(LEGAL_NAMES);
    const a: DemoApplicant = {
      key: `P${pad(++applicantSeq, 6)}`,
      kind: 'legal',
      organizationName: `${kind} «${rng.pick(names)}»`,
      bin: newBin(),
      phone: phone(),
      address: addressOf(s, false),
      adminUnitKato: s.districtKato,
    };
    if (rng.chance(0.6)) a.email = `info${rng.int(1, 999)}@example.kz`;
    applicants.push(a);
    return a;
  };

  // ── plan the receipts
  const concCounts = CONCENTRATIONS.map((c) => (total >= 100 ? Math.min(c.cap, Math.max(3, Math.round(total * c.share))) : 0));
  const background = total - concCounts.reduce((a, b) => a + b, 0);
  const channelTable = new Table(CHANNELS, CHANNEL_WEIGHTS);
  const plans: PlanItem[] = [];
  const span = endDay - startDay + 1;
  const timeOfDay = (channel: Channel, working: boolean): number => {
    if (channel === 'paper' || channel === 'mail') return 9 * 60 + rng.int(0, 8 * 60);
    if (channel === 'personal_reception') return rng.chance(0.6) ? 10 * 60 + rng.int(0, 150) : 15 * 60 + rng.int(0, 120);
    // electronic / eOtinish: any time from 07:00 to 23:30, most during the day
    const r = rng.next();
    if (r < (working ? 0.75 : 0.5)) return 9 * 60 + rng.int(0, 9 * 60);
    return rng.chance(0.5) ? 7 * 60 + rng.int(0, 120) : 18 * 60 + rng.int(0, 330);
  };
  for (let i = 0; i < background; i++) {
    let day = startDay;
    for (let tries = 0; tries < 50; tries++) {
      day = startDay + Math.floor(rng.next() * span);
      const trend = 0.85 + (0.3 * (day - startDay)) / span;
      const w = MONTH_WEIGHT[monthOf(day)] * trend * (cal.isWorking(day) ? 1 : 0.3);
      if (rng.next() * 1.45 < w) break;
    }
    let channel = channelTable.draw(rng);
    if (!cal.isWorking(day) && channel !== 'eotinish' && channel !== 'electronic') {
      const moved = cal.nextWorking(day);
      if (moved <= endDay) day = moved;
      else channel = 'eotinish';
    }
    let tod = timeOfDay(channel, cal.isWorking(day));
    if (day === endDay) tod = Math.min(tod, 16 * 60 + rng.int(0, 30));
    plans.push({ min: day * DAY_MIN + tod, channel, conc: -1, idx: plans.length });
  }
  const concWindows = CONCENTRATIONS.map((c) => {
    const from = Math.max(startDay, endDay - c.startsBeforeEnd);
    return { from, to: Math.min(endDay, from + 13), since: from - 1 - (c.key.length % 3) };
  });
  CONCENTRATIONS.forEach((c, ci) => {
    const w = concWindows[ci];
    for (let i = 0; i < concCounts[ci]; i++) {
      const day = w.from + Math.floor((w.to - w.from + 1) * Math.pow(rng.next(), 1.6));
      let channel = rng.weighted(['eotinish', 'electronic', 'paper', 'personal_reception'] as const, [70, 15, 10, 5]) as Channel;
      if (!cal.isWorking(day) && channel !== 'eotinish' && channel !== 'electronic') channel = 'eotinish';
      let tod = timeOfDay(channel, cal.isWorking(day));
      if (day === endDay) tod = Math.min(tod, 16 * 60 + rng.int(0, 30));
      plans.push({ min: day * DAY_MIN + tod, channel, conc: ci, idx: plans.length });
    }
  });
  plans.sort((a, b) => a.min - b.min || a.idx - b.idx);

  // ── template tables per (form, month, town)
  const tplTables = new Map<string, Table<number> | null>();
  const tplTable = (form: Form, month: number, town: boolean): Table<number> | null => {
    const k = `${form}|${month}|${town}`;
    let t = tplTables.get(k);
    if (t === undefined) {
      const idx: number[] = [];
      const ws: number[] = [];
      TEMPLATES.forEach((tp, i) => {
        if (!tp.forms.includes(form)) return;
        if (tp.where === 'town' && !town) return;
        if (tp.where === 'village' && town) return;
        idx.push(i);
        ws.push(tp.w * seasonFactor(tp.season, month));
      });
      t = idx.length ? new Table(idx, ws) : null;
      tplTables.set(k, t);
    }
    return t;
  };

  const districtTable = new Table(GEO.map((g) => g.kato), GEO.map((g) => DISTRICT_WEIGHT[g.kato] ?? 1));
  const formTable = new Table(FORMS, FORM_WEIGHTS);
  const pickSettlement = (districtKato: string): Settlement => {
    const list = settlementsByDistrict.get(districtKato)!;
    const g = GEO.find((x) => x.kato === districtKato)!;
    const centreShare = g.kind === 'city' ? 0.75 : g.centreIsTown ? 0.4 : 0.3;
    return rng.chance(centreShare) ? list[0] : rng.pick(list.slice(1));
  };
  const slotCtx = (s: Settlement, lang: Lang, recvDay: number): Ctx => {
    const street = rng.pick(STREETS);
    const ru = lang === 'ru';
    const year = new Date(recvDay * 86_400_000).getUTCFullYear();
    return {
      v: ru ? s.ru : s.kk,
      inv: ru ? (s.town ? `в г. ${s.ru}` : `в селе ${s.ru}`) : s.town ? `${s.kk} қаласында` : `${s.kk} ауылында`,
      ofv: ru ? (s.town ? `г. ${s.ru}` : `села ${s.ru}`) : s.town ? `${s.kk} қаласының` : `${s.kk} ауылының`,
      nomv: ru ? (s.town ? `г. ${s.ru}` : `село ${s.ru}`) : s.town ? `${s.kk} қаласы` : `${s.kk} ауылы`,
      accv: ru ? (s.town ? `г. ${s.ru}` : `село ${s.ru}`) : s.town ? `${s.kk} қаласын` : `${s.kk} ауылын`,
      st: ru ? street[1] : street[0],
      h: String(rng.int(1, 150)),
      apt: String(rng.int(1, 120)),
      d: String(rng.int(2, 20)),
      w: String(rng.int(2, 5)),
      m: String(rng.int(2, 11)),
      n: String(rng.int(2, 9)),
      n2: String(rng.int(1, 3)),
      fam: String(rng.int(6, 60)),
      sch: String(rng.int(1, 45)),
      r: String(rng.pick([3, 7, 12, 15, 21, 34, 101, 105, 118, 120])),
      age: String(rng.int(2, 6)),
      age8: String(rng.int(72, 91)),
      amt: money(rng.int(4, 18) * 500),
      amt2: money(rng.int(20, 60) * 1000),
      amt3: money(rng.int(10, 90) * 10_000),
      yr: String(year),
      yrp: String(year - 1),
      yrq: String(rng.int(2008, year - 2)),
    };
  };

  // ── lifecycle
  const work = () => 9 * 60 + rng.int(0, 8 * 60 + 20);
  const executorOf = (orgKey: string) => rng.pick(orgByKey.get(orgKey)!.executors);

  interface Life { steps: DemoStep[]; closeMin: number | null }
  /** Builds a timeline from drafts at (minute) and truncates at the limit; keeps times strictly increasing. */
  class Timeline {
    steps: DemoStep[] = [];
    last: number;
    stopped = false;
    constructor(start: number) {
      this.last = start;
    }
    /** Minute for an event on `day` at a working hour, strictly after the previous event. */
    at(day: number, minute = work()): number {
      let t = day * DAY_MIN + minute;
      if (t <= this.last) t = this.last + rng.int(4, 45);
      return t;
    }
    push(t: number, draft: DistributiveOmit<DemoStep, 'at'>): boolean {
      if (this.stopped || t > limit) {
        this.stopped = true;
        return false;
      }
      this.last = t;
      this.steps.push({ at: fmtInstant(t), ...draft } as DemoStep);
      return true;
    }
    get lastDay(): number {
      return Math.floor(this.last / DAY_MIN);
    }
  }

  const pickReasons = (late: boolean): ReviewReason[] => {
    const r: ReviewReason[] = [rng.weighted(['formal_reply', 'not_on_merits', 'no_legal_basis', 'other'] as const, [45, 30, 15, 10])];
    if (rng.chance(0.25)) {
      const second = rng.pick(['formal_reply', 'not_on_merits', 'no_legal_basis'] as const);
      if (!r.includes(second)) r.push(second);
    }
    if (late) r.push('late');
    return r;
  };

  interface LifeOptions {
    recvMin: number;
    specialist: string;
    lead: string;
    coExec: string | null;
    topic: string;
    lang: Lang;
    onControl: boolean;
    mode: 'normal' | 'late' | 'extended' | 'stuck';
    returnP: number;
    decisionWeights?: number[];
  }
  const normalLife = (o: LifeOptions): Life => {
    const recvDay = Math.floor(o.recvMin / DAY_MIN);
    const regDay = cal.isWorking(recvDay) && o.recvMin % DAY_MIN < 18 * 60 ? recvDay : cal.nextWorking(recvDay);
    const tl = new Timeline(o.recvMin);
    const assignDay = rng.chance(0.85) ? regDay : cal.nextWorking(regDay);
    tl.push(tl.at(assignDay), { actor: o.specialist, action: 'assign', orgKey: o.lead, role: 'lead' });
    if (o.coExec) tl.push(tl.at(tl.lastDay, (tl.last % DAY_MIN) + rng.int(1, 10)), { actor: o.specialist, action: 'assign', orgKey: o.coExec, role: 'co_executor' });
    if (o.onControl) tl.push(tl.at(cal.addWorking(tl.lastDay, rng.int(0, 2))), { actor: rng.chance(0.85) ? HEAD : DEPUTY, action: 'take_on_control' });
    const leadExec = executorOf(o.lead);
    if (o.mode === 'stuck' && rng.chance(0.3)) return { steps: tl.steps, closeMin: null };
    tl.push(tl.at(cal.addWorking(assignDay, rng.weighted([0, 1, 2], [50, 35, 15]))), { actor: leadExec, action: 'start_work' });
    if (o.mode === 'stuck') return { steps: tl.steps, closeMin: null };

    let respDay: number;
    if (o.mode === 'extended') {
      const extDay = cal.addWorking(regDay, rng.int(8, 13));
      const maxDue = cal.onOrBefore(addMonths(recvDay, 2));
      const newDue = Math.min(maxDue, cal.addWorking(regDay, rng.int(25, 38)));
      tl.push(tl.at(Math.max(extDay, tl.lastDay)), { actor: rng.chance(0.6) ? HEAD : DEPUTY, action: 'extend', newDueDate: fmtDay(cal.onOrBefore(newDue)), reason: rng.pick(EXTEND_REASONS) });
      let d = cal.addWorking(regDay, 17);
      const room: number[] = [];
      while (d < newDue) {
        room.push(d);
        d = cal.nextWorking(d);
      }
      respDay = room.length ? rng.pick(room) : cal.addWorking(regDay, 16);
    } else if (o.mode === 'late') {
      respDay = cal.addWorking(regDay, rng.int(17, 26));
    } else {
      respDay = cal.addWorking(regDay, rng.weighted([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], [3, 5, 8, 10, 11, 11, 10, 9, 7, 5, 4]));
    }
    const decision = rng.weighted<Decision>(['satisfied', 'partly_satisfied', 'refused', 'explained'], o.decisionWeights ?? [30, 17, 8, 45]);
    if (!tl.push(tl.at(Math.max(respDay, tl.lastDay)), { actor: leadExec, action: 'respond', orgKey: o.lead, text: responseText(rng, o.lang, o.topic, decision, recvDay, false), decision })) {
      return { steps: tl.steps, closeMin: null };
    }
    let rounds = 0;
    let late = o.mode === 'late';
    for (;;) {
      const reviewDay = cal.addWorking(tl.lastDay, rng.weighted([0, 1, 2, 3], [20, 50, 20, 10]));
      const returned = rounds < 2 && rng.chance(rounds === 0 ? (late ? o.returnP * 2.5 : o.returnP) : 0.12);
      if (returned) {
        const reasons = pickReasons(late && rounds === 0);
        const comment = reasons.map((r) => rng.pick(RETURN_COMMENTS[r])).join(' ');
        if (!tl.push(tl.at(reviewDay), { actor: o.specialist, action: 'review', verdict: 'returned', reasons, comment })) return { steps: tl.steps, closeMin: null };
        rounds++;
        late = false;
        tl.push(tl.at(cal.addWorking(tl.lastDay, rng.int(0, 1))), { actor: leadExec, action: 'start_work' });
        const again = rng.weighted<Decision>(['satisfied', 'partly_satisfied', 'refused', 'explained'], [30, 30, 5, 35]);
        if (!tl.push(tl.at(cal.addWorking(tl.lastDay, rng.int(2, 7))), { actor: leadExec, action: 'respond', orgKey: o.lead, text: responseText(rng, o.lang, o.topic, again, recvDay, true), decision: again })) {
          return { steps: tl.steps, closeMin: null };
        }
        continue;
      }
      if (!tl.push(tl.at(reviewDay), { actor: o.specialist, action: 'review', verdict: 'accepted' })) return { steps: tl.steps, closeMin: null };
      break;
    }
    const closeAt = rng.chance(0.6) ? tl.at(tl.lastDay, (tl.last % DAY_MIN) + rng.int(10, 90)) : tl.at(cal.nextWorking(tl.lastDay));
    if (!tl.push(closeAt, { actor: o.specialist, action: 'close' })) return { steps: tl.steps, closeMin: null };
    return { steps: tl.steps, closeMin: closeAt };
  };

  const routeLead = (topic: string, s: Settlement): { lead: string; coExec: string | null } => {
    const top = topic.split('.')[0];
    const akimat = `akimat.${s.districtKato}`;
    const dept = DEPT_BY_TOPIC[top] ?? 'dept.social';
    let lead: string;
    if (s.ruralOrgKey && RURAL_TOPICS.has(top) && rng.chance(0.3)) lead = s.ruralOrgKey;
    else if (rng.chance(DEPT_SHARE[top] ?? 0.2)) lead = dept;
    else lead = akimat;
    let coExec: string | null = null;
    if (rng.chance(0.1)) coExec = lead === dept ? akimat : dept;
    return { lead, coExec };
  };

  // ── appeals
  const appeals: DemoAppeal[] = [];
  const pool: PoolEntry[] = [];
  const width = Math.max(5, String(total).length);
  const concAppealKeys: string[][] = CONCENTRATIONS.map(() => []);
  const lifeMode = (): LifeOptions['mode'] => rng.weighted(['normal', 'late', 'extended', 'stuck'] as const, [83.5, 8, 2.5, 6]);

  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i];
    const key = `A${pad(i + 1, width)}`;
    const recvDay = Math.floor(plan.min / DAY_MIN);
    const month = monthOf(recvDay);
    const specialist = rng.pick(SPECIALISTS);
    const receivedAt = fmtInstant(plan.min);

    if (plan.conc >= 0) {
      const c = CONCENTRATIONS[plan.conc];
      const w = concWindows[plan.conc];
      const rural = ruralOrgsByDistrict.get(c.districtKato)![c.ruralIndex];
      const s: Settlement = settlementsByDistrict.get(c.districtKato)!.find((x) => x.kk === c.village[0]) ?? { kk: c.village[0], ru: c.village[1], town: false, districtKato: c.districtKato, ruralOrgKey: rural };
      const lang: Lang = rng.chance(c.kkShare) ? 'kk' : 'ru';
      const L = lang === 'kk' ? c.kk : c.ru;
      const ctx = slotCtx(s, lang, recvDay);
      ctx.d = String(Math.max(2, recvDay - w.since + rng.int(0, 2)));
      ctx.since = lang === 'kk' ? kkDateFrom(w.since) : ruDate(w.since);
      const campaign = L.campaign.length > 0 && rng.chance(0.3);
      let text: string;
      if (campaign) text = fill(rng.pick(L.campaign), ctx);
      else {
        // the story's own wording, dressed like any other appeal: an opener, details of the topic, a request
        const related = TEMPLATES.find((tp) => tp.topic === c.topic);
        const main = fill(rng.pick(L.texts), ctx);
        const greets = /^(Здравствуйте|Уважаем|Сәлеметсіз|Құрметті)/.test(main);
        const parts = [!greets && rng.chance(0.5) ? rng.pick(lang === 'kk' ? KK_OPEN : RU_OPEN) : '', main];
        if (related) for (const d of rng.sample((lang === 'kk' ? related.kk : related.ru)[2], rng.weighted([0, 1, 2], [40, 45, 15]))) parts.push(capitalise(fill(d, ctx)));
        if (rng.chance(0.6)) parts.push(rng.pick((lang === 'kk' ? KK_ASK : RU_ASK).application));
        text = parts.filter(Boolean).join(' ');
      }
      if (campaign && rng.chance(0.5)) text += lang === 'kk' ? ` Мекенжайым: ${ctx.st} көшесі, ${ctx.h}.` : ` Проживаю по ул. ${ctx.st}, ${ctx.h}.`;
      const app = newIndividual(s);
      const appealApplicants = [app.key];
      let signatoriesCount: number | undefined;
      if (campaign && rng.chance(0.2)) signatoriesCount = rng.int(40, 220);
      else if (rng.chance(0.06)) {
        for (let k = rng.int(1, 3); k > 0; k--) appealApplicants.push(newIndividual(s).key);
      }
      const akimat = `akimat.${c.districtKato}`;
      const lead = c.topic.startsWith('ROADS') ? 'dept.roads' : akimat;
      const coExec = c.topic.startsWith('ROADS') ? akimat : rng.chance(0.5) ? 'dept.energy' : rural;
      const life = normalLife({ recvMin: plan.min, specialist, lead, coExec, topic: c.topic, lang, onControl: rng.chance(0.3), mode: rng.weighted(['normal', 'late', 'stuck'] as const, [80, 12, 8]), returnP: 0.25, decisionWeights: [15, 30, 5, 50] });
      const a: DemoAppeal = {
        key, form: rng.chance(0.45) ? 'complaint' : 'application', channel: plan.channel, receivedAt, language: lang,
        text: capitalise(text), summary: fill(rng.pick(L.summaries), ctx), adminUnitKato: c.districtKato,
        addresseeOrgKey: rng.chance(0.85) ? 'apparatus' : akimat, applicantKeys: appealApplicants, topicCode: c.topic,
        registeredBy: specialist, steps: life.steps, concentration: c.key,
      };
      if (signatoriesCount) a.signatoriesCount = signatoriesCount;
      appeals.push(a);
      concAppealKeys[plan.conc].push(key);
      continue;
    }

    const roll = rng.next();
    const kind: 'out_of_scope' | 'forward' | 'anonymous' | 'no_essence' | 'withdrawn' | 'repeat' | 'normal' =
      roll < 0.01 ? 'out_of_scope'
      : roll < 0.04 ? 'forward'
      : roll < 0.052 ? 'anonymous'
      : roll < 0.06 ? 'no_essence'
      : roll < 0.07 ? 'withdrawn'
      : roll < 0.11 ? 'repeat'
      : 'normal';

    // Repeated appeal: same applicant, same topic, after the earlier one was closed.
    if (kind === 'repeat') {
      let prev: PoolEntry | undefined;
      for (let t = 0; t < 25 && pool.length; t++) {
        const cand = pool[pool.length - 1 - Math.floor(Math.pow(rng.next(), 0.7) * pool.length)];
        if (cand.closeMin < plan.min - DAY_MIN) {
          prev = cand;
          break;
        }
      }
      if (prev) {
        const tp = TEMPLATES[prev.tpl];
        const lang = prev.lang;
        const ctx = slotCtx(prev.settlement, lang, recvDay);
        const T = lang === 'kk' ? tp.kk : tp.ru;
        const prefix = lang === 'kk'
          ? rng.pick(['Бұрын жауап алған мәселе бойынша қайта жүгінемін, мәселе шешілген жоқ.', `${prev.key} өтінішіме берілген жауаппен келіспеймін.`])
          : rng.pick(['Повторно обращаюсь по вопросу, по которому ранее получил ответ. Проблема не решена.', `Не согласен с ответом на моё обращение ${prev.key}.`]);
        const mainIdx = rng.int(0, T[1].length - 1);
        const text = `${prefix} ${capitalise(fill(T[1][mainIdx], ctx))} ${capitalise(fill(rng.pick(T[2]), ctx))} ${rng.pick((lang === 'kk' ? KK_ASK : RU_ASK).complaint)}`;
        const leaveIt = rng.chance(0.3);
        let steps: DemoStep[];
        if (leaveIt) {
          const tl = new Timeline(plan.min);
          const regDay = cal.onOrAfter(recvDay);
          tl.push(tl.at(cal.addWorking(regDay, rng.int(0, 2))), { actor: specialist, action: 'leave', reason: 'repeated_without_new_arguments', comment: `Доводы аналогичны обращению ${prev.key}, новых доводов не приведено.` });
          steps = tl.steps;
        } else {
          const { lead, coExec } = routeLead(prev.topic, prev.settlement);
          steps = normalLife({ recvMin: plan.min, specialist, lead, coExec, topic: prev.topic, lang, onControl: rng.chance(0.2), mode: lifeMode(), returnP: 0.25 }).steps;
        }
        appeals.push({
          key, form: 'complaint', channel: plan.channel, receivedAt, language: lang, text, summary: capitalise(fill(T[0][mainIdx % T[0].length], ctx)),
          adminUnitKato: prev.settlement.districtKato, addresseeOrgKey: 'apparatus', applicantKeys: [prev.applicantKey], repeatOfKey: prev.key,
          topicCode: prev.topic, registeredBy: specialist, steps,
        });
        continue;
      }
    }

    const districtKato = districtTable.draw(rng);
    const s = pickSettlement(districtKato);
    const anonymous = kind === 'anonymous';
    const legal = !anonymous && rng.chance(0.04);
    let applicant: DemoApplicant | null = null;
    if (!anonymous) {
      const existing = applicantsByDistrict.get(districtKato);
      applicant = legal ? newLegal(s) : existing && existing.length > 5 && rng.chance(0.15) ? rng.pick(existing) : newIndividual(s);
    }
    const origin = applicant ? originOf.get(applicant.key) ?? 'kz' : 'kz';
    const lang: Lang = origin === 'kz' ? (rng.chance(0.47) ? 'kk' : 'ru') : origin === 'uy' ? (rng.chance(0.2) ? 'kk' : 'ru') : 'ru';
    const ctx = slotCtx(s, lang, recvDay);
    const R2 = lang === 'kk';
    const regDay = cal.isWorking(recvDay) && plan.min % DAY_MIN < 18 * 60 ? recvDay : cal.nextWorking(recvDay);

    const base = {
      key, channel: plan.channel, receivedAt, language: lang, adminUnitKato: districtKato, registeredBy: specialist,
      addresseeOrgKey: 'apparatus', applicantKeys: applicant ? [applicant.key] : [],
    };

    if (kind === 'out_of_scope' || kind === 'forward' || kind === 'no_essence') {
      const tl = new Timeline(plan.min);
      let a: DemoAppeal;
      if (kind === 'out_of_scope') {
        const t = rng.pick(OUT_OF_SCOPE_TPLS);
        const [summary, text] = R2 ? t.kk : t.ru;
        tl.push(tl.at(cal.addWorking(regDay, rng.int(0, 1))), { actor: specialist, action: 'leave', reason: 'out_of_scope', comment: OUT_OF_SCOPE_COMMENT[t.kind] });
        a = { ...base, form: 'application', text: capitalise(fill(text, ctx)), summary: capitalise(fill(summary, ctx)), topicCode: t.topic, outOfScope: t.kind, steps: tl.steps };
      } else if (kind === 'forward') {
        const t = rng.weighted(FORWARD_TPLS, [3, 3, 2, 1]);
        const [summary, text] = R2 ? t.kk : t.ru;
        tl.push(tl.at(cal.addWorking(regDay, rng.weighted([0, 1, 2], [40, 45, 15]))), { actor: specialist, action: 'forward', toBody: orgByKey.get(t.to)!.nameRu, reason: t.to === 'police' ? 'Вопрос относится к компетенции органов внутренних дел (ст. 65 АППК РК).' : 'Вопрос относится к компетенции органов по чрезвычайным ситуациям (ст. 65 АППК РК).' });
        a = { ...base, form: t.to === 'police' ? 'complaint' : 'report', text: capitalise(fill(text, ctx)), summary: capitalise(fill(summary, ctx)), topicCode: t.topic, steps: tl.steps };
      } else {
        const t = rng.pick(NO_ESSENCE_TPLS);
        const [summary, text] = R2 ? t.kk : t.ru;
        tl.push(tl.at(cal.addWorking(regDay, rng.int(0, 2))), { actor: specialist, action: 'leave', reason: 'no_essence', comment: 'Обращение не содержит сути вопроса (ст. 63 АППК РК).' });
        a = { ...base, form: 'complaint', text, summary, topicCode: t.topic, steps: tl.steps };
      }
      appeals.push(a);
      continue;
    }

    const form = formTable.draw(rng);
    const table = tplTable(form, month, s.town) ?? tplTable('application', month, s.town)!;
    const tplIdx = table.draw(rng);
    const tp = TEMPLATES[tplIdx];
    const T = R2 ? tp.kk : tp.ru;
    const effectiveForm: Form = tp.forms.includes(form) ? form : tp.forms[0];
    const mainIdx = rng.int(0, T[1].length - 1);
    const parts = [rng.pick(R2 ? KK_OPEN : RU_OPEN), capitalise(fill(T[1][mainIdx], ctx))];
    const details = rng.sample(T[2], rng.weighted([0, 1, 2], [25, 50, 25]));
    for (const d of details) parts.push(capitalise(fill(d, ctx)));
    parts.push(rng.pick((R2 ? KK_ASK : RU_ASK)[effectiveForm]));
    const text = parts.filter(Boolean).join(' ');
    const summary = capitalise(fill(T[0][mainIdx % T[0].length], ctx));

    const addressee = rng.weighted(['apparatus', `akimat.${districtKato}`, DEPT_BY_TOPIC[tp.topic.split('.')[0]] ?? 'dept.social'], [75, 20, 5]);
    const a: DemoAppeal = { ...base, addresseeOrgKey: addressee, form: effectiveForm, text, summary, topicCode: tp.topic, steps: [] };
    if (anonymous) a.anonymous = true;

    if (kind === 'anonymous' || kind === 'withdrawn') {
      const tl = new Timeline(plan.min);
      if (kind === 'anonymous') {
        tl.push(tl.at(cal.addWorking(regDay, rng.int(0, 2))), { actor: specialist, action: 'leave', reason: 'anonymous', comment: 'Анонимное обращение, не содержит сведений о преступлении или угрозе безопасности.' });
      } else {
        tl.push(tl.at(cal.addWorking(regDay, rng.int(0, 3))), { actor: specialist, action: 'leave', reason: 'withdrawn', comment: 'Заявитель отозвал обращение письменным заявлением.' });
      }
      a.steps = tl.steps;
      appeals.push(a);
      continue;
    }

    // Collective appeals.
    if (applicant && applicant.kind === 'individual' && rng.chance(0.03)) {
      if (rng.chance(0.5)) a.signatoriesCount = rng.int(20, 300);
      else for (let k = rng.int(1, 4); k > 0; k--) a.applicantKeys.push(newIndividual(s).key);
    }
    const { lead, coExec } = routeLead(tp.topic, s);
    const life = normalLife({ recvMin: plan.min, specialist, lead, coExec, topic: tp.topic, lang, onControl: rng.chance(0.045), mode: lifeMode(), returnP: 0.15 });
    a.steps = life.steps;
    appeals.push(a);
    if (life.closeMin !== null && applicant && applicant.kind === 'individual' && a.applicantKeys.length === 1 && !a.signatoriesCount) {
      pool.push({ key, closeMin: life.closeMin, applicantKey: applicant.key, topic: tp.topic, tpl: tplIdx, settlement: s, lang });
    }
  }

  for (const a of appeals) {
    if (a.language !== 'ru') continue;
    a.text = ruAgree(a.text);
    a.summary = ruAgree(a.summary);
  }

  // ── concentrations
  const concentrations: DemoConcentration[] = [];
  CONCENTRATIONS.forEach((c, ci) => {
    if (!concCounts[ci]) return;
    concentrations.push({
      key: c.key, topicCode: c.topic, adminUnitKato: c.districtKato, village: c.village[1],
      from: fmtDay(concWindows[ci].from), to: fmtDay(concWindows[ci].to), appeals: concAppealKeys[ci].length, description: c.description,
    });
  });

  const instructions = buildInstructions({ rng, cal, limit, startDay, endDay, appeals, concentrations, concAppealKeys, specialists: SPECIALISTS, head: HEAD, deputy: DEPUTY, executorOf, orgByKey });

  const organizations: DemoOrg[] = orgs.map(({ executors: _executors, ...o }) => o);
  // Issue 6 extras draw from their own generator, so the rest of the world stays what it was for a given seed.
  const extras = buildExtras({ rng: new Rng(seed ^ 0x6a09e667), appealCount: appeals.length, cal, limit, endDay, users, orgByKey, applicants, instructions, concentrations, specialists: SPECIALISTS, head: HEAD, deputy: DEPUTY, executorOf });
  return { regionKato: DEMO_REGION_KATO, organizations, users, applicants, appeals, instructions, concentrations, extras };
}

const EXTEND_REASONS = [
  'Требуется комиссионное обследование с выездом на место и проведением замеров.',
  'Необходимо получение заключения уполномоченного органа.',
  'Требуется проведение экспертизы и запрос документов у сторонних организаций.',
  'Вопрос требует согласования с собственником сетей и подрядной организацией.',
];
const OUT_OF_SCOPE_COMMENT: Record<'administrative_offence' | 'criminal' | 'civil', string> = {
  administrative_offence: 'Вопрос рассматривается в порядке производства по делам об административных правонарушениях; заявителю разъяснено право обратиться в органы полиции.',
  criminal: 'Вопрос рассматривается в порядке уголовно-процессуального законодательства; заявителю разъяснено право обратиться в правоохранительные органы.',
  civil: 'Спор подлежит рассмотрению в порядке гражданского судопроизводства; заявителю разъяснено право обратиться в суд.',
};

// ───────────────────────────── instructions ─────────────────────────────

interface InstructionCtx {
  rng: Rng;
  cal: Calendar;
  limit: number;
  startDay: number;
  endDay: number;
  appeals: DemoAppeal[];
  concentrations: DemoConcentration[];
  concAppealKeys: string[][];
  specialists: string[];
  head: string;
  deputy: string;
  executorOf: (orgKey: string) => string;
  orgByKey: Map<string, DemoOrg>;
}

interface InstructionPlan {
  source: DemoInstruction['source'];
  number: string;
  text: string;
  issuedDay: number;
  dueWd: number;
  assignees: string[];
  appealKeys: string[];
  /** What happens: reports flow; a final report returned once; an extension; removal from control. */
  story: 'executed' | 'returned_then_executed' | 'extended_then_executed' | 'removed' | 'interim_only';
}

function buildInstructions(x: InstructionCtx): DemoInstruction[] {
  const { rng, cal, limit, startDay, endDay } = x;
  const plans: InstructionPlan[] = [];
  const seq: Record<string, number> = {};
  const number = (source: DemoInstruction['source']): string => {
    const n = (seq[source] = (seq[source] ?? 0) + 1);
    const base = 100 + n * 37 + rng.int(0, 30);
    switch (source) {
      case 'president': return `№ 24-${pad(3000 + base, 4)}`;
      case 'state_adviser': return `№ 12-14-${pad(base, 4)}`;
      case 'pa_leadership': return `№ 01-2-${pad(base, 3)}`;
      case 'pa_appeals_department': return `№ АП-ОБ-${pad(2000 + base, 4)}`;
      case 'akim': return `№ 01-28/${base}`;
      case 'deputy_akim': return `№ 02-15/${base}`;
      case 'personal_reception': return `№ ЛП-${base}`;
    }
  };
  const workingDayBefore = (d: number) => cal.onOrBefore(Math.max(startDay, Math.min(d, endDay)));
  const byKey = new Map(x.appeals.map((a) => [a.key, a]));
  const receivedDay = (k: string) => Math.floor(Date.parse(byKey.get(k)!.receivedAt) / 60_000 / DAY_MIN + 5 / 24);

  // 1) one instruction per concentration (akim / deputy akim), plus one from the PA appeals department on the first.
  x.concentrations.forEach((c, ci) => {
    const w0 = Date.UTC(Number(c.from.slice(0, 4)), Number(c.from.slice(5, 7)) - 1, Number(c.from.slice(8, 10))) / 86_400_000;
    const issuedDay = cal.onOrAfter(w0 + 4);
    const linked = x.concAppealKeys[ci].filter((k) => receivedDay(k) < issuedDay).slice(0, 30);
    const district = c.adminUnitKato;
    const assignees = c.topicCode.startsWith('ROADS') ? ['dept.roads', `akimat.${district}`] : [`akimat.${district}`, 'dept.energy'];
    const what: Record<string, string> = {
      WATER: `Принять исчерпывающие меры по восстановлению водоснабжения с. ${c.village}, организовать подвоз питьевой воды до завершения ремонта. Информацию представить в установленный срок.`,
      GAS: `Совместно с газотранспортной организацией обеспечить нормативное давление газа в с. ${c.village}, рассмотреть строительство дополнительного ГРП. Информацию представить в установленный срок.`,
      ROADS: `Рассмотреть вопрос восстановления пригородного маршрута №112 ${c.village} — Алматы, при необходимости объявить конкурс на перевозчика. Проинформировать население.`,
      ELECTRICITY: `Обеспечить замену трансформаторной подстанции в с. ${c.village} и возмещение ущерба жителям в установленном порядке.`,
    };
    plans.push({
      source: ci % 2 === 0 ? 'akim' : 'deputy_akim', number: '', text: what[c.topicCode.split('.')[0]] ?? `Рассмотреть коллективные обращения жителей с. ${c.village}.`,
      issuedDay, dueWd: 10, assignees, appealKeys: linked,
      story: ci === 0 ? 'returned_then_executed' : ci === 2 ? 'extended_then_executed' : ci === 1 ? 'interim_only' : 'executed',
    });
    if (ci === 0) {
      plans.push({
        source: 'pa_appeals_department', number: '', text: `О ходе рассмотрения коллективных обращений жителей с. ${c.village} по вопросу отсутствия питьевой воды. Обеспечить рассмотрение по существу и информировать заявителей.`,
        issuedDay: cal.nextWorking(cal.nextWorking(issuedDay)), dueWd: 10, assignees: ['akimat.' + district], appealKeys: linked.slice(0, 10), story: 'executed',
      });
    }
  });

  // 2) instructions from the President, the State Adviser and the PA leadership (linked to a few appeals on the subject).
  const pickAppeals = (prefix: string, before: number, k: number) =>
    x.appeals.filter((a) => a.topicCode.startsWith(prefix) && !a.concentration && receivedDay(a.key) < before).slice(-k * 3).filter((_, i) => i % 3 === 0).slice(0, k).map((a) => a.key);
  const d1 = workingDayBefore(endDay - 250);
  plans.push({ source: 'president', number: '', text: 'Обеспечить доступ сельского населения к качественной питьевой воде, принять меры по завершению строительства и реконструкции водопроводных сетей в сельских населённых пунктах.', issuedDay: d1, dueWd: 40, assignees: ['dept.energy', 'akimat.194000000', 'akimat.196800000'], appealKeys: pickAppeals('WATER', d1, 3), story: 'executed' });
  const d2 = workingDayBefore(endDay - 190);
  plans.push({ source: 'state_adviser', number: '', text: 'Представить информацию о ходе газификации населённых пунктов области и мерах по обеспечению давления газа в осенне-зимний период.', issuedDay: d2, dueWd: 20, assignees: ['dept.energy'], appealKeys: pickAppeals('GAS', d2, 3), story: 'returned_then_executed' });
  const d3 = workingDayBefore(endDay - 150);
  plans.push({ source: 'pa_leadership', number: '', text: 'Проанализировать обращения граждан по вопросам предоставления мест в детских садах и принять меры по сокращению очереди.', issuedDay: d3, dueWd: 15, assignees: ['dept.education'], appealKeys: pickAppeals('EDUCATION.KINDERGARTEN', d3, 4), story: 'executed' });

  // 3) the akim's and deputies' own instructions.
  const d4 = workingDayBefore(endDay - 100);
  plans.push({ source: 'akim', number: '', text: 'Обеспечить готовность объектов теплоснабжения и котельных социальных объектов к отопительному сезону.', issuedDay: d4, dueWd: 30, assignees: ['dept.energy', 'akimat.191000000', 'akimat.195200000'], appealKeys: pickAppeals('HEATING', d4, 3), story: 'executed' });
  const d5 = workingDayBefore(endDay - 200);
  plans.push({ source: 'akim', number: '', text: 'Организовать отлов безнадзорных животных в населённых пунктах районов и обеспечить работу пунктов временного содержания.', issuedDay: d5, dueWd: 20, assignees: ['akimat.194000000', 'akimat.196200000'], appealKeys: pickAppeals('ECOLOGY.STRAY', d5, 2), story: 'removed' });
  const d6 = workingDayBefore(endDay - 60);
  plans.push({ source: 'akim', number: '', text: 'Провести выездные проверки качества ответов на обращения граждан в акиматах сельских округов.', issuedDay: d6, dueWd: 15, assignees: ['akimat.196800000', 'akimat.194200000'], appealKeys: [], story: 'returned_then_executed' });
  const d7 = workingDayBefore(endDay - 130);
  plans.push({ source: 'deputy_akim', number: '', text: 'Обеспечить подвоз учащихся к школам из отдалённых сёл к началу учебного года.', issuedDay: d7, dueWd: 20, assignees: ['dept.education', 'akimat.195800000'], appealKeys: pickAppeals('EDUCATION.SCHOOL_TRANSPORT', d7, 2), story: 'executed' });
  const d8 = workingDayBefore(endDay - 30);
  plans.push({ source: 'deputy_akim', number: '', text: 'Завершить ямочный ремонт дорог районного значения до наступления холодов.', issuedDay: d8, dueWd: 25, assignees: ['dept.roads'], appealKeys: pickAppeals('ROADS.REPAIR', d8, 3), story: 'interim_only' });

  // 4) instructions given at personal receptions, each on the appeal brought to it.
  const receptionAppeals = x.appeals.filter((a) => a.channel === 'personal_reception' && !a.concentration && a.steps.some((s) => s.action === 'assign'));
  const chosen = rng.sample(receptionAppeals, Math.min(6, receptionAppeals.length)).sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const a of chosen) {
    const assign = a.steps.find((s) => s.action === 'assign');
    const lead = assign && assign.action === 'assign' ? assign.orgKey : `akimat.${a.adminUnitKato}`;
    plans.push({
      source: 'personal_reception', number: '', text: `По итогам личного приёма акима области: рассмотреть вопрос заявителя («${a.summary}») с выездом на место и дать ответ по существу.`,
      issuedDay: cal.onOrAfter(receivedDay(a.key)), dueWd: 15, assignees: [lead], appealKeys: [a.key], story: rng.pick(['executed', 'executed', 'returned_then_executed']),
    });
  }

  plans.sort((a, b) => a.issuedDay - b.issuedDay);
  const out: DemoInstruction[] = [];
  plans.forEach((p, i) => {
    const issuedMin = p.issuedDay * DAY_MIN + 10 * 60 + rng.int(0, 6 * 60);
    if (issuedMin > limit || p.issuedDay < startDay) return;
    const due = cal.addWorking(p.issuedDay, p.dueWd);
    const steps: DemoInstructionStep[] = [];
    let last = issuedMin;
    let stopped = false;
    const push = (day: number, s: DistributiveOmit<DemoInstructionStep, 'at'>) => {
      let t = day * DAY_MIN + 9 * 60 + rng.int(0, 8 * 60);
      if (t <= last) t = last + rng.int(5, 60);
      if (stopped || t > limit) {
        stopped = true;
        return;
      }
      last = t;
      steps.push({ at: fmtInstant(t), ...s } as DemoInstructionStep);
    };
    const reviewer = () => (rng.chance(0.75) ? rng.pick(x.specialists) : x.head);
    const lastDay = () => Math.floor(last / DAY_MIN);
    const reportText = (kind: 'interim' | 'final', org: string) =>
      kind === 'interim'
        ? `Промежуточная информация (${x.orgByKey.get(org)?.nameRu ?? org}): работы начаты, выполнено около ${rng.int(30, 70)}% мероприятий, завершение планируется в установленный срок.`
        : `${p.assignees.length > 1 ? 'Сводная итоговая информация' : 'Итоговая информация'} (${x.orgByKey.get(org)?.nameRu ?? org}): мероприятия выполнены, заявители проинформированы, подтверждающие материалы прилагаются.`;
    const midDay = cal.addWorking(p.issuedDay, Math.max(2, Math.floor(p.dueWd / 2)));
    let dueDate = due;
    for (const org of p.assignees) {
      push(Math.max(midDay, lastDay()), { actor: x.executorOf(org), action: 'report', orgKey: org, kind: 'interim', text: reportText('interim', org) });
      push(cal.addWorking(lastDay(), rng.int(0, 2)), { actor: reviewer(), action: 'review_report', verdict: 'accepted' });
    }
    if (p.story === 'removed') {
      push(cal.addWorking(lastDay(), rng.int(1, 4)), { actor: x.head, action: 'remove_from_control', reason: 'Снято с контроля: мероприятия включены в план работ на следующий год, дальнейший контроль — в рамках плана.' });
    } else if (p.story !== 'interim_only') {
      if (p.story === 'extended_then_executed') {
        dueDate = cal.addWorking(due, 10);
        push(Math.max(lastDay(), cal.onOrBefore(due - 2)), { actor: rng.chance(0.5) ? x.head : x.deputy, action: 'extend', newDueDate: fmtDay(dueDate), reason: 'Требуется время на проведение конкурса и заключение договора с перевозчиком.' });
      }
      const finalBy = p.story === 'extended_then_executed' ? dueDate : due;
      // One consolidated final report from the lead assignee (the others report interim): accepting it executes the instruction.
      for (const [j, org] of p.assignees.slice(0, 1).entries()) {
        push(Math.max(lastDay(), cal.onOrBefore(finalBy - rng.int(1, 4))), { actor: x.executorOf(org), action: 'report', orgKey: org, kind: 'final', text: reportText('final', org) });
        if (p.story === 'returned_then_executed' && j === 0) {
          push(cal.addWorking(lastDay(), 1), { actor: reviewer(), action: 'review_report', verdict: 'returned', comment: 'Отчёт не содержит сведений о сроках завершения работ и информировании заявителей. Доработать.' });
          push(cal.addWorking(lastDay(), rng.int(1, 3)), { actor: x.executorOf(org), action: 'report', orgKey: org, kind: 'final', text: `${reportText('final', org)} Сроки завершения работ и список проинформированных заявителей приложены.` });
        }
        push(cal.addWorking(lastDay(), rng.int(0, 2)), { actor: reviewer(), action: 'review_report', verdict: 'accepted' });
      }
    }
    const issuedBy = x.specialists[i % x.specialists.length];
    out.push({
      key: `I${pad(out.length + 1, 3)}`, source: p.source, number: number(p.source), text: p.text, issuedAt: fmtInstant(issuedMin), issuedBy,
      dueDate: fmtDay(due), assigneeOrgKeys: p.assignees, appealKeys: p.appealKeys, steps,
    });
  });
  return out;
}

// ───────────────────────────── issue 6 extras ─────────────────────────────

interface ExtrasCtx {
  rng: Rng;
  /** A small world (fewer than 200 appeals, e.g. the start-up test's) gets no extra appeals from receptions, so the
   * number of appeals stays the number asked for. */
  appealCount: number;
  cal: Calendar;
  limit: number;
  endDay: number;
  users: DemoUser[];
  orgByKey: Map<string, OrgInternal>;
  applicants: DemoApplicant[];
  instructions: DemoInstruction[];
  concentrations: DemoConcentration[];
  specialists: string[];
  head: string;
  deputy: string;
  executorOf: (orgKey: string) => string;
}

const RECEPTION_TOPICS: { code: string; subject: string; text: string }[] = [
  { code: 'WATER.SUPPLY_INTERRUPTION', subject: 'Перебои с подачей питьевой воды', text: 'На личном приёме заявитель сообщил о перебоях с подачей питьевой воды по его улице и попросил ускорить ремонт водопровода.' },
  { code: 'ROADS.REPAIR', subject: 'Ремонт дороги к селу', text: 'На личном приёме заявитель попросил включить в план ремонт подъездной дороги к селу, разрушенной после паводка.' },
  { code: 'EDUCATION.KINDERGARTEN', subject: 'Место в детском саду', text: 'На личном приёме заявительница попросила содействия в получении места в детском саду для ребёнка трёх лет.' },
  { code: 'HEATING', subject: 'Холодные батареи в многоквартирном доме', text: 'На личном приёме заявитель сообщил, что в доме с начала отопительного сезона холодные батареи на верхних этажах.' },
  { code: 'GAS.LOW_PRESSURE', subject: 'Низкое давление газа', text: 'На личном приёме заявитель сообщил о низком давлении газа в вечерние часы и попросил проверить газораспределительный пункт.' },
];

const CONSULTATION_TOPICS: { code: string; question: string; advice: string }[] = [
  { code: 'WATER', question: 'Куда обращаться при отключении воды?', advice: 'Разъяснено, что заявление подаётся в акимат района или через eOtinish; срок рассмотрения — 15 рабочих дней.' },
  { code: 'EDUCATION.KINDERGARTEN', question: 'Как встать в очередь в детский сад?', advice: 'Разъяснён порядок постановки в очередь через портал электронного правительства и перечень документов.' },
  { code: 'ROADS', question: 'Кто отвечает за ремонт сельской дороги?', advice: 'Разъяснено разграничение дорог по значению и порядок обращения в акимат района.' },
  { code: 'HEATING', question: 'Можно ли не платить за отопление, если батареи холодные?', advice: 'Разъяснён порядок составления акта о ненадлежащем качестве услуги и перерасчёта платы.' },
  { code: 'OTHER.MISC', question: 'Как обжаловать ответ на обращение?', advice: 'Разъяснено право обжаловать ответ вышестоящему органу или в суд (АППК, статья 91).' },
];

function buildExtras(x: ExtrasCtx): DemoExtras {
  const { rng, cal, limit, endDay } = x;
  const at = (day: number, hour: number, minute = 0) => fmtInstant(day * DAY_MIN + hour * 60 + minute);
  const ok = (day: number, hour: number) => day * DAY_MIN + hour * 60 <= limit;
  const people = x.applicants.filter((a) => a.kind === 'individual' && a.iin && a.address);
  let personIdx = 0;
  const nextPerson = (): DemoApplicant | null => (people.length ? people[(personIdx++ * 37) % people.length] : null);
  // A visitor is booked at most once a session and never into two sessions that overlap (the reception rules).
  const bookedTimes = new Map<string, [from: number, to: number][]>();
  let visitorCursor = 0;
  let bookingSeq = 0;
  const visitorFor = (from: number, to: number, taken: Set<string>): DemoApplicant | null => {
    for (let tries = 0; tries < people.length; tries++) {
      const p = people[visitorCursor++ % people.length];
      const times = bookedTimes.get(p.key) ?? [];
      if (taken.has(p.key) || times.some(([a, b]) => a < to && from < b)) continue;
      times.push([from, to]);
      bookedTimes.set(p.key, times);
      taken.add(p.key);
      return p;
    }
    return null;
  };
  const spec = () => rng.pick(x.specialists);
  const official = () => makePerson(rng, rng.chance(0.4), 'kz').fullName;
  const districts = [...x.orgByKey.values()].filter((o) => o.kind === 'district_akimat' || o.kind === 'city_akimat');

  // ── personal receptions: the akim monthly (office), a deputy once by videoconference with the head of the PA
  // appeals department, district akims visiting their settlements (two regularly, two once), one cancelled, one ahead.
  const receptions: DemoReceptionSession[] = [];
  let instructionSeq = 0;
  const akimName = `Аким Алматинской области ${official()}`;
  const sessionAt = (key: string, orgKey: string, day: number, s: Omit<DemoReceptionSession, 'key' | 'orgKey' | 'startsAt' | 'endsAt' | 'scheduledAt' | 'scheduledBy' | 'bookings'>, hours: [number, number], withOutcomes: boolean) => {
    const session: DemoReceptionSession = { key, orgKey, ...s, startsAt: at(day, hours[0]), endsAt: at(day, hours[1]), scheduledAt: at(cal.addWorking(day, 0) - 10, 9, 30), scheduledBy: spec(), bookings: [] };
    const held = ok(day, hours[1] + 1);
    const n = people.length ? Math.min(s.capacity, rng.int(3, 5)) : 0;
    const taken = new Set<string>();
    for (let i = 0; i < n; i++) {
      const p = visitorFor(day * DAY_MIN + hours[0] * 60, day * DAY_MIN + hours[1] * 60, taken);
      if (!p) break;
      const t = RECEPTION_TOPICS[bookingSeq++ % RECEPTION_TOPICS.length];
      const b: DemoBooking = { applicantKey: p.key, subject: t.subject, topicCode: t.code, bookedAt: at(day - 7 + i, 10, 15), bookedBy: spec() };
      if (held) {
        const mark = i === n - 1 && rng.chance(0.5) ? 'no_show' : 'attended';
        b.attendance = { at: at(day, hours[0], 10 + i * 15), by: spec(), mark };
        if (mark === 'attended' && withOutcomes) {
          const o: NonNullable<DemoBooking['outcome']> = { at: at(day, hours[1], 30), by: spec(), note: 'Приём проведён, заявителю даны разъяснения.' };
          if (i % 2 === 0 && x.appealCount >= 200) {
            o.note = 'Принято устное обращение, оформлен протокол.';
            o.appeal = { form: 'application', text: t.text, summary: t.subject, adminUnitKato: p.adminUnitKato === DEMO_REGION_KATO ? districts[0].adminUnitKato : p.adminUnitKato, addresseeOrgKey: 'apparatus' };
            if (i === 0) {
              const assignee = `akimat.${o.appeal.adminUnitKato}`;
              if (x.orgByKey.has(assignee)) {
                const ins: NonNullable<NonNullable<DemoBooking['outcome']>['instructions']>[number] = { number: `ЛП-${fmtDay(day).slice(0, 4)}/${++instructionSeq}`, text: `По итогам личного приёма: ${t.subject.toLowerCase()} — рассмотреть с выездом на место и дать ответ заявителю по существу.`, dueDate: fmtDay(cal.addWorking(day, 15)), assigneeOrgKeys: [assignee] };
                // Under control like any other: the akimat reports, the department accepts (when that is in the past).
                const reportDay = cal.addWorking(day, rng.int(8, 14));
                if (ok(cal.addWorking(reportDay, 1), 12)) {
                  ins.report = { at: at(reportDay, 11), by: x.executorOf(assignee), text: 'Вопрос рассмотрен с выездом на место, меры приняты, заявителю дан ответ по существу.', reviewAt: at(cal.addWorking(reportDay, 1), 11), reviewBy: spec() };
                }
                o.instructions = [ins];
              }
            }
          }
          b.outcome = o;
        }
      } else if (i === 1 && day * DAY_MIN + 9 * 60 <= limit) {
        b.attendance = { at: at(Math.min(day - 1, endDay), 9, 0), by: spec(), mark: 'cancelled', reason: 'Заявитель сообщил, что не сможет прийти' };
      }
      if (Date.parse(b.bookedAt) <= Date.parse(fmtInstant(limit))) session.bookings.push(b);
    }
    receptions.push(session);
  };
  for (let m = 5; m >= 1; m--) {
    const day = cal.onOrAfter(endDay - 30 * m + rng.int(0, 4));
    sessionAt(`R-akim-${m}`, 'apparatus', day, { officialKind: 'akim', officialName: akimName, kind: 'office', place: 'г. Конаев, Дом правительства, зал приёма граждан', link: null, settlementKato: null, capacity: 8, supervisingDeputy: `Заместитель акима области ${official()}`, withPaAppealsHead: false }, [10, 13], true);
  }
  const vcDay = cal.onOrAfter(endDay - 45);
  sessionAt('R-vc-pa', 'apparatus', vcDay, { officialKind: 'deputy_akim', officialName: `Заместитель акима области ${official()}`, kind: 'videoconference', place: null, link: 'https://vks.gov.kz/almaty-oblast/priem', settlementKato: null, capacity: 5, supervisingDeputy: null, withPaAppealsHead: true }, [15, 17], true);
  districts.slice(0, 4).forEach((d, k) => {
    const times = k < 2 ? [3, 2, 1] : [2];
    for (const m of times) {
      const day = cal.onOrAfter(endDay - 30 * m + 3 + k);
      sessionAt(`R-${d.key}-${m}`, d.key, day, { officialKind: 'district_akim', officialName: `Аким района ${official()}`, kind: 'visiting', place: 'Сельский дом культуры', link: null, settlementKato: d.adminUnitKato, capacity: 15, supervisingDeputy: null, withPaAppealsHead: false }, [10, 12], false);
    }
  });
  const cancelled = cal.onOrAfter(endDay - 20);
  receptions.push({
    key: 'R-cancelled', orgKey: 'apparatus', officialKind: 'head_of_apparatus', officialName: `Руководитель аппарата акима области ${official()}`, kind: 'office', startsAt: at(cancelled, 10), endsAt: at(cancelled, 12),
    place: 'г. Конаев, Дом правительства', link: null, settlementKato: null, capacity: 6, supervisingDeputy: null, withPaAppealsHead: false, scheduledAt: at(cancelled - 14, 9, 30), scheduledBy: spec(),
    cancel: { at: at(cancelled - 2, 11), by: spec(), reason: 'Руководитель аппарата направлен в командировку; приём перенесён.' }, bookings: [],
  });
  const ahead = cal.onOrAfter(endDay + 7);
  sessionAt('R-ahead', 'apparatus', ahead, { officialKind: 'akim', officialName: akimName, kind: 'office', place: 'г. Конаев, Дом правительства, зал приёма граждан', link: null, settlementKato: null, capacity: 8, supervisingDeputy: null, withPaAppealsHead: false }, [10, 13], false);
  for (const r of receptions) if (Date.parse(r.scheduledAt) > Date.parse(fmtInstant(limit))) r.scheduledAt = fmtInstant(limit - 60);

  // ── consultations over the last three months, by the department and by district akimats
  const consultations: DemoConsultation[] = [];
  for (let i = 0; i < 45; i++) {
    const day = cal.onOrBefore(endDay - rng.int(0, 90));
    const t = CONSULTATION_TOPICS[i % CONSULTATION_TOPICS.length];
    const byDistrict = i % 3 === 2;
    const d = rng.pick(districts);
    const p = rng.chance(0.7) ? nextPerson() : null;
    if (!districts.length) break;
    consultations.push({
      at: at(day, 9 + (i % 8), rng.int(0, 59)), official: byDistrict ? x.executorOf(d.key) : spec(), channel: (['phone', 'in_person', 'online'] as const)[i % 3],
      applicantKey: p?.key ?? null, adminUnitKato: p && p.adminUnitKato !== DEMO_REGION_KATO ? p.adminUnitKato : d.adminUnitKato, topicCode: t.code, question: t.question, advice: t.advice, minutes: rng.int(5, 25),
    });
  }
  consultations.sort((a, b) => (a.at < b.at ? -1 : 1));

  // ── on-site verifications of two instructions assigned to akimats; one finds an unreliable report
  const verifications: DemoVerification[] = [];
  const checkable = x.instructions.filter((i) => i.assigneeOrgKeys.some((k) => k.startsWith('akimat.')) && Date.parse(i.issuedAt) < Date.parse(fmtInstant(limit)) - 30 * 86_400_000).slice(0, 2);
  checkable.forEach((ins, k) => {
    const orgKey = ins.assigneeOrgKeys.find((o) => o.startsWith('akimat.'))!;
    const issued = Math.floor(Date.parse(ins.issuedAt) / 86_400_000 + 5 / 24);
    const visit = cal.addWorking(issued, 6);
    const v: DemoVerification = {
      orgKey, place: `${x.orgByKey.get(orgKey)!.nameRu}: выезд на объекты`, adminUnitKato: x.orgByKey.get(orgKey)!.adminUnitKato, instructionKey: ins.key,
      issue: 'Проверка исполнения поручения на месте', visitedOn: fmtDay(visit), plannedAt: at(cal.addWorking(issued, 2), 11), plannedBy: x.specialists[0], participants: [x.specialists[0], x.deputy],
      completedAt: at(visit, 17), completedBy: x.deputy,
      findings: k === 0 ? 'Работы выполнены частично; указанные в отчёте сроки завершения не соблюдены, жители не проинформированы.' : 'Мероприятия выполняются по графику, замечаний нет; даны рекомендации по информированию жителей.',
    };
    if (k === 0) {
      v.violation = { at: at(visit, 17, 30), by: x.deputy, kind: 'unreliable_report', description: 'В промежуточной информации указано о завершении работ, что не подтвердилось при выезде на место.', officialKey: x.executorOf(orgKey) };
      v.proposal = {
        at: at(cal.addWorking(visit, 1), 10), by: x.head, grounds: 'Представление недостоверной информации об исполнении поручения, выявленное при выездной проверке.', measure: 'reprimand',
        decision: { at: at(cal.addWorking(visit, 8), 15), by: x.head, applied: 'remark', text: 'Распоряжением акима района объявлено замечание.' },
      };
    }
    if (Date.parse(v.completedAt) <= Date.parse(fmtInstant(limit))) verifications.push(v);
  });

  // ── office-work checks: one completed (the district of the water concentration), one planned
  const officeChecks: DemoOfficeCheck[] = [];
  const c0 = x.concentrations[0];
  const checkOrg = c0 ? `akimat.${c0.adminUnitKato}` : districts[0].key;
  const periodEnd = endDay - 40;
  const monthStart = (day: number) => parseDay(`${fmtDay(day).slice(0, 7)}-01`);
  const completedOn = cal.onOrAfter(periodEnd + 5);
  officeChecks.push({
    orgKey: checkOrg, periodFrom: fmtDay(monthStart(periodEnd - 60)), periodTo: fmtDay(periodEnd), plannedOn: fmtDay(cal.onOrAfter(periodEnd + 2)), plannedAt: at(cal.onOrAfter(periodEnd + 1), 10), plannedBy: x.head, inspector: 'u.auditor',
    start: at(cal.onOrAfter(periodEnd + 2), 9, 30),
    complete: { at: at(completedOn, 16), inspectorFindings: 'Журнал регистрации обращений ведётся с пропусками; ответственный за уведомление заявителей не назначен.', recommendations: 'Назначить ответственного за регистрацию и уведомление заявителей; регистрировать обращения в день поступления; контролировать сроки ответов еженедельно.', followUpDate: fmtDay(cal.addWorking(completedOn, 30)) },
  });
  const other = districts.find((d) => d.key !== checkOrg)!;
  officeChecks.push({ orgKey: other.key, periodFrom: fmtDay(monthStart(endDay - 70)), periodTo: fmtDay(endDay - 10), plannedOn: fmtDay(cal.onOrAfter(endDay + 5)), plannedAt: at(cal.onOrBefore(endDay - 3), 11), plannedBy: x.deputy, inspector: 'u.auditor' });

  // ── a working group on the water concentration, with a meeting, decisions and their follow-up
  const workingGroups: DemoWorkingGroup[] = [];
  if (c0) {
    const startDay = Math.floor(Date.parse(`${c0.from}T00:00:00+05:00`) / 86_400_000) + 7;
    const created = cal.onOrAfter(startDay);
    const meet = cal.addWorking(created, 2);
    const akimat = `akimat.${c0.adminUnitKato}`;
    workingGroups.push({
      kind: 'working_group', name: `Рабочая группа по водоснабжению с. ${c0.village}`, issue: c0.description, createdAt: at(created, 10), createdBy: x.specialists[0],
      members: [
        { kind: 'official', role: 'chair', fullName: `Заместитель акима области ${official()}`, affiliation: 'Аппарат акима Алматинской области', orgKey: 'apparatus' },
        { kind: 'state_body', role: 'member', fullName: official(), affiliation: x.orgByKey.get(akimat)?.nameRu ?? 'Акимат района', orgKey: akimat },
        { kind: 'state_body', role: 'member', fullName: official(), affiliation: x.orgByKey.get('dept.energy')!.nameRu, orgKey: 'dept.energy' },
        { kind: 'civil_society', role: 'member', fullName: official(), affiliation: `Общественный совет ${x.orgByKey.get(akimat)?.nameRu ?? ''}`.trim() },
        { kind: 'expert', role: 'secretary', fullName: official(), affiliation: 'Казахский научно-исследовательский институт водного хозяйства' },
      ],
      meetings: [
        {
          heldAt: at(meet, 15), recordedAt: at(meet, 18), place: `с. ${c0.village}, дом культуры`, minutesNumber: '1',
          minutes: 'Заслушана информация акимата района и управления энергетики о причинах отсутствия воды. Жители выступили с предложениями. Приняты решения о подвозе воды и ремонте водопровода.',
          attendees: [0, 1, 2, 3, 4],
          decisions: [
            { text: 'Организовать ежедневный подвоз питьевой воды до восстановления водоснабжения.', orgKey: akimat, dueDate: fmtDay(cal.addWorking(meet, 2)), followUp: { at: at(cal.addWorking(meet, 2), 12), by: x.executorOf(akimat), text: 'Подвоз организован, две автоцистерны по графику.' } },
            { text: 'Выполнить аварийный ремонт магистрального водопровода.', orgKey: 'dept.energy', dueDate: fmtDay(cal.addWorking(meet, 15)), followUp: { at: at(cal.addWorking(meet, 14), 16), by: x.specialists[0], text: 'Ремонт выполнен, подача воды восстановлена.' } },
            { text: 'Включить реконструкцию сетей водоснабжения села в план на следующий год.', orgKey: 'dept.energy', dueDate: fmtDay(cal.onOrAfter(endDay + 40)) },
          ],
        },
      ],
    });
  }

  const outageStart = cal.onOrAfter(endDay - 100);
  return { receptions, consultations, verifications, officeChecks, workingGroups, noticeOutage: { from: fmtDay(outageStart), to: fmtDay(cal.addWorking(outageStart, 3)) } };
}
