import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseTemplate, TemplateError, createTemplateRegistry } from '../../core/templates/index.js';
import { mmToPt } from '../../core/units.js';

// Templates are validated on load; a bad one is refused with its file and field named.

const base = () => JSON.parse(readFileSync(new URL('../../templates/tabloid-6col.json', import.meta.url), 'utf8')) as Record<string, any>;

function refused(mutate: (t: Record<string, any>) => void, field: RegExp): void {
  const t = base();
  mutate(t);
  assert.throws(
    () => parseTemplate(t, 'templates/bad.json'),
    (err: unknown) => err instanceof TemplateError && err.file === 'templates/bad.json' && field.test(err.field) && err.message.startsWith('templates/bad.json: '),
  );
}

test('a template missing a field names the field', () => refused((t) => delete t.grid, /^grid$/));
test('a negative type size is refused at its style', () => refused((t) => (t.styles.body.size = -9), /^styles\.body\.size$/));
test('a required paragraph style missing is refused', () => refused((t) => delete t.styles.caption, /^styles\.caption$/));
test('columns that do not fit the 版心 are refused with the arithmetic', () => {
  const t = base();
  t.grid.columns = 9;
  assert.throws(() => parseTemplate(t, 'templates/bad.json'), /templates\/bad\.json: grid\.columns: 9 columns × 11 characters/);
});
test('a slot outside the grid is refused at the slot', () => refused((t) => (t.slots = [{ name: 'x', kind: 'article', rect: { column: 5, span: 3, line: 0, lines: 4 } }]), /^slots\.0\.rect\.span$/));
test('a style named by the furniture must exist', () => refused((t) => (t.furniture.masthead.titleStyle = 'nope'), /^furniture\.masthead\.titleStyle$/));

test('the grid in points follows the template: 四开 6 × 11 小五, 11.25 pt pitch (cjk-typesetting.md §2.1)', () => {
  const t = parseTemplate(base(), 'templates/tabloid-6col.json');
  assert.equal(t.columnWidth, 11 * 9);
  assert.equal(t.gutter, 9);
  assert.equal(t.pitch, 11.25);
  assert.ok(Math.abs(t.pageWidth - mmToPt(base().page.widthMm)) < 1e-9);
  // Lines: as many baselines as fit the 版心 height.
  assert.ok(t.lineTop(t.lines - 1) + t.em <= t.area.y + t.area.h + 1e-6);
  assert.ok(t.lineTop(t.lines) + t.em > t.area.y + t.area.h);
});

test('a registry names the file of a bad template', () => {
  const bad = base();
  bad.page.widthMm = 'wide';
  assert.throws(() => createTemplateRegistry([{ file: 'templates/user/wide.json', data: bad }]), /templates\/user\/wide\.json: page\.widthMm/);
});
