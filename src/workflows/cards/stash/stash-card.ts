import { CardError, type CardFieldSpec, type CardRunContext } from '../../engine/card.js';
import { TablesError, type TableInfo, type TableRow, type TablesService, type WhereCondition } from '../../engine/services/tables.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';
import { toNumberLoose } from '../../engine/values/coerce.js';

/*
 * What the Tables (`stash`) cards share: the table they work on (the `stash` option, or a Table ID given
 * at run time), the tables service, Okta's where-expression, and the row outputs.
 */

/** Okta's address of a Tables card, as the newest exports write it. */
export function stashAddress(key: string, version = '0.7.148'): string {
  return `root:channels:http:stash:${version}:${key}`;
}

/** Connector cards carry a 30 s timeout in Okta's exports. */
export const STASH_TIMEOUT = 30000;

/** The option that names the table (`parameters.stash`, shown as "Table"). */
export const TABLE_OPTION: CardFieldSpec = { key: 'stash', type: 'string', group: 'parameters', label: 'Table' };

/** The table's id: the chosen table, or the `Table ID` input when the card takes the table at run time. */
export function tableIdOf(ctx: CardRunContext): string {
  const chosen = textOf(ctx.input('stash', 'parameters')).trim() || textOf(ctx.input('Table ID')).trim();
  if (chosen === '') throw new CardError('no table is chosen (choose one, or provide its Table ID at run time)');
  return chosen;
}

/** Runs a tables operation; its failures become the card's error (404/400 as the status). */
export async function withTables<T>(ctx: CardRunContext, operation: (tables: TablesService) => Promise<T>): Promise<T> {
  const tables = ctx.services.tables;
  if (!tables) throw new CardError("tables need the host's tables (services.tables), which this run does not have");
  try {
    return await operation(tables);
  } catch (error) {
    if (error instanceof TablesError) throw new CardError(error.message, { httpStatus: error.reason === 'not-found' ? 404 : 400 });
    throw error;
  }
}

/**
 * Okta's where-expression, `{"expr":[{lhs, op, join, rhs | rhd}]}`: `rhs` is a literal; `rhd`
 * (`{outputId, methodId}`) points at the card's hidden `_expr` input whose key is `outputId`, which
 * carries the value wired from an earlier card. An empty object (or none) matches every row.
 */
export function whereOf(ctx: CardRunContext, key = 'Where Expression', group = 'Filter'): WhereCondition[] {
  const expression = ctx.input(key, group);
  if (expression === null || expression === undefined || expression === '') return [];
  if (!isPlainObject(expression)) throw new CardError(`the where-expression must be an object, not ${JSON.stringify(expression)}`);
  const list = expression.expr;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new CardError('the where-expression\'s "expr" must be a list of conditions');
  return list.map((item, index): WhereCondition => {
    if (!isPlainObject(item) || typeof item.lhs !== 'string' || item.lhs === '') throw new CardError(`condition ${index + 1} of the where-expression names no column`);
    return { column: item.lhs, operator: typeof item.op === 'string' ? item.op : '=', join: typeof item.join === 'string' ? item.join : 'AND', value: conditionValue(ctx, item) };
  });
}

function conditionValue(ctx: CardRunContext, condition: Record<string, unknown>): unknown {
  if (isPlainObject(condition.rhd) && typeof condition.rhd.outputId === 'string') return ctx.input(condition.rhd.outputId, '_expr');
  return condition.rhs ?? null;
}

/** Cell values by column name from the card's inputs of a group (Create Row's and Update Row's `Fields`). */
export function fieldValues(ctx: CardRunContext, group = 'Fields'): Record<string, unknown> {
  const values = new Map<string, unknown>();
  for (const input of ctx.inputs) if (input.field.group === group && !values.has(input.field.key)) values.set(input.field.key, input.value);
  return Object.fromEntries(values);
}

/**
 * The values of the columns the table has. A card may carry a field whose column was since removed
 * or renamed (Okta's templates do); like Okta, the card runs and the field is left out.
 */
export function knownColumns(table: TableInfo, values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => table.columns.some((column) => column.name === name)));
}

/** Row ID, Created and Updated: what a card shows about a row besides its cells. */
const ROW_KEYS = ['Row ID', 'Created', 'Updated'] as const;

/**
 * One row's outputs by output field id: a field in group `Fields` shows the cell of the column with its
 * key; `Row ID`, `Created` and `Updated` (group `Row`, `Output`, …) show the row's own. No row: none.
 */
export function rowOutputs(ctx: CardRunContext, row: TableRow | undefined): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  if (!row) return outputs;
  const own: Record<string, unknown> = { 'Row ID': row.id, Created: row.created, Updated: row.updated };
  for (const field of ctx.outputFields) {
    const isCell = Object.hasOwn(row.cells, field.key);
    if (field.group === 'Fields' && isCell) outputs[field.id] = row.cells[field.key];
    else if ((ROW_KEYS as readonly string[]).includes(field.key) && field.group !== 'Fields') outputs[field.id] = own[field.key];
    else if (isCell) outputs[field.id] = row.cells[field.key];
  }
  return outputs;
}

/** A whole number from a number input (Limit, Offset); nothing, 0 or text that is no number: undefined. */
export function countInput(ctx: CardRunContext, key: string, group?: string): number | undefined {
  const value = toNumberLoose(ctx.input(key, group));
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  if (value < 0) throw new CardError(`${key} cannot be negative (${value})`);
  return Math.floor(value);
}
