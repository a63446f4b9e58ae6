import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../access/policy';
import { assertUuid } from '../appeals/appeal.commands';
import { queryOne } from '../db/sql';
import { recordHistory } from '../history/record';
import { Instruction } from '../instructions/instruction.entity';
import type { CommandContext } from '../shared/command-context';
import { badInput, conflict, forbidden, notFound } from '../shared/errors';
import { User } from '../users/user.entity';
import { moveNeedsComment, moveProblemCard, type ProblemCardStatus } from './domain/card-status';
import { ProblemCard, ProblemCardInstruction, ProblemCardNote } from './problem-card.entity';

const clean = (s: string | null | undefined) =>
  s == null ? null : s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim() || null;

/** The department's work on a problem card: review, status moves, notes, linked instructions. */
export class ProblemCardCommands {
  constructor(private readonly ctx: CommandContext) {}

  /** The card, locked; NOT_FOUND outside the actor's region; CONFLICT when expectedVersion is stale. */
  private async lock(em: EntityManager, id: string, expectedVersion?: number | null): Promise<ProblemCard> {
    assertUuid('cardId', id);
    const card = await em.findOne(ProblemCard, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const region = this.ctx.actor.regionId;
    if (!card || (!this.ctx.actor.system && region != null && card.region.id !== region)) throw notFound('ProblemCard', id);
    if (expectedVersion != null && expectedVersion !== card.version) {
      throw conflict(`The problem card was changed by someone else (version ${card.version})`, { reason: 'STALE_VERSION' });
    }
    return card;
  }

  private record(em: EntityManager, card: ProblemCard, action: string, before: Record<string, unknown> | null, after: Record<string, unknown>) {
    recordHistory(em, this.ctx, { regionId: card.region.id, entityType: 'problem_card', entityId: card.id, action, before, after }, this.ctx.now());
  }

  /** Moves the card along its life (see domain/card-status.ts); dismissing or resolving needs a reason. */
  async changeStatus(cardId: string, to: ProblemCardStatus, input: { comment?: string | null; expectedVersion?: number | null } = {}): Promise<ProblemCard> {
    authorize(this.ctx.actor, 'manageProblemCards');
    const comment = clean(input.comment);
    if (comment && comment.length > 5000) throw badInput('comment', 'at most 5,000 characters');
    return this.ctx.em.transactional(async (tem) => {
      const em = tem as EntityManager;
      const card = await this.lock(em, cardId, input.expectedVersion);
      const from = card.status;
      moveProblemCard(from, to);
      if (moveNeedsComment(to) && (!comment || comment.length < 10)) {
        throw badInput('comment', `Say why the card is ${to} (at least 10 characters)`);
      }
      card.status = to;
      card.statusChangedAt = this.ctx.now();
      card.updatedAt = this.ctx.now();
      this.record(em, card, 'change_status', { status: from }, { status: to, comment });
      await em.flush();
      return card;
    });
  }

  async addNote(cardId: string, input: { text: string }): Promise<ProblemCardNote> {
    authorize(this.ctx.actor, 'manageProblemCards');
    const text = clean(input.text);
    if (!text || text.length < 3 || text.length > 20_000) throw badInput('text', 'A note is 3–20,000 characters');
    if (!this.ctx.actor.userId) throw forbidden('A note needs an official as its author');
    return this.ctx.em.transactional(async (tem) => {
      const em = tem as EntityManager;
      const card = await this.lock(em, cardId);
      const note = new ProblemCardNote();
      note.region = card.region;
      note.card = card as any;
      note.author = em.getReference(User, this.ctx.actor.userId!) as any;
      note.text = text;
      note.createdAt = this.ctx.now();
      em.persist(note);
      card.updatedAt = this.ctx.now();
      await em.flush();
      this.record(em, card, 'add_note', null, { noteId: note.id, length: text.length });
      await em.flush();
      return note;
    });
  }

  /** Links an instruction given on the problem (same region; once). */
  async linkInstruction(cardId: string, instructionId: string, expectedVersion?: number | null): Promise<ProblemCard> {
    authorize(this.ctx.actor, 'manageProblemCards');
    assertUuid('instructionId', instructionId);
    return this.ctx.em.transactional(async (tem) => {
      const em = tem as EntityManager;
      const card = await this.lock(em, cardId, expectedVersion);
      const instruction = await em.findOne(Instruction, { id: instructionId });
      if (!instruction) throw notFound('Instruction', instructionId);
      if (instruction.region.id !== card.region.id) throw badInput('instructionId', 'The instruction belongs to another region');
      const dup = await queryOne(em, 'select 1 from problem_card_instruction where card_id = ? and instruction_id = ?', [card.id, instructionId]);
      if (dup) throw conflict('The instruction is already linked to this card', { reason: 'ALREADY_LINKED' });
      const link = new ProblemCardInstruction();
      link.region = card.region;
      link.card = card as any;
      link.instruction = instruction as any;
      link.linkedBy = this.ctx.actor.userId ? (em.getReference(User, this.ctx.actor.userId) as any) : null;
      link.linkedAt = this.ctx.now();
      em.persist(link);
      card.updatedAt = this.ctx.now();
      await em.flush();
      this.record(em, card, 'link_instruction', null, { instructionId, number: instruction.number });
      await em.flush();
      return card;
    });
  }
}
