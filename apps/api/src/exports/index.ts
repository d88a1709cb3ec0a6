export { csvLines, utf8Bom } from './csv.ts';
export { mountExports } from './routes.ts';
