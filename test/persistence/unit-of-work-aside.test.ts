import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rehearsal } from '../../src/platform/db/unit-of-work.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

for (const dialect of dialects()) {
  describe(`a write beside the use case: UnitOfWork.aside (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(async () => t?.close());

    if (dialect === 'sqlite') {
      it('runs nothing and answers null: with one writer, the work belongs in the use case', async () => {
        let ran = false;
        const answer = await t.ctx.uow.aside(async () => {
          ran = true;
          return 1;
        });
        assert.equal(answer, null);
        assert.equal(ran, false);
      });
      return;
    }

    it('commits at once: a create still in its transaction does not hold the day’s counter', async () => {
      const counter = (day: string) => t.ctx.uow.aside((repos) => repos.tickets.nextSequence(day));
      // A create as createTicket runs it: the number beside, then its own transaction, still open here.
      assert.equal(await counter('29990101'), 1);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const holding = t.ctx.uow.write(async () => {
        entered();
        await gate;
      });
      await inside;
      const next = await Promise.race([counter('29990101'), new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 2_000))]);
      release();
      await holding;
      assert.equal(next, 2, 'the next create takes its number while the first is still open');
    });

    it('keeps what it wrote when the use case after it fails', async () => {
      assert.equal(await t.ctx.uow.aside((repos) => repos.tickets.nextSequence('29990103')), 1);
      await assert.rejects(t.ctx.uow.write(async () => Promise.reject(new Error('the use case fails'))));
      assert.equal(await t.ctx.uow.aside((repos) => repos.tickets.nextSequence('29990103')), 2);
    });

    it('writes nothing in a rehearsal, whose writes all roll back', async () => {
      assert.equal(await rehearsal(t.ctx.uow).aside((repos) => repos.tickets.nextSequence('29990104')), null);
      assert.equal(await t.ctx.uow.aside((repos) => repos.tickets.nextSequence('29990104')), 1);
    });
  });
}
