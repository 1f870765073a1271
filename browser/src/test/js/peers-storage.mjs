// What a store keeps in IndexedDB, counted record by record (the side-by-side benchmark's W4):
// the sum over every record of every object store of the named databases of its key's and its
// value's sizes. Sizes: a string's UTF-8 length, a binary value's byte length, 8 bytes for a
// number or date, 1 for a boolean; arrays and objects the sum of their parts (an object's field
// names included). Not what the disk holds (LevelDB adds its own framing and compression and
// keeps old data until it compacts); navigator.storage.estimate() is reported beside it.

function utf8Length(s) {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { bytes += 4; i++; } else bytes += 3;
  }
  return bytes;
}

export function sizeOf(v) {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'string') return utf8Length(v);
  if (typeof v === 'number' || v instanceof Date) return 8;
  if (typeof v === 'boolean') return 1;
  if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return v.byteLength;
  if (v instanceof Blob) return v.size;
  if (Array.isArray(v)) return v.reduce((sum, x) => sum + sizeOf(x), 0);
  if (typeof v === 'object') return Object.entries(v).reduce((sum, [k, x]) => sum + utf8Length(k) + sizeOf(x), 0);
  return 0;
}

const done = request => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

/** The bytes of every record of the databases `names` (which must exist). */
export async function recordBytes(names) {
  let total = 0;
  for (const name of names) {
    const db = await done(indexedDB.open(name));
    try {
      for (const storeName of db.objectStoreNames) {
        const store = db.transaction(storeName, 'readonly').objectStore(storeName);
        await new Promise((resolve, reject) => {
          const cursor = store.openCursor();
          cursor.onerror = () => reject(cursor.error);
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (!at) { resolve(); return; }
            total += sizeOf(at.primaryKey) + sizeOf(at.value);
            at.continue();
          };
        });
      }
    } finally {
      db.close();
    }
  }
  return total;
}
