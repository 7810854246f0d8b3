// Listing records: getList with filter/sort/fields, pb.filter placeholders, getFullList and
// getFirstListItem.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { asSuperuser, uniqueName } from "../support.mjs";

const pb = await asSuperuser();
const name = uniqueName("e2e_list");
const titles = ["alpha", "bravo", "charlie", "delta", "echo"];

before(async () => {
  await pb.collections.create({
    name,
    type: "base",
    listRule: "",
    viewRule: "",
    fields: [
      { name: "title", type: "text" },
      { name: "rank", type: "number" },
      { name: "published", type: "bool" },
    ],
  });
  for (const [i, title] of titles.entries()) {
    await pb.collection(name).create({ title, rank: i + 1, published: i % 2 === 0 });
  }
});

after(async () => {
  await pb.collections.delete(name).catch(() => {});
});

test("getList pages with totals", async () => {
  const page = await pb.collection(name).getList(2, 2, { sort: "rank" });
  assert.equal(page.page, 2);
  assert.equal(page.perPage, 2);
  assert.equal(page.totalItems, 5);
  assert.equal(page.totalPages, 3);
  assert.deepEqual(page.items.map((r) => r.title), ["charlie", "delta"]);
});

test("getList filters and sorts", async () => {
  const list = await pb.collection(name).getList(1, 30, { filter: "published = true && rank > 1", sort: "-rank" });
  assert.deepEqual(list.items.map((r) => r.title), ["echo", "charlie"]);
});

test("pb.filter binds placeholders safely", async () => {
  const filter = pb.filter("title = {:title} || title ~ {:part}", { title: "bravo", part: "lt' || 1=1 || '" });
  const list = await pb.collection(name).getList(1, 30, { filter, sort: "title" });
  assert.deepEqual(list.items.map((r) => r.title), ["bravo"]);
});

test("fields limits the keys of every item", async () => {
  const list = await pb.collection(name).getList(1, 1, { sort: "rank", fields: "id,title" });
  assert.deepEqual(Object.keys(list.items[0]).sort(), ["id", "title"]);
  assert.equal(list.totalItems, 5, "the envelope is kept");
});

test("an invalid filter is a 400", async () => {
  await assert.rejects(pb.collection(name).getList(1, 30, { filter: "title = " }), (e) => {
    assert.equal(e.status, 400);
    assert.deepEqual(e.response.data, {});
    return true;
  });
});

test("getFullList fetches every page with skipTotal", async () => {
  const all = await pb.collection(name).getFullList({ sort: "rank" });
  assert.deepEqual(all.map((r) => r.title), titles);
  const small = await pb.collection(name).getFullList({ batch: 2, sort: "-rank" });
  assert.deepEqual(small.map((r) => r.title), [...titles].reverse());
});

test("skipTotal answers -1 totals and perPage is clamped to 1000", async () => {
  const page = await pb.collection(name).getList(1, 5000, { skipTotal: true });
  assert.equal(page.perPage, 1000);
  assert.equal(page.totalItems, -1);
  assert.equal(page.totalPages, -1);
  assert.equal(page.items.length, 5);
});

test("getFirstListItem returns the first match", async () => {
  const r = await pb.collection(name).getFirstListItem(pb.filter("rank >= {:min}", { min: 4 }), { sort: "rank" });
  assert.equal(r.title, "delta");
});

test("getFirstListItem without a match is a 404", async () => {
  await assert.rejects(pb.collection(name).getFirstListItem('title = "zulu"'), (e) => {
    assert.equal(e.status, 404);
    return true;
  });
});
