export { renderMarkdown } from './markdown.ts';
export type * from './pledges.table.ts';
export * from './pledges.ts';
export * from './public.ts';
export * from './schemas.ts';
