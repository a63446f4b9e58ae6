import { describe, expect, it } from 'vitest';
import { chooseChannel, DEFAULT_RETRY_POLICY, isNoticeLate, nextAttemptAt, renderNotice } from '../../src/notifications/domain/notice-rules';

describe('notices to applicants', () => {
  it('go by e-mail when there is one, else SMS, else post; nowhere without contacts', () => {
    expect(chooseChannel({ email: 'a@b.kz', phone: '+77011234567', address: 'с. Шелек' })).toBe('email');
    expect(chooseChannel({ phone: '+77011234567', address: 'с. Шелек' })).toBe('sms');
    expect(chooseChannel({ address: 'с. Шелек' })).toBe('post');
    expect(chooseChannel({})).toBeNull();
  });
  it('are late when delivered after the end of their due date (Kazakhstan time), or still undelivered past it', () => {
    expect(isNoticeLate({ dueDate: '2026-03-02', sentAt: new Date('2026-03-02T23:59:00+05:00') }, new Date('2026-03-10T00:00:00Z'))).toBe(false);
    expect(isNoticeLate({ dueDate: '2026-03-02', sentAt: new Date('2026-03-03T00:01:00+05:00') }, new Date('2026-03-10T00:00:00Z'))).toBe(true);
    expect(isNoticeLate({ dueDate: '2026-03-02', sentAt: null }, new Date('2026-03-02T20:00:00+05:00'))).toBe(false);
    expect(isNoticeLate({ dueDate: '2026-03-02', sentAt: null }, new Date('2026-03-03T09:00:00+05:00'))).toBe(true);
  });
  it('are retried with a doubling delay up to the cap, then fail; a permanent error fails at once', () => {
    const p = { maxAttempts: 4, baseDelayMs: 60_000, maxDelayMs: 150_000 };
    const t = new Date('2026-03-02T10:00:00Z');
    expect(nextAttemptAt(p, 1, t)!.toISOString()).toBe('2026-03-02T10:01:00.000Z');
    expect(nextAttemptAt(p, 2, t)!.toISOString()).toBe('2026-03-02T10:02:00.000Z');
    expect(nextAttemptAt(p, 3, t)!.toISOString()).toBe('2026-03-02T10:02:30.000Z');
    expect(nextAttemptAt(p, 4, t)).toBeNull();
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 1, t, true)).toBeNull();
  });
  it('say what the law asks in the appeal’s language, without the applicant’s personal data', () => {
    const talon = renderNotice('registration', { registrationNumber: 'ALM-2026-000001', language: 'kk', registeredAt: '2026-03-02T11:00:00', receivingOfficial: 'Ким О. В., маман' });
    expect(talon).toEqual({ subject: 'Өтініш ALM-2026-000001 тіркелді', body: 'Талон: №ALM-2026-000001, 2026-03-02 11:00 (UTC+5). Қабылдаған: Ким О. В., маман.' });
    expect(renderNotice('extension', { registrationNumber: 'X-1', language: 'ru', newDueDate: '2026-04-15', reason: 'Требуется экспертиза' }).body).toBe('Срок рассмотрения продлён до 2026-04-15. Причина: Требуется экспертиза');
    expect(renderNotice('forwarding', { registrationNumber: 'X-1', language: 'en', forwardedTo: 'ДП' }).subject).toBe('Обращение X-1 направлено по компетенции');
  });
});
