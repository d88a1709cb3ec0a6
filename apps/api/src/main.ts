/**
 * `pnpm start` / `npm start`: read the configuration, start the server, stop cleanly on signals.
 */
import { ConfigError, loadConfig } from './config/index.ts';
import { startServer } from './server.ts';
import { StartupError } from './startup-errors.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`groundwork: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const server = await startServer(config).catch((error: unknown) => {
    if (error instanceof StartupError) {
      process.stderr.write(`groundwork: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

await main();
