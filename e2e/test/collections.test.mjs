// Collections API through pb.collections (superusers only).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { ClientResponseError } from "pocketbase";
import { asSuperuser, guest, uniqueName } from "../support.mjs";

const pb = await asSuperuser();
const name = uniqueName("e2e_coll");
const renamed = `${name}_renamed`;

after(async () => {
  for (const n of [name, renamed]) {
    await pb.collections.delete(n).catch(() => {});
  }
});

test("create, view, update and delete a base collection", async (t) => {
  let created;
  await t.test("create returns the full model with the id field prepended", async () => {
    created = await pb.collections.create({
      name,
      type: "base",
      listRule: "",
      viewRule: "",
      fields: [
        { name: "title", type: "text", required: true, max: 200 },
        { name: "views", type: "number", onlyInt: true },
        { name: "published", type: "bool" },
      ],
    });
    assert.match(created.id, /^pbc_\d+$/);
    assert.equal(created.name, name);
    assert.equal(created.type, "base");
    assert.equal(created.system, false);
    assert.equal(created.listRule, "");
    assert.equal(created.createRule, null);
    assert.deepEqual(created.fields.map((f) => f.name), ["id", "title", "views", "published"]);
    const id = created.fields[0];
    assert.equal(id.primaryKey, true);
    assert.equal(id.pattern, "^[a-z0-9]+$");
    assert.equal(created.fields[1].required, true);
    assert.match(created.created, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  await t.test("getOne finds it by name and by id", async () => {
    assert.equal((await pb.collections.getOne(name)).id, created.id);
    assert.equal((await pb.collections.getOne(created.id)).name, name);
  });

  await t.test("getList and getFullList include it", async () => {
    const list = await pb.collections.getList(1, 200, { filter: pb.filter("name = {:name}", { name }) });
    assert.equal(list.totalItems, 1);
    assert.equal(list.items[0].id, created.id);
    const all = await pb.collections.getFullList();
    assert.ok(all.some((c) => c.name === "_superusers"));
    assert.ok(all.some((c) => c.id === created.id));
  });

  await t.test("update adds a field, changes a rule and renames", async () => {
    const fields = [...created.fields, { name: "summary", type: "editor" }];
    const updated = await pb.collections.update(created.id, { name: renamed, createRule: "", fields });
    assert.equal(updated.id, created.id);
    assert.equal(updated.name, renamed);
    assert.equal(updated.createRule, "");
    assert.deepEqual(updated.fields.map((f) => f.name), ["id", "title", "views", "published", "summary"]);
    const record = await pb.collection(renamed).create({ title: "after rename", summary: "<p>x</p>" });
    assert.equal(record.summary, "<p>x</p>");
  });

  await t.test("delete removes it; the next read is a 404", async () => {
    assert.equal(await pb.collections.delete(renamed), true);
    await assert.rejects(pb.collections.getOne(renamed), (e) => e instanceof ClientResponseError && e.status === 404);
    await assert.rejects(pb.collection(renamed).getList(), (e) => e.status === 404);
  });
});

test("an invalid collection is a 400 naming the field", async () => {
  await assert.rejects(pb.collections.create({ name: "bad name!", type: "base" }), (e) => {
    assert.equal(e.status, 400);
    assert.equal(typeof e.response.data.name.code, "string");
    return true;
  });
});

test("a duplicate name is rejected", async () => {
  await assert.rejects(pb.collections.create({ name: "_superusers", type: "base" }), (e) => e.status === 400);
});

test("guests may not manage collections", async () => {
  await assert.rejects(guest().collections.getList(), (e) => e.status === 401);
});
