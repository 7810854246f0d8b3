// What every test file shares: the server the harness started, an SDK client for it, and names
// that do not collide between files (the files run in parallel against one server).
import PocketBase from "pocketbase";

export const url = process.env.BASALT_URL;
if (!url) {
  throw new Error("BASALT_URL is not set: run the tests through `node harness.mjs` (or `npm test`).");
}

export const superuser = {
  email: process.env.BASALT_SUPERUSER_EMAIL,
  password: process.env.BASALT_SUPERUSER_PASSWORD,
};

/** A fresh SDK client without auth. */
export function guest() {
  return new PocketBase(url);
}

/** A fresh SDK client authenticated as the harness's superuser. */
export async function asSuperuser() {
  const pb = new PocketBase(url);
  await pb.collection("_superusers").authWithPassword(superuser.email, superuser.password);
  return pb;
}

/** A collection name unique to this run: `prefix_xxxxxx`. */
export function uniqueName(prefix) {
  return `${prefix}_${Math.random().toString(36).slice(2, 8)}`;
}
