import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../access/policy';
import { Appeal } from '../appeals/appeal.entity';
import { isValidIin } from '../applicants/identity-number';
import { isValidEmail, normalizePhone } from '../appeals/domain/registration-requirements';
import { clean, optionalIntId, optionalText, optionalUuid, requireInstant, requireText } from '../control/domain/input';
import { AdminUnit } from '../geo/admin-unit.entity';
import { recordHistory } from '../history/record';
import { Organization } from '../organizations/organization.entity';
import type { CommandContext } from '../shared/command-context';
import { badInput, conflict } from '../shared/errors';
import { Topic } from '../topics/topic.entity';
import { User } from '../users/user.entity';
import { Consultation } from './consultation.entity';
import { validateConsultation, type ConsultationChannel } from './domain/consultation-rules';

export interface RecordConsultationInput {
  channel: ConsultationChannel;
  givenAt: Date;
  durationMinutes?: number | null;
  person?: { fullName?: string | null; iin?: string | null; phone?: string | null; email?: string | null } | null;
  adminUnitId?: string | null;
  topicId?: string | null;
  question: string;
  advice: string;
  appealId?: string | null;
}

/** Advisory assistance (regulation 5.8): recorded by the official who gave it, for their own body. */
export class ConsultationCommands {
  constructor(private readonly ctx: CommandContext) {}

  async record(input: RecordConsultationInput): Promise<Consultation> {
    authorize(this.ctx.actor, 'recordConsultation');
    const now = this.ctx.now();
    const givenAt = requireInstant('givenAt', input.givenAt);
    validateConsultation({ givenAt, durationMinutes: input.durationMinutes ?? null }, now);
    const question = requireText('question', input.question, 5, 5000, 'The question asked');
    const advice = requireText('advice', input.advice, 10, 20_000, 'The advice given');
    const p = input.person ?? {};
    const fullName = optionalText('person.fullName', p.fullName, 200);
    const iin = clean(p.iin);
    if (iin && !isValidIin(iin)) throw badInput('person.iin', 'The IIN is not valid (12 digits with a correct check digit)');
    const rawPhone = clean(p.phone);
    const phone = rawPhone ? normalizePhone(rawPhone) : null;
    if (rawPhone && !phone) throw badInput('person.phone', 'The phone number is not a Kazakhstan number');
    const email = clean(p.email);
    if (email && !isValidEmail(email)) throw badInput('person.email', 'The e-mail address is not valid');
    const adminUnitId = optionalIntId('adminUnitId', input.adminUnitId);
    const topicId = optionalIntId('topicId', input.topicId);
    const appealId = optionalUuid('appealId', input.appealId);
    if (!this.ctx.actor.userId || !this.ctx.actor.organizationId) throw conflict('A consultation is recorded by the official who gave it', { reason: 'NO_OFFICIAL' });
    return this.ctx.em.transactional(async (tem) => {
      const em = tem as EntityManager;
      const org = await em.findOneOrFail(Organization, { id: this.ctx.actor.organizationId! });
      if (adminUnitId != null && !(await em.findOne(AdminUnit, { id: adminUnitId }))) throw badInput('adminUnitId', `No admin unit ${adminUnitId}`);
      if (topicId != null && !(await em.findOne(Topic, { id: topicId }))) throw badInput('topicId', `No topic ${topicId}`);
      if (appealId && !(await em.findOne(Appeal, { id: appealId }))) throw badInput('appealId', `No appeal ${appealId}`);
      const c = new Consultation();
      c.region = em.getReference(AdminUnit, org.region.id) as any;
      c.channel = input.channel;
      c.givenAt = givenAt;
      c.durationMinutes = input.durationMinutes ?? null;
      c.official = em.getReference(User, this.ctx.actor.userId!) as any;
      c.organization = org as any;
      c.fullName = fullName;
      c.iin = iin;
      c.phone = phone;
      c.email = email;
      c.adminUnit = adminUnitId != null ? (em.getReference(AdminUnit, adminUnitId) as any) : null;
      c.topic = topicId != null ? (em.getReference(Topic, topicId) as any) : null;
      c.question = question;
      c.advice = advice;
      c.appeal = appealId ? (em.getReference(Appeal, appealId) as any) : null;
      c.createdAt = now;
      em.persist(c);
      await em.flush();
      // No personal data in the record: the consultation's id stands for the person.
      recordHistory(em, this.ctx, { regionId: org.region.id, entityType: 'consultation', entityId: c.id, appealId, action: 'record', after: { channel: c.channel, topicId, organizationId: org.id } }, now);
      await em.flush();
      return c;
    });
  }
}
