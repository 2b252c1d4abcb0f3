/** Reporting lines: who manages whom at a given day (HRIS Manager ID, review Reviewer ID). */
import type { Day } from './dates';
import { AS_OF } from './model';
import type { Random } from './random';
import { isEmployed, type Person } from './workforce';

export class OrgChart {
  private readonly ceo: Person;
  private readonly heads = new Map<string, Person>();
  private readonly byLevel = new Map<string, Person[]>();
  private readonly byId = new Map<string, Person>();

  constructor(people: readonly Person[]) {
    let ceo: Person | undefined;
    for (const p of people) {
      this.byId.set(p.id, p);
      if (p.role === 'ceo') ceo = p;
      else if (p.role === 'head') this.heads.set(p.department, p);
      else if (p.level === 'M1' || p.level === 'M2') {
        const key = `${p.department}|${p.level}`;
        const list = this.byLevel.get(key) ?? [];
        list.push(p);
        this.byLevel.set(key, list);
      }
    }
    if (!ceo) throw new Error('no CEO in the workforce');
    this.ceo = ceo;
  }

  /** A manager for `p` on day `d`: an M1 for individual contributors, an M2 for M1s, the head for M2s. */
  pickManager(p: Person, d: Day, rng: Random): Person | null {
    if (p.role === 'ceo') return null;
    if (p.role === 'head') return this.ceo;
    const head = this.heads.get(p.department) ?? this.ceo;
    const level = p.level === 'M2' ? null : p.level === 'M1' ? 'M2' : 'M1';
    if (level === null) return head;
    const candidates = (this.byLevel.get(`${p.department}|${level}`) ?? []).filter(
      (m) => m !== p && isEmployed(m, d),
    );
    return candidates.length > 0 ? rng.pick(candidates) : head;
  }

  /** Sets each person's HRIS Manager ID: their manager on their last day (or at the export). */
  assignManagers(people: readonly Person[], rng: Random): void {
    for (const p of people) {
      const ref = p.termination === null ? AS_OF : p.termination - 1;
      p.managerId = this.pickManager(p, ref, rng)?.id ?? '';
    }
  }

  /** The reviewer on day `d`: the HRIS manager while they were employed, else whoever managed then. */
  reviewer(p: Person, d: Day, rng: Random): Person | null {
    const manager = this.byId.get(p.managerId);
    if (manager && isEmployed(manager, d)) return manager;
    return this.pickManager(p, d, rng);
  }
}
