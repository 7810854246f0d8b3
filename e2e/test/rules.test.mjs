// API rules through the JS SDK: an owner-only collection seen by two regular users.
//
// The users are created by a superuser with pb.collection("users").create({password, passwordConfirm}).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ClientResponseError } from "pocketbase";
import { asSuperuser, guest, uniqueName } from "../support.mjs";

const su = await asSuperuser();
const name = uniqueName("e2e_rules");
const password = "rules-password-123";
const users = {};

async function createUser(label) {
  const email = `${uniqueName(label)}@example.com`;
  const record = await su.collection("users").create({ email, password, passwordConfirm: password });
  const pb = guest();
  await pb.collection("users").authWithPassword(email, password);
  return { record, pb };
}

before(async () => {
  await su.collections.create({
    name,
    type: "base",
    listRule: "owner = @request.auth.id",
    viewRule: "owner = @request.auth.id",
    createRule: "@request.auth.id != '' && owner = @request.auth.id",
    updateRule: "owner = @request.auth.id",
    deleteRule: "owner = @request.auth.id",
    fields: [
      { name: "title", type: "text" },
      { name: "owner", type: "relation", collectionId: "_pb_users_auth_", maxSelect: 1 },
    ],
  });
  users.alice = await createUser("alice");
  users.bob = await createUser("bob");
  for (const [who, { record, pb }] of Object.entries(users)) {
    users[who].notes = [
      await pb.collection(name).create({ title: `${who} 1`, owner: record.id }),
      await pb.collection(name).create({ title: `${who} 2`, owner: record.id }),
    ];
  }
});

after(async () => {
  await su.collections.delete(name).catch(() => {});
  for (const u of Object.values(users)) {
    await su.collection("users").delete(u.record.id).catch(() => {});
  }
});

function isStatus(status) {
  return (err) => err instanceof ClientResponseError && err.status === status;
}

test("each user lists only their own records", async () => {
  for (const [who, { pb, notes }] of Object.entries(users)) {
    const list = await pb.collection(name).getFullList({ sort: "title" });
    assert.deepEqual(list.map((r) => r.title), [`${who} 1`, `${who} 2`]);
    assert.deepEqual(list.map((r) => r.id).sort(), notes.map((r) => r.id).sort());
  }
  const all = await su.collection(name).getList(1, 10);
  assert.equal(all.totalItems, 4, "a superuser sees every record");
  const none = await guest().collection(name).getList(1, 10);
  assert.equal(none.totalItems, 0, "a guest sees none");
});

test("another user's record is a 404 on getOne, update and delete", async () => {
  const alice = users.alice.pb;
  const bobs = users.bob.notes[0];
  await assert.rejects(alice.collection(name).getOne(bobs.id), isStatus(404));
  await assert.rejects(alice.collection(name).update(bobs.id, { title: "taken" }), isStatus(404));
  await assert.rejects(alice.collection(name).delete(bobs.id), isStatus(404));
  const still = await users.bob.pb.collection(name).getOne(bobs.id);
  assert.equal(still.title, "bob 1");
  const own = await alice.collection(name).getOne(users.alice.notes[0].id);
  assert.equal(own.title, "alice 1");
});

test("getFirstListItem respects the list rule", async () => {
  const alice = users.alice.pb;
  const mine = await alice.collection(name).getFirstListItem(alice.filter("title = {:t}", { t: "alice 2" }));
  assert.equal(mine.id, users.alice.notes[1].id);
  await assert.rejects(
    alice.collection(name).getFirstListItem(alice.filter("title = {:t}", { t: "bob 2" })),
    isStatus(404),
  );
});

test("a create for another owner is refused with a 400", async () => {
  await assert.rejects(
    users.alice.pb.collection(name).create({ title: "for bob", owner: users.bob.record.id }),
    (err) => isStatus(400)(err) && Object.keys(err.response.data).length === 0,
  );
  await assert.rejects(guest().collection(name).create({ title: "guest" }), isStatus(400));
});
