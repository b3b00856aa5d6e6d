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

/** One record to write: its object store, key and value (the text exactly as stored). */
export type RawRecord = { store: string; key: string; value: string };

/**
 * Writes records into the planner's database with the raw indexedDB API, as an earlier
 * release left them, before the app has run: call it on a page of the app's origin that
 * does not start the app (such as `./boot.js`), then open the app. A missing database is
 * created as the app creates it (version 1: workspaces, drops and settings, out-of-line keys).
 */
export async function putRecords(page: Page, records: RawRecord[]): Promise<void> {
  await page.evaluate(async (records) => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open('personalisation-planner', 1);
      request.onupgradeneeded = () => {
        for (const store of ['workspaces', 'drops', 'settings']) {
          if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store);
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const transaction = db.transaction(['workspaces', 'drops', 'settings'], 'readwrite');
      for (const { store, key, value } of records) transaction.objectStore(store).put(value, key);
      await new Promise<void>((resolve, reject) => {
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
      });
    } finally {
      db.close();
    }
  }, records);
}

/**
 * Opens a page of the app's origin that does not start the app (its own `boot.js`, shown
 * as text), so records can be written before the app first runs. The browser asks for
 * `/favicon.ico` on such a page; it is answered here, empty, so no 404 is logged.
 */
export async function openWithoutApp(page: Page): Promise<void> {
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204, body: '' }));
  await page.goto('./boot.js');
}
