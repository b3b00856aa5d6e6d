// Reads the planner's IndexedDB database with the raw indexedDB API (not the app's code),
// so a test can see exactly what is stored on disk.
import type { Page } from '@playwright/test';

/** Every store's records, as [key, value] pairs sorted by key; null if there is no database. */
export type Stored = Record<string, [string, unknown][]> | null;

/** Every record of every store. The connection is closed again at once, so it never blocks the app. */
export async function storedRecords(page: Page): Promise<Stored> {
  return page.evaluate(async () => {
    const name = 'personalisation-planner';
    const known = await indexedDB.databases();
    // Opening a database that does not exist would create it: report it as absent.
    if (!known.some((database) => database.name === name)) return null;
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const stores = Array.from(db.objectStoreNames).sort();
      const out: Record<string, [string, unknown][]> = {};
      if (stores.length === 0) return out;
      const transaction = db.transaction(stores, 'readonly');
      const read = <T>(request: IDBRequest<T>): Promise<T> =>
        new Promise((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      for (const store of stores) {
        const objectStore = transaction.objectStore(store);
        const keys = await read(objectStore.getAllKeys());
        const values = await read(objectStore.getAll());
        const records: [string, unknown][] = keys.map((key, index) => [String(key), values[index]]);
        records.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        out[store] = records;
      }
      return out;
    } finally {
      db.close();
    }
  });
}

/** Every stored value as text, one per line: what a search for clear text looks through. */
export function storedText(stored: Stored): string {
  if (stored === null) return '';
  return Object.values(stored)
    .flatMap((records) => records.map(([key, value]) => `${key}\t${typeof value === 'string' ? value : JSON.stringify(value)}`))
    .join('\n');
}
