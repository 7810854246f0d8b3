import { test } from "node:test";
import assert from "node:assert/strict";
import { ClientResponseError } from "pocketbase";
import { asSuperuser, guest, uniqueName } from "../support.mjs";

function claims(token) {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}

test("files.getToken returns a file token for the authenticated record", async () => {
  const pb = await asSuperuser();
  const token = await pb.files.getToken();
  assert.equal(claims(token).type, "file");
  assert.equal(claims(token).id, pb.authStore.record.id);
});

test("files.getToken as a guest is a 401", async () => {
  await assert.rejects(guest().files.getToken(),
    (err) => err instanceof ClientResponseError && err.status === 401);
});

test("a files.getURL of a file the record does not hold answers a 404 envelope", async () => {
  const pb = await asSuperuser();
  const name = uniqueName("files");
  await pb.collections.create({ name, type: "base", listRule: "", viewRule: "", fields: [
    { name: "title", type: "text" },
    { name: "doc", type: "file", maxSelect: 1, thumbs: ["70x50"] },
  ] });
  const record = await pb.collection(name).create({ title: "no file" });
  const url = pb.files.getURL(record, "missing.png", { thumb: "70x50", download: true });
  assert.match(url, new RegExp(`/api/files/${record.collectionId}/${record.id}/missing.png\\?`));
  const res = await fetch(url);
  assert.equal(res.status, 404);
  const body = await res.json();
  assert.equal(body.status, 404);
  assert.deepEqual(body.data, {});
});
