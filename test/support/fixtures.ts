import type { RegisterAppealInput } from '../generated/graphql';
import type { TestWorld } from './world';

/** Valid IINs and a BIN (check digits verified by src/applicants/identity-number.ts). */
export const IIN = {
  aigerim: '900101400013',
  bolat: '850215300025',
  serik: '780630300175',
};
export const BIN = { farm: '150440012344' };

export function appealInput(w: TestWorld, over: Partial<RegisterAppealInput> = {}): RegisterAppealInput {
  return {
    form: 'APPLICATION',
    channel: 'EOTINISH',
    receivedAt: '2026-03-02T10:00:00+05:00',
    text: 'В селе Шелек уже две недели нет питьевой воды, просим восстановить водоснабжение по улице Абая.',
    summary: 'Нет воды в селе Шелек',
    adminUnitId: w.districts.enbekshikazakh.id,
    addresseeId: w.orgs.apparatus,
    applicants: [
      {
        kind: 'INDIVIDUAL',
        fullName: 'Сапарова Айгерим Нурлановна',
        iin: IIN.aigerim,
        address: 'Енбекшиказахский район, с. Шелек, ул. Абая, 12',
        phone: '+77011234567',
        email: 'aigerim@example.kz',
      },
    ],
    ...over,
  };
}
