/** `node --import tsx bench/support/generateStoresMain.ts <dir>`: makes the benchmark's local stores once. */
import { generateFileStore, generateSqliteStore } from './generateStores';

const dir = process.argv[2];
if (!dir) throw new Error('usage: generateStoresMain.ts <dir>');
generateSqliteStore(dir)
  .then(() => generateFileStore(dir))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
