import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyText } from '../src/copy.js';

/** The bits of a document copyText's fallback uses, recording what happened. */
function fakeDocument(execResult) {
  const log = { appended: [], removed: 0, commands: [] };
  const doc = {
    createElement: () => ({
      value: '', style: {}, setAttribute() {}, select() { log.selected = this.value; }, remove() { log.removed += 1; },
    }),
    body: { appendChild: (el) => log.appended.push(el) },
    execCommand: (command) => { log.commands.push(command); return execResult; },
  };
  return { doc, log };
}

describe('copyText', () => {
  it('uses the clipboard API when it works', async () => {
    let written;
    const { doc, log } = fakeDocument(true);
    const how = await copyText('kind: Gateway', { clipboard: { writeText: async (t) => { written = t; } }, document: doc });
    assert.equal(how, 'clipboard');
    assert.equal(written, 'kind: Gateway');
    assert.deepEqual(log.commands, []);
  });
  it('falls back to a textarea and execCommand when the clipboard API is refused', async () => {
    const { doc, log } = fakeDocument(true);
    const refusing = { writeText: async () => { throw new Error('NotAllowedError'); } };
    assert.equal(await copyText('a: b', { clipboard: refusing, document: doc }), 'fallback');
    assert.equal(log.selected, 'a: b');
    assert.deepEqual(log.commands, ['copy']);
    assert.equal(log.removed, 1, 'the textarea is removed again');
  });
  it('falls back when there is no clipboard API and rejects when copying fails', async () => {
    const { doc } = fakeDocument(false);
    await assert.rejects(copyText('x', { clipboard: undefined, document: doc }), /copy failed/);
  });
});
