import { test } from "node:test";
import assert from "node:assert/strict";
import { ClientResponseError } from "pocketbase";
import { asSuperuser } from "../support.mjs";

async function filesCollection(su) {
  const name = `files_${Math.random().toString(36).slice(2, 8)}`;
  await su.collections.create({
    name, type: "base",
    createRule: "", updateRule: "", viewRule: "", listRule: "", deleteRule: "",
    fields: [
      { name: "title", type: "text" },
      { name: "doc", type: "file", maxSelect: 1 },
      { name: "files", type: "file", maxSelect: 3, maxSize: 1000 },
    ],
  });
  return name;
}

const text = (content, name) => new File([content], name, { type: "text/plain" });

test("the SDK uploads files as multipart and gets the stored names back", async () => {
  const su = await asSuperuser();
  const name = await filesCollection(su);
  const record = await su.collection(name).create({
    title: "with files",
    doc: text("report", "Annual Report.txt"),
    files: [text("one", "one.txt"), text("two", "two.txt")],
  });
  assert.match(record.doc, /^annual_report_[a-z0-9]{10}\.txt$/);
  assert.equal(record.files.length, 2);
  assert.match(record.files[0], /^one_[a-z0-9]{10}\.txt$/);
  assert.match(record.files[1], /^two_[a-z0-9]{10}\.txt$/);
});

test("files+ appends, files- removes and an empty array clears", async () => {
  const su = await asSuperuser();
  const name = await filesCollection(su);
  const created = await su.collection(name).create({ files: [text("one", "one.txt")] });
  const appended = await su.collection(name).update(created.id, { "files+": text("three", "three.txt") });
  assert.equal(appended.files.length, 2);
  assert.equal(appended.files[0], created.files[0]);
  const removed = await su.collection(name).update(created.id, { "files-": [created.files[0]] });
  assert.deepEqual(removed.files, [appended.files[1]]);
  const cleared = await su.collection(name).update(created.id, { files: [] });
  assert.deepEqual(cleared.files, []);
});

test("an oversized file is a validation error on the field", async () => {
  const su = await asSuperuser();
  const name = await filesCollection(su);
  await assert.rejects(su.collection(name).create({ files: [text("x".repeat(1001), "big.txt")] }),
    (err) => err instanceof ClientResponseError && err.status === 400
      && err.response.data.files.code === "validation_file_size_limit");
});
