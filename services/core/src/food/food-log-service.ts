import type { Clock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/index.js';
import type { ActivityRecorder } from '../gamification/activity.js';
import type { Logger } from '../logging/logger.js';
import {
  createOfflineNutritionProvider,
  type FoodTextParser,
  type NutrientValues,
  type NutritionProvider,
  type ParsedFoodItem,
  parseFoodText,
  scaleNutrients,
} from '../nutrition/index.js';
import type { BarcodeLookup, NutritionLookupService } from '../nutrition-providers/index.js';
import { addDays, daysBetween, localDayOf, localDayRange } from '../time/local-day.js';
import {
  entryTotals,
  itemFromFood,
  itemFromParsed,
  MAX_ENTRY_GRAMS,
  totalGrams,
  withGrams,
} from './food-entry-items.js';
import type {
  ConfirmResult,
  DailySummary,
  DraftResult,
  EditResult,
  FoodEntry,
  FoodEntryItem,
  FoodEntrySource,
  FoodUserSettings,
  Meal,
  UnmatchedFood,
  WeeklySummary,
} from './food-entry-types.js';
import {
  calendarDaySchema,
  type DraftOptions,
  draftOptionsSchema,
  draftTextSchema,
  editSchema,
  type FoodEntryEdit,
  type FoodEntryListQuery,
  gramsSchema,
  isUuid,
  listQuerySchema,
  MAX_LIST_DAYS,
  parseFoodInput,
} from './food-inputs.js';
import {
  deleteEntry,
  findEntry,
  insertDraft,
  listEntries,
  markConfirmed,
  readFoodUserSettings,
  type StoredFoodEntry,
  updateEntry,
} from './food-repository.js';
import { summarizeDay, summarizeWeek, WEEK_DAYS } from './food-summary.js';
import { inferMeal } from './meal-inference.js';
import { matchOnline } from './online-food-match.js';
import { readableFoodText } from './readable-food-text.js';

export interface FoodLogService {
  /** Reads food text into a draft entry; what cannot be read comes back unmatched and is not saved. */
  draftFromText(userId: string, text: string, options?: DraftOptions): Promise<DraftResult>;
  /** A draft of `grams` of the product with this barcode (Open Food Facts), through the same path. */
  draftFromBarcode(
    userId: string,
    barcode: string,
    grams: number,
    options?: DraftOptions,
  ): Promise<DraftResult>;
  /** Saves a draft and records the 'food_logged' activity in the same transaction; idempotent. */
  confirm(userId: string, entryId: string): Promise<ConfirmResult>;
  /** Re-describes the entry (text) or changes item grams, and/or its meal or time; totals are recomputed. */
  editEntry(userId: string, entryId: string, edit: FoodEntryEdit): Promise<EditResult>;
  deleteEntry(userId: string, entryId: string): Promise<void>;
  /** Drops a draft; a confirmed entry is deleted with deleteEntry instead. */
  discardDraft(userId: string, entryId: string): Promise<void>;
  getEntry(userId: string, entryId: string): Promise<FoodEntry>;
  /** Entries eaten on local days from..to (default today), confirmed unless `status` says otherwise. */
  listEntries(userId: string, query?: FoodEntryListQuery): Promise<FoodEntry[]>;
  /** The user's local day (default today in their zone): totals against goals, per meal, entries. */
  dailySummary(userId: string, day?: string): Promise<DailySummary>;
  /** The 7 local days ending on `weekEndingDay` (default today): per-day totals and averages. */
  weeklySummary(userId: string, weekEndingDay?: string): Promise<WeeklySummary>;
}

export interface FoodLogServiceDependencies {
  db: Db;
  clock: Clock;
  logger: Logger;
  lookup: NutritionLookupService;
  activityRecorder: ActivityRecorder;
  /** Default: the offline parser over the shipped SR28 table. */
  parser?: FoodTextParser;
  /** Per-100 g values of the parser's foods, so grams can be edited later. Default: the shipped SR28 table. */
  offline?: NutritionProvider;
  /** How long a draft stays confirmable. Default 24 h. */
  draftTtlMs?: number;
  /** Unknown phrases tried online per draft, to bound how long a draft can take. Default 5. */
  maxOnlineMatches?: number;
}

const DEFAULT_DRAFT_TTL_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MAX_ONLINE_MATCHES = 5;
const shippedParser: FoodTextParser = { parse: parseFoodText };

interface ReadItems {
  items: FoodEntryItem[];
  unmatched: UnmatchedFood[];
}

const barcodeFailures: Record<Exclude<BarcodeLookup['status'], 'found'>, Omit<UnmatchedFood, 'text'>> = {
  not_found: { reason: 'barcode_not_found', message: 'Open Food Facts does not know this barcode' },
  unavailable: {
    reason: 'barcode_lookup_unavailable',
    message: 'the barcode lookup is unavailable right now; try again later or describe the food in words',
  },
};

class DatabaseFoodLog implements FoodLogService {
  private readonly parser: FoodTextParser;
  private offlineProvider: NutritionProvider | undefined;
  private readonly draftTtlMs: number;
  private readonly maxOnlineMatches: number;

  constructor(private readonly deps: FoodLogServiceDependencies) {
    this.parser = deps.parser ?? shippedParser;
    this.offlineProvider = deps.offline;
    this.draftTtlMs = deps.draftTtlMs ?? DEFAULT_DRAFT_TTL_MS;
    this.maxOnlineMatches = deps.maxOnlineMatches ?? DEFAULT_MAX_ONLINE_MATCHES;
  }

  async draftFromText(userId: string, text: string, options: DraftOptions = {}): Promise<DraftResult> {
    const now = this.deps.clock.now();
    const description = parseFoodInput(draftTextSchema, text, 'text');
    const when = parseFoodInput(draftOptionsSchema(now), options);
    const settings = await this.settingsOf(userId);
    const read = await this.readText(description);
    return this.saveDraft(userId, settings, read, { description, source: 'text', ...when }, now);
  }

  async draftFromBarcode(
    userId: string,
    barcode: string,
    grams: number,
    options: DraftOptions = {},
  ): Promise<DraftResult> {
    const now = this.deps.clock.now();
    const amount = parseFoodInput(gramsSchema, grams, 'grams');
    const when = parseFoodInput(draftOptionsSchema(now), options);
    const settings = await this.settingsOf(userId);
    const answer = await this.deps.lookup.lookupByBarcode(barcode);
    if (answer.status !== 'found') {
      return {
        status: 'nothing_matched',
        entry: null,
        unmatched: [{ text: answer.barcode, ...barcodeFailures[answer.status] }],
      };
    }
    const { food } = answer;
    if (food.per100g.kcal === null) {
      const message = `${food.name} has no energy value in ${food.source}; describe the food in words instead`;
      return {
        status: 'nothing_matched',
        entry: null,
        unmatched: [{ text: answer.barcode, reason: 'no_nutrition_data', message }],
      };
    }
    const item = itemFromFood(food, {
      text: answer.barcode,
      grams: amount,
      quantity: amount,
      unit: 'g',
      portion: null,
      assumptions: [],
    });
    const description = `${amount} g ${food.name}`.slice(0, 2000);
    return this.saveDraft(
      userId,
      settings,
      { items: [item], unmatched: [] },
      { description, source: 'barcode', ...when },
      now,
    );
  }

  async confirm(userId: string, entryId: string): Promise<ConfirmResult> {
    const result = await this.deps.db.transaction(async (trx) => {
      const now = this.deps.clock.now();
      const settings = await this.settingsOf(userId, trx);
      const entry = await this.lockedEntry(trx, userId, entryId);
      if (entry.status === 'confirmed') {
        return { entry: this.present(entry, settings), newlyConfirmed: false, activity: null };
      }
      this.refuseExpired(entry, now);
      const confirmed = await markConfirmed(trx, userId, entryId, now);
      if (!confirmed) throw new NotFoundError('food entry not found', { entryId });
      const activity = await this.deps.activityRecorder.recordActivity(trx, {
        userId,
        action: 'food_logged',
        sourceId: entryId,
        occurredAt: now,
      });
      return { entry: this.present(confirmed, settings), newlyConfirmed: true, activity };
    });
    if (result.newlyConfirmed) {
      this.deps.logger.info(
        { userId, entryId, kcal: result.entry.totals.kcal, xpAwarded: result.activity?.xpAwarded },
        'food entry confirmed',
      );
    }
    return result;
  }

  async editEntry(userId: string, entryId: string, edit: FoodEntryEdit): Promise<EditResult> {
    const now = this.deps.clock.now();
    const changes = parseFoodInput(editSchema(now), edit);
    if (!isUuid(entryId)) throw new NotFoundError('food entry not found', { entryId });
    // Text is read before the row is locked: an online lookup may take seconds.
    const read = changes.text === undefined ? null : await this.readText(changes.text);
    if (read && read.items.length === 0) {
      throw new ValidationError(
        'None of the text matched a food; the entry was not changed',
        read.unmatched.map((unmatched) => ({
          path: 'text',
          message: `${unmatched.text}: ${unmatched.message}`,
        })),
      );
    }
    const updated = await this.deps.db.transaction(async (trx) => {
      const settings = await this.settingsOf(userId, trx);
      const entry = await this.lockedEntry(trx, userId, entryId);
      if (entry.status === 'draft') this.refuseExpired(entry, now);
      const items = read
        ? read.items
        : changes.items
          ? applyItemChanges(entry.items, changes.items)
          : entry.items;
      this.refuseTooHeavy(items);
      const saved = await updateEntry(
        trx,
        userId,
        entryId,
        {
          ...(changes.meal ? { meal: changes.meal } : {}),
          ...(changes.eatenAt ? { eatenAt: changes.eatenAt } : {}),
          ...(changes.text !== undefined ? { description: changes.text } : {}),
          ...(read || changes.items ? { items, totals: entryTotals(items).totals } : {}),
        },
        now,
      );
      if (!saved) throw new NotFoundError('food entry not found', { entryId });
      return this.present(saved, settings);
    });
    this.deps.logger.info({ userId, entryId, kcal: updated.totals.kcal }, 'food entry edited');
    return { entry: updated, unmatched: read?.unmatched ?? [] };
  }

  async deleteEntry(userId: string, entryId: string): Promise<void> {
    if (!validIds(userId, entryId) || !(await deleteEntry(this.deps.db, userId, entryId))) {
      throw new NotFoundError('food entry not found', { entryId });
    }
    this.deps.logger.info({ userId, entryId }, 'food entry deleted');
  }

  async discardDraft(userId: string, entryId: string): Promise<void> {
    if (!validIds(userId, entryId)) throw new NotFoundError('food entry not found', { entryId });
    if (await deleteEntry(this.deps.db, userId, entryId, 'draft')) {
      this.deps.logger.info({ userId, entryId }, 'food draft discarded');
      return;
    }
    if (await findEntry(this.deps.db, userId, entryId)) {
      throw new ConflictError('This entry is already confirmed; delete it instead of discarding it', {
        reason: 'already_confirmed',
        entryId,
      });
    }
    throw new NotFoundError('food entry not found', { entryId });
  }

  async getEntry(userId: string, entryId: string): Promise<FoodEntry> {
    const settings = await this.settingsOf(userId);
    const entry = isUuid(entryId) ? await findEntry(this.deps.db, userId, entryId) : null;
    if (!entry) throw new NotFoundError('food entry not found', { entryId });
    return this.present(entry, settings);
  }

  async listEntries(userId: string, query: FoodEntryListQuery = {}): Promise<FoodEntry[]> {
    const parsed = parseFoodInput(listQuerySchema, query);
    const settings = await this.settingsOf(userId);
    const today = localDayOf(this.deps.clock.now(), settings);
    const from = parsed.from ?? parsed.to ?? today;
    const to = parsed.to ?? (parsed.from ? today : from);
    const span = daysBetween(from, to) + 1;
    if (span < 1)
      throw new ValidationError('The input is not valid', [
        { path: 'to', message: 'must not be before from' },
      ]);
    if (span > MAX_LIST_DAYS) {
      throw new ValidationError('The input is not valid', [
        { path: 'to', message: `a list covers at most ${MAX_LIST_DAYS} days` },
      ]);
    }
    const range = { from: localDayRange(from, settings).start, to: localDayRange(to, settings).end };
    const stored = await listEntries(this.deps.db, userId, range, parsed.status ?? 'confirmed');
    return stored.map((entry) => this.present(entry, settings));
  }

  async dailySummary(userId: string, day?: string): Promise<DailySummary> {
    const settings = await this.settingsOf(userId);
    const chosen = this.pastOrToday(day, settings, 'day');
    const { start, end } = localDayRange(chosen, settings);
    const stored = await listEntries(this.deps.db, userId, { from: start, to: end });
    return summarizeDay(
      userId,
      chosen,
      settings,
      stored.map((entry) => this.present(entry, settings)),
    );
  }

  async weeklySummary(userId: string, weekEndingDay?: string): Promise<WeeklySummary> {
    const settings = await this.settingsOf(userId);
    const endDay = this.pastOrToday(weekEndingDay, settings, 'endDay');
    const from = localDayRange(addDays(endDay, -(WEEK_DAYS - 1)), settings).start;
    const to = localDayRange(endDay, settings).end;
    const stored = await listEntries(this.deps.db, userId, { from, to });
    return summarizeWeek(
      userId,
      endDay,
      settings,
      stored.map((entry) => this.present(entry, settings)),
    );
  }

  /** The offline parser's items plus, for words it does not know, an online match when one is sure. */
  private async readText(text: string): Promise<ReadItems> {
    const readable = readableFoodText(text);
    if (readable === '') {
      return {
        items: [],
        unmatched: [{ text, reason: 'food_not_found', message: 'the text names no food' }],
      };
    }
    const parsed = this.parser.parse(readable);
    const items: FoodEntryItem[] = [];
    for (const item of parsed.items) items.push(itemFromParsed(item, await this.per100gOf(item)));
    const unmatched: UnmatchedFood[] = [];
    let onlineTries = 0;
    for (const phrase of parsed.unmatched) {
      const online =
        phrase.reason === 'food_not_found' && onlineTries++ < this.maxOnlineMatches
          ? await matchOnline(phrase, this.deps.lookup)
          : null;
      if (online) items.push(online);
      else unmatched.push(phrase);
    }
    return { items, unmatched };
  }

  /** Built on first use, like the shipped parser: indexing the SR28 table takes a second or two. */
  private get offline(): NutritionProvider {
    this.offlineProvider ??= createOfflineNutritionProvider();
    return this.offlineProvider;
  }

  private async per100gOf(item: ParsedFoodItem): Promise<NutrientValues> {
    const food = await this.offline.getById(item.foodId);
    // A parser over another table: recover per-100 g from the item itself (grams are always > 0).
    return food ? food.per100g : scaleNutrients(item.nutrients, 10_000 / item.grams);
  }

  private async saveDraft(
    userId: string,
    settings: FoodUserSettings,
    read: ReadItems,
    what: {
      description: string;
      source: FoodEntrySource;
      meal?: Meal | undefined;
      eatenAt?: Date | undefined;
    },
    now: Date,
  ): Promise<DraftResult> {
    if (read.items.length === 0) {
      this.deps.logger.info({ userId, unmatched: read.unmatched.length }, 'food text matched nothing');
      return { status: 'nothing_matched', entry: null, unmatched: read.unmatched };
    }
    this.refuseTooHeavy(read.items);
    const eatenAt = what.eatenAt ?? now;
    const stored = await insertDraft(
      this.deps.db,
      {
        userId,
        meal: what.meal ?? inferMeal(eatenAt, settings.timezone),
        description: what.description,
        source: what.source,
        items: read.items,
        totals: entryTotals(read.items).totals,
        eatenAt,
      },
      now,
    );
    this.deps.logger.info(
      {
        userId,
        entryId: stored.id,
        items: read.items.length,
        unmatched: read.unmatched.length,
        source: what.source,
      },
      'food draft created',
    );
    return { status: 'drafted', entry: this.present(stored, settings), unmatched: read.unmatched };
  }

  /** A malformed id names nobody: it is "not found", like another user's id. */
  private async settingsOf(userId: string, db: Db = this.deps.db): Promise<FoodUserSettings> {
    const settings = isUuid(userId) ? await readFoodUserSettings(db, userId) : null;
    if (!settings) throw new NotFoundError('user not found', { userId });
    return settings;
  }

  private async lockedEntry(db: Db, userId: string, entryId: string): Promise<StoredFoodEntry> {
    const entry = isUuid(entryId) ? await findEntry(db, userId, entryId, { forUpdate: true }) : null;
    if (!entry) throw new NotFoundError('food entry not found', { entryId });
    return entry;
  }

  private refuseExpired(entry: StoredFoodEntry, now: Date): void {
    const expiresAt = new Date(entry.createdAt.getTime() + this.draftTtlMs);
    if (now.getTime() < expiresAt.getTime()) return;
    throw new ConflictError(
      'This draft is more than 24 hours old and can no longer be confirmed; log the food again',
      {
        reason: 'draft_expired',
        entryId: entry.id,
        expiredAt: expiresAt.toISOString(),
      },
    );
  }

  private refuseTooHeavy(items: readonly FoodEntryItem[]): void {
    const grams = totalGrams(items);
    if (grams <= MAX_ENTRY_GRAMS) return;
    throw new ValidationError(`One entry can hold at most ${MAX_ENTRY_GRAMS / 1000} kg of food`, [
      { path: 'items', message: `${Math.round(grams)} g is more than ${MAX_ENTRY_GRAMS} g` },
    ]);
  }

  /** The day asked for (default today in the user's zone); a day after today is refused. */
  private pastOrToday(day: string | undefined, settings: FoodUserSettings, field: string): string {
    const today = localDayOf(this.deps.clock.now(), settings);
    if (day === undefined) return today;
    const chosen = parseFoodInput(calendarDaySchema, day, field);
    if (chosen > today)
      throw new ValidationError('The input is not valid', [
        { path: field, message: 'must not be in the future' },
      ]);
    return chosen;
  }

  private present(entry: StoredFoodEntry, settings: FoodUserSettings): FoodEntry {
    const hasNutrients = entry.items.every(
      (item) => typeof item.nutrients === 'object' && item.nutrients !== null,
    );
    return {
      ...entry,
      incompleteNutrients: hasNutrients ? entryTotals(entry.items).incomplete : [],
      localDay: localDayOf(entry.eatenAt, settings),
      draftExpiresAt: entry.status === 'draft' ? new Date(entry.createdAt.getTime() + this.draftTtlMs) : null,
    };
  }
}

/** Malformed ids cannot name a row (and PostgreSQL would reject them): they read as "not found". */
function validIds(userId: string, entryId: string): boolean {
  return isUuid(userId) && isUuid(entryId);
}

/** Grams changes and removals by item index; every index must exist and at least one item must stay. */
function applyItemChanges(
  items: readonly FoodEntryItem[],
  changes: ReadonlyArray<{ index: number; grams?: number | undefined; remove?: true | undefined }>,
): FoodEntryItem[] {
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<number>();
  changes.forEach((change, position) => {
    if (change.index >= items.length) {
      problems.push({ path: `items.${position}.index`, message: `the entry has ${items.length} item(s)` });
    } else if (seen.has(change.index)) {
      problems.push({ path: `items.${position}.index`, message: 'the same item is changed twice' });
    }
    seen.add(change.index);
  });
  if (problems.length > 0) throw new ValidationError('The input is not valid', problems);
  const next: (FoodEntryItem | null)[] = [...items];
  for (const change of changes) {
    const item = items[change.index] as FoodEntryItem;
    next[change.index] = change.remove ? null : withGrams(item, change.grams as number);
  }
  const kept = next.filter((item): item is FoodEntryItem => item !== null);
  if (kept.length === 0) {
    throw new ValidationError('An entry keeps at least one item; delete the entry instead', [
      { path: 'items', message: 'would remove every item' },
    ]);
  }
  return kept;
}

/** The food log: drafts, confirmation, edits and summaries over food_entries. */
export function createFoodLogService(deps: FoodLogServiceDependencies): FoodLogService {
  return new DatabaseFoodLog(deps);
}
