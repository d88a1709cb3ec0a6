import { seedDemo } from '@groundwork/core/demo';
import { AppError } from '@groundwork/core/errors';
import {
  createPledge,
  getPledgeBySlug,
  getPublicPledge,
  listPledges,
  renderMarkdown,
  setPledgeStatus,
  updatePledge,
} from '@groundwork/core/pledges';
import { describe, expect, it } from 'vitest';

import {
  basePledge,
  chapterId,
  clock,
  db,
  publicUrl,
  usePledgeDatabase,
} from './pledges-fixture.ts';

usePledgeDatabase();

describe('pledges', () => {
  it('seeds the live demo pledge in both languages, idempotently', async () => {
    expect(await seedDemo(db.kysely, clock)).toBe(true);
    expect(await seedDemo(db.kysely, clock)).toBe(false);
    const fr = await getPublicPledge(db.kysely, 'quit-chatgpt', undefined, { publicUrl });
    expect(fr.title).toBe('Je résilie mon abonnement ChatGPT');
    expect(fr.locale).toBe('fr');
    expect(fr.goal).toBe(20000);
    expect(fr.nextSteps).toHaveLength(5);
    expect(fr.questions.map((q) => q.kind)).toEqual(['multiple', 'single']);
    const en = await getPublicPledge(db.kysely, 'quit-chatgpt', 'en', { publicUrl });
    expect(en.title).toBe("I'm cancelling my ChatGPT subscription");
    expect(en.questions[0]?.options[0]?.label).toBe("The company's political ties");
    expect(en.shareUrl).toBe(`${publicUrl}/p/quit-chatgpt`);
    expect(en.bodyHtml).toContain('<strong>Cancelling is voting with your wallet.</strong>');
  });

  it('renders Markdown without raw HTML, unsafe links or remote images', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> [x](javascript:alert(1)) [ok](https://a.example) ![img](https://t.example/p.png)',
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('href="https://a.example"');
    expect(html).not.toContain('<img');
  });

  it('creates, updates, lists and hides drafts from the public', async () => {
    const draft = await createPledge(
      db.kysely,
      chapterId,
      basePledge('draft-one', { status: 'draft' }),
      clock,
    );
    await expect(getPublicPledge(db.kysely, 'draft-one')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await updatePledge(
      db.kysely,
      draft.id,
      basePledge('draft-one', { status: 'draft', goal: 77 }),
      clock,
    );
    expect((await getPledgeBySlug(db.kysely, 'draft-one'))?.goal).toBe(77);
    await setPledgeStatus(db.kysely, draft.id, 'live', clock);
    expect((await getPublicPledge(db.kysely, 'draft-one')).status).toBe('live');
    const list = await listPledges(db.kysely, chapterId);
    expect(list.map((p) => p.slug)).toContain('draft-one');
    const taken = await createPledge(db.kysely, chapterId, basePledge('draft-one'), clock).catch(
      (e) => e,
    );
    expect(taken).toBeInstanceOf(AppError);
    expect(taken.fields).toHaveProperty('slug');
  });

  it('refuses a choice question without options, naming the field', async () => {
    const error = await createPledge(
      db.kysely,
      chapterId,
      basePledge('bad-question', {
        questions: [
          { id: 'q', kind: 'single', required: true, label: { fr: 'Q', en: 'Q' }, options: [] },
        ],
      }),
    ).catch((e) => e);
    expect(error.fields).toHaveProperty('questions.0.options');
  });

  it('refuses a goal that is not a whole number or too big, in words, never rounding it', async () => {
    const fieldsFor = (goal: number) =>
      createPledge(db.kysely, chapterId, basePledge('odd-goal', { goal })).then(
        () => ({}),
        (e: AppError) => e.fields,
      );
    expect(await fieldsFor(1.5)).toEqual({ goal: 'Must be a whole number.' });
    expect(await fieldsFor(2_000_000_000)).toEqual({ goal: 'At most 1,000,000,000.' });
    expect(await fieldsFor(0)).toEqual({ goal: 'At least 1.' });
    expect(await getPledgeBySlug(db.kysely, 'odd-goal')).toBeUndefined();
  });
});
