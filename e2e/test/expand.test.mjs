// Relations and expand: single, multiple, nested and back-relations.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { asSuperuser, uniqueName } from "../support.mjs";

const pb = await asSuperuser();
const suffix = uniqueName("x").slice(2);
const names = { users: `e2e_people_${suffix}`, tags: `e2e_tags_${suffix}`, posts: `e2e_posts_${suffix}`, comments: `e2e_comments_${suffix}` };
const open = { listRule: "", viewRule: "", createRule: "", updateRule: "", deleteRule: "" };
let alice, bob, red, blue, post, c1, c2;

before(async () => {
  const people = await pb.collections.create({ name: names.users, type: "base", ...open, fields: [{ name: "name", type: "text" }] });
  const tags = await pb.collections.create({ name: names.tags, type: "base", ...open, fields: [{ name: "label", type: "text" }] });
  const posts = await pb.collections.create({
    name: names.posts,
    type: "base",
    ...open,
    fields: [
      { name: "title", type: "text" },
      { name: "author", type: "relation", collectionId: people.id, maxSelect: 1 },
      { name: "tags", type: "relation", collectionId: tags.id, maxSelect: 10 },
    ],
  });
  await pb.collections.create({
    name: names.comments,
    type: "base",
    ...open,
    fields: [
      { name: "body", type: "text" },
      { name: "post", type: "relation", collectionId: posts.id, maxSelect: 1, cascadeDelete: true },
      { name: "by", type: "relation", collectionId: people.id, maxSelect: 1 },
    ],
  });
  alice = await pb.collection(names.users).create({ name: "Alice" });
  bob = await pb.collection(names.users).create({ name: "Bob" });
  red = await pb.collection(names.tags).create({ label: "red" });
  blue = await pb.collection(names.tags).create({ label: "blue" });
  post = await pb.collection(names.posts).create({ title: "First", author: alice.id, tags: [blue.id, red.id] });
  c1 = await pb.collection(names.comments).create({ body: "nice", post: post.id, by: bob.id });
  c2 = await pb.collection(names.comments).create({ body: "thanks", post: post.id, by: alice.id });
});

after(async () => {
  for (const n of [names.comments, names.posts, names.tags, names.users]) {
    await pb.collections.delete(n).catch(() => {});
  }
});

test("a single relation expands to one record", async () => {
  const r = await pb.collection(names.posts).getOne(post.id, { expand: "author" });
  assert.equal(r.author, alice.id);
  assert.equal(r.expand.author.id, alice.id);
  assert.equal(r.expand.author.name, "Alice");
  assert.equal(r.expand.author.collectionName, names.users);
});

test("a multiple relation expands to an array in stored order", async () => {
  const r = await pb.collection(names.posts).getOne(post.id, { expand: "tags" });
  assert.deepEqual(r.tags, [blue.id, red.id]);
  assert.deepEqual(r.expand.tags.map((t) => t.label), ["blue", "red"]);
});

test("nested expands live in the child's expand", async () => {
  const r = await pb.collection(names.comments).getOne(c1.id, { expand: "post.author,by" });
  assert.equal(r.expand.by.name, "Bob");
  assert.equal(r.expand.post.id, post.id);
  assert.equal(r.expand.post.expand.author.name, "Alice");
});

test("a back-relation expands the referencing records", async () => {
  const r = await pb.collection(names.posts).getOne(post.id, { expand: `${names.comments}_via_post` });
  const comments = r.expand[`${names.comments}_via_post`];
  assert.ok(Array.isArray(comments));
  assert.deepEqual(comments.map((c) => c.id).sort(), [c1.id, c2.id].sort());
});

test("a back-relation can expand further", async () => {
  const r = await pb.collection(names.posts).getOne(post.id, { expand: `${names.comments}_via_post.by` });
  const byNames = r.expand[`${names.comments}_via_post`].map((c) => c.expand.by.name).sort();
  assert.deepEqual(byNames, ["Alice", "Bob"]);
});

test("expand works on lists and getFullList", async () => {
  const list = await pb.collection(names.comments).getList(1, 10, { expand: "by", sort: "body" });
  assert.deepEqual(list.items.map((c) => c.expand.by.name), ["Bob", "Alice"]);
  const all = await pb.collection(names.comments).getFullList({ expand: "post" });
  assert.ok(all.every((c) => c.expand.post.id === post.id));
});

test("an unknown expand is ignored and no expand key leaks", async () => {
  const r = await pb.collection(names.posts).getOne(post.id, { expand: "nope" });
  assert.equal(r.id, post.id);
  assert.deepEqual(r.expand ?? {}, {});
  const plain = await pb.collection(names.posts).getOne(post.id);
  assert.equal(plain.expand, undefined);
});

test("filtering through a relation", async () => {
  const list = await pb.collection(names.comments).getList(1, 10, {
    filter: pb.filter("post.author.name = {:n} && by.name != {:n}", { n: "Alice" }),
  });
  assert.deepEqual(list.items.map((c) => c.id), [c1.id]);
});
