// Child process for the intake benchmark: builds the real app on the given database and listens
// on loopback, then prints one JSON line with the URL and a customer API token.
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createUserWithToken } from '../../test/helpers/users.js';

const databaseUrl = process.env.BENCH_DATABASE_URL!;
const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: process.env.BENCH_DATA_DIR!, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', WRITE_BATCH_MAX: process.env.BENCH_WRITE_BATCH_MAX ?? '64' });
const app = await buildApp(config);
const customer = await createUserWithToken(app.services.database.db, 'customer');
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, authorization: customer.headers.authorization })}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
