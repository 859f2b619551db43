// The inspector's 主题字体 as an operation (setStoryFrameProps with headlineFont): one undoable
// change of the frame, cleared back to the template's face, a face the composer does not have refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Issue, StoryFrame } from '../../core/model/issue.js';
import { OperationError, setStoryFrameProps, type Operation } from '../../renderer/workspace/model/operations.js';
import { IssueSession } from '../../renderer/workspace/model/session.js';
import { compose, counterIds, oneStoryIssue, templates } from '../fixtures/build.js';

const FACES = new Set(['serif', 'serif-black', 'sans', 'sans-bold']);
const run = (issue: Issue, op: Operation, fontKeys?: ReadonlySet<string>) => op.run(issue, { templates, newId: counterIds(), ...(fontKeys ? { fontKeys } : {}) });
const frame = (issue: Issue) => issue.pages[0].frames[0] as StoryFrame;

test('set and cleared: only that frame changes; unknown or malformed faces are refused with the face named', () => {
  const issue = oneStoryIssue('正文。', { lines: 20 });
  const set = run(issue, setStoryFrameProps('f1', { headlineFont: 'serif-black' }), FACES);
  assert.equal(frame(set).headlineFont, 'serif-black');
  assert.equal(set.stories, issue.stories, 'the stories are shared, unchanged');
  const cleared = run(set, setStoryFrameProps('f1', { headlineFont: undefined }), FACES);
  assert.equal('headlineFont' in frame(cleared), false);
  const refused = (face: string, keys?: ReadonlySet<string>) =>
    assert.throws(() => run(issue, setStoryFrameProps('f1', { headlineFont: face }), keys), (e) => e instanceof OperationError && e.key === 'error.unknownFace' && e.values?.face === face);
  refused('kaiti', FACES);
  refused('serif-bold', FACES);
  refused('');
  refused('../fonts/x.ttf');
  // Without the loaded list, any well-formed key passes (the file's validation has the manifest).
  assert.equal(frame(run(issue, setStoryFrameProps('f1', { headlineFont: 'serif-bold' }))).headlineFont, 'serif-bold');
});

test('in a session: one undo step, recomposed in the face', () => {
  const session = new IssueSession({ issue: oneStoryIssue('正文。', { lines: 20, headline: '老旧小区换新颜' }), path: '', templates, compose, newId: counterIds(), fontKeys: FACES });
  const faces = () => [...new Set(session.composed.stories.lead.lines.filter((l) => l.style === 'headline').flatMap((l) => l.runs.map((r) => r.font)))];
  const before = faces();
  assert.notDeepEqual(before, ['serif-black']);
  session.apply(setStoryFrameProps('f1', { headlineFont: 'serif-black' }));
  assert.deepEqual(faces(), ['serif-black']);
  assert.equal(session.canUndo, true);
  session.undo();
  assert.deepEqual(faces(), before);
  assert.equal(session.canUndo, false);
  assert.equal(session.apply(setStoryFrameProps('f1', { headlineFont: 'kaiti' })).ok, false);
});
