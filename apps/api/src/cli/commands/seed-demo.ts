import { seedDemo } from '@groundwork/core/demo';
import type { Command } from '../command.ts';

export const seedDemoCommand: Command = {
  name: 'seed-demo',
  summary: 'create the demo campaign "QuitGPT Paris" if it is not there',
  usage: '',
  options: {},
  async run(ctx) {
    const db = await ctx.db();
    const created = await seedDemo(db.kysely);
    ctx.out(created ? 'Demo campaign created.' : 'The demo campaign is already there.');
  },
};
