/**
 * One demo puskesmas being built: its ids, places, accounts and mothers as made so far. The
 * steps that fill it (tenant-*.ts) run in the order buildSeedData calls them; each draws from
 * the same random generators, so the order is part of the data.
 */
import { normalizePhone, type BabyFacts, type IsoDate, type JourneyStatus } from '../../lib/domain';
import type * as schema from '../schema';
import { WOMEN_FIRST, WOMEN_LAST, type PuskesmasDef } from './places';
import { Rng } from './random';
import type { BabySpec, VisitPlan } from './stories';
import { zoned } from './time';
import type { BabyReport, Row, SeedData } from './types';

export interface BuiltBaby {
  id: string;
  spec: BabySpec;
  birth: IsoDate;
  birthOrder: number;
  sex: 'L' | 'P';
  visits: VisitPlan[];
  facts: BabyFacts;
  status: JourneyStatus;
  row: Row<typeof schema.babies>;
}

export interface BuiltMother {
  key: string;
  id: string;
  name: string;
  villageKey: string;
  posyanduKey: string;
  kaderKey: string;
  registeredBy: string;
  consentAt: Date;
  userId: string | null;
  userCreatedAt: Date | null;
  babies: BuiltBaby[];
}

/** Unique fictional names across the whole demo. */
export class NameGen {
  private used = new Set<string>();
  private pool: string[];
  private i = 0;
  constructor(rng: Rng) {
    const all: string[] = [];
    for (const f of WOMEN_FIRST) for (const l of WOMEN_LAST) if (!l.startsWith(f)) all.push(`${f} ${l}`);
    this.pool = rng.shuffle(all);
  }
  reserve(name: string) {
    this.used.add(name);
  }
  next(): string {
    while (this.i < this.pool.length) {
      const n = this.pool[this.i++]!;
      if (!this.used.has(n)) {
        this.used.add(n);
        return n;
      }
    }
    throw new Error('out of names');
  }
}

export const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function e164(display: string): string {
  const p = normalizePhone(display);
  if (!p) throw new Error(`bad demo phone ${display}`);
  return p;
}

export class TenantBuilder {
  puskesmasId: string;
  villageIds = new Map<string, string>();
  posyandu = new Map<string, { id: string; villageKey: string; name: string; rw: string; streets: readonly string[] }>();
  staff = new Map<string, { id: string; name: string; createdAt: Date }>();
  kaders = new Map<string, { id: string; name: string; posyanduKey: string; villageKey: string; createdAt: Date }>();
  mothers: BuiltMother[] = [];
  /** Latest instant the seed writes for "today". */
  now: Date;

  constructor(
    readonly def: PuskesmasDef,
    readonly today: IsoDate,
    readonly hash: string,
    readonly data: SeedData,
    readonly ids: Rng,
    readonly rng: Rng,
    readonly names: NameGen,
    readonly nextPhone: () => string,
    readonly kabupatenId: string | null = null,
  ) {
    this.puskesmasId = ids.uuid();
    this.now = zoned(today, 18);
  }

  /** One line per baby as built, for checks and reports. */
  reports(): BabyReport[] {
    return this.mothers.flatMap((m) =>
      m.babies.map((b) => ({
        puskesmasCode: this.def.code,
        motherKey: m.key,
        motherName: m.name,
        posyanduKey: m.posyanduKey,
        babyId: b.id,
        birthDate: b.birth,
        story: b.spec.story.kind === 'break' ? `break:${b.spec.story.pattern}:${b.spec.story.reason}` : `exclusive:${b.spec.story.confirm}`,
        intended: b.spec.intended ?? null,
        status: b.status,
        facts: b.facts,
      })),
    );
  }
}
