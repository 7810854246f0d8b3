// Records CRUD through pb.collection(name).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ClientResponseError } from "pocketbase";
import { asSuperuser, uniqueName } from "../support.mjs";

const pb = await asSuperuser();
const name = uniqueName("e2e_crud");

before(async () => {
  await pb.collections.create({
    name,
    type: "base",
    listRule: "",
    viewRule: "",
    createRule: "",
    updateRule: "",
    deleteRule: "",
    fields: [
      { name: "title", type: "text", required: true },
      { name: "views", type: "number" },
      { name: "published", type: "bool" },
      { name: "tags", type: "select", values: ["a", "b", "c"], maxSelect: 3 },
      { name: "meta", type: "json" },
      { name: "created", type: "autodate", onCreate: true, onUpdate: false },
      { name: "updated", type: "autodate", onCreate: true, onUpdate: true },
    ],
  });
});

after(async () => {
  await pb.collections.delete(name).catch(() => {});
});

test("create, getOne, update and delete a record", async () => {
  const created = await pb.collection(name).create({
    title: "Hello",
    views: 3,
    published: true,
    tags: ["a", "c"],
    meta: { k: [1, 2] },
  });
  assert.match(created.id, /^[a-z0-9]{15}$/);
  assert.equal(created.collectionName, name);
  assert.match(created.collectionId, /^pbc_\d+$/);
  assert.equal(created.title, "Hello");
  assert.equal(created.views, 3);
  assert.equal(created.published, true);
  assert.deepEqual(created.tags, ["a", "c"]);
  assert.deepEqual(created.meta, { k: [1, 2] });
  assert.match(created.created, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/);

  const viewed = await pb.collection(name).getOne(created.id);
  assert.deepEqual(viewed, created);

  const updated = await pb.collection(name).update(created.id, { title: "Hello again", "views+": 2 });
  assert.equal(updated.title, "Hello again");
  assert.equal(updated.views, 5);
  assert.equal(updated.published, true, "fields not sent keep their value");
  assert.equal(updated.created, created.created);

  assert.equal(await pb.collection(name).delete(created.id), true);
  await assert.rejects(pb.collection(name).getOne(created.id), (e) => e instanceof ClientResponseError && e.status === 404);
});

test("a client-chosen id is kept", async () => {
  const r = await pb.collection(name).create({ id: "myownid12345678", title: "custom id" });
  assert.equal(r.id, "myownid12345678");
  await pb.collection(name).delete(r.id);
});

test("empty values follow PocketBase's per-type defaults", async () => {
  const r = await pb.collection(name).create({ title: "defaults" });
  assert.equal(r.views, 0);
  assert.equal(r.published, false);
  assert.deepEqual(r.tags, []);
  assert.equal(r.meta, null);
});

test("a missing required field is a 400 with its code", async () => {
  await assert.rejects(pb.collection(name).create({ views: 1 }), (e) => {
    assert.equal(e.status, 400);
    assert.equal(e.response.data.title.code, "validation_required");
    return true;
  });
});

test("updating or deleting an unknown id is a 404", async () => {
  await assert.rejects(pb.collection(name).update("nosuchrecord123", { title: "x" }), (e) => e.status === 404);
  await assert.rejects(pb.collection(name).delete("nosuchrecord123"), (e) => e.status === 404);
});
