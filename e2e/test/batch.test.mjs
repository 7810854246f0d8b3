// The batch API through pb.createBatch(): writes of several collections committed together, or not at all.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ClientResponseError } from "pocketbase";
import { asSuperuser, uniqueName } from "../support.mjs";

const pb = await asSuperuser();
const authors = uniqueName("e2e_batch_authors");
const posts = uniqueName("e2e_batch_posts");
let authorsId;

before(async () => {
  await pb.settings.update({ batch: { enabled: true, maxRequests: 50 } });
  const open = { listRule: "", viewRule: "", createRule: "", updateRule: "", deleteRule: "" };
  authorsId = (await pb.collections.create({
    name: authors, type: "base", ...open, fields: [{ name: "name", type: "text", required: true }],
  })).id;
  await pb.collections.create({
    name: posts, type: "base", ...open,
    fields: [
      { name: "title", type: "text", required: true },
      { name: "views", type: "number" },
      { name: "author", type: "relation", collectionId: authorsId, maxSelect: 1 },
    ],
  });
});

after(async () => {
  await pb.collections.delete(posts).catch(() => {});
  await pb.collections.delete(authors).catch(() => {});
});

test("a batch of creates, updates, upserts and deletes succeeds as one", async () => {
  const doomed = await pb.collection(posts).create({ title: "doomed" });
  const kept = await pb.collection(posts).create({ title: "kept", views: 1 });

  const batch = pb.createBatch();
  batch.collection(authors).create({ id: "batchauthor0001", name: "Ann" });
  batch.collection(posts).create({ title: "new", author: "batchauthor0001" }, { expand: "author" });
  batch.collection(posts).update(kept.id, { "views+": 2 });
  batch.collection(posts).upsert({ id: "batchupsert0001", title: "upserted" });
  batch.collection(posts).delete(doomed.id);
  const results = await batch.send();

  assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 204]);
  assert.equal(results[0].body.name, "Ann");
  assert.equal(results[1].body.title, "new");
  assert.equal(results[1].body.expand.author.name, "Ann");
  assert.equal(results[1].body.collectionName, posts);
  assert.equal(results[2].body.views, 3);
  assert.equal(results[3].body.id, "batchupsert0001");
  assert.equal(results[4].body, null);

  assert.equal((await pb.collection(posts).getOne(kept.id)).views, 3);
  assert.equal((await pb.collection(posts).getOne("batchupsert0001")).title, "upserted");
  await assert.rejects(pb.collection(posts).getOne(doomed.id), (e) => e instanceof ClientResponseError && e.status === 404);

  const again = pb.createBatch();
  again.collection(posts).upsert({ id: "batchupsert0001", title: "upserted twice" });
  const [updated] = await again.send();
  assert.equal(updated.body.title, "upserted twice");
});

test("a batch with one failing request persists nothing", async () => {
  const existing = await pb.collection(posts).create({ title: "untouched" });

  const batch = pb.createBatch();
  batch.collection(posts).create({ title: "rolled back" });
  batch.collection(posts).update(existing.id, { title: "changed" });
  batch.collection(posts).create({ title: "" });
  await assert.rejects(batch.send(), (e) => {
    assert.ok(e instanceof ClientResponseError);
    assert.equal(e.status, 400);
    assert.equal(e.response.message, "Batch transaction failed.");
    const failure = e.response.data.requests["2"];
    assert.equal(failure.code, "batch_request_failed");
    assert.equal(failure.response.status, 400);
    assert.equal(failure.response.data.title.code, "validation_required");
    return true;
  });

  assert.equal((await pb.collection(posts).getList(1, 1, { filter: 'title = "rolled back"' })).totalItems, 0);
  assert.equal((await pb.collection(posts).getOne(existing.id)).title, "untouched");
});

test("the body checks answer as PocketBase does", async () => {
  const batch = pb.createBatch();
  await assert.rejects(batch.send(), (e) => {
    assert.equal(e.status, 400);
    assert.equal(e.response.data.requests.code, "validation_required");
    return true;
  });
});
