// Records of auth collections through the SDK: registering, owner-only rules, email visibility and
// the token invalidation a password change causes.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { ClientResponseError } from "pocketbase";
import { asSuperuser, guest, uniqueName } from "../support.mjs";

const PASSWORD = "first-password-123";
const NEW_PASSWORD = "second-password-456";

let notes;
let people;

/** A registered and logged-in user of `collection` (a fresh SDK client per user). */
async function registered(collection, prefix, extra = {}) {
  const email = `${uniqueName(prefix)}@example.com`;
  const pb = guest();
  const record = await pb.collection(collection).create({ email, password: PASSWORD, passwordConfirm: PASSWORD, ...extra });
  await pb.collection(collection).authWithPassword(email, PASSWORD);
  return { pb, record, email };
}

before(async () => {
  const su = await asSuperuser();
  const users = await su.collections.getOne("users");
  notes = uniqueName("notes");
  const owner = "owner = @request.auth.id";
  await su.collections.create({
    name: notes,
    type: "base",
    listRule: owner,
    viewRule: owner,
    createRule: "@request.auth.id != '' && owner = @request.auth.id",
    updateRule: owner,
    deleteRule: owner,
    fields: [
      { name: "title", type: "text" },
      { name: "owner", type: "relation", collectionId: users.id, maxSelect: 1, required: true },
    ],
  });
  people = uniqueName("people");
  await su.collections.create({
    name: people,
    type: "auth",
    listRule: "",
    viewRule: "",
    createRule: "",
    updateRule: "id = @request.auth.id",
    deleteRule: null,
  });
});

test("a user registers with create and logs in with authWithPassword", async () => {
  const email = `${uniqueName("reg")}@example.com`;
  const pb = guest();
  const record = await pb.collection("users").create({ email, password: PASSWORD, passwordConfirm: PASSWORD, name: "Reg" });
  assert.equal(record.collectionName, "users");
  assert.equal(record.verified, false);
  assert.equal(record.password, undefined);
  assert.equal(record.tokenKey, undefined);
  assert.equal(record.email, undefined, "a guest does not see a hidden email, even of the record it created");

  const auth = await pb.collection("users").authWithPassword(email, PASSWORD);
  assert.equal(auth.record.id, record.id);
  assert.equal(auth.record.email, email);
  assert.ok(pb.authStore.isValid);

  const own = await pb.collection("users").getOne(record.id);
  assert.equal(own.email, email);
  assert.equal(own.name, "Reg");
});

test("registering without a confirmation, or with a different one, is a 400", async () => {
  const email = `${uniqueName("bad")}@example.com`;
  await assert.rejects(guest().collection("users").create({ email, password: PASSWORD }), (err) => {
    assert.ok(err instanceof ClientResponseError);
    assert.equal(err.status, 400);
    assert.equal(err.response.data.passwordConfirm.code, "validation_required");
    return true;
  });
  await assert.rejects(
    guest().collection("users").create({ email, password: PASSWORD, passwordConfirm: "other-password" }),
    (err) => err.status === 400 && err.response.data.passwordConfirm.code === "validation_values_mismatch",
  );
  await assert.rejects(
    guest().collection("users").create({ email, password: PASSWORD, passwordConfirm: PASSWORD, verified: true }),
    (err) => err.status === 400 && err.response.data.verified !== undefined,
  );
});

test("owner-only rules: the owner sees and edits its record, another user gets 404 and an empty list", async () => {
  const alice = await registered("users", "alice");
  const bob = await registered("users", "bob");
  const note = await alice.pb.collection(notes).create({ title: "mine", owner: alice.record.id });

  assert.equal((await alice.pb.collection(notes).getOne(note.id)).title, "mine");
  const edited = await alice.pb.collection(notes).update(note.id, { title: "edited" });
  assert.equal(edited.title, "edited");
  const aliceList = await alice.pb.collection(notes).getList(1, 50);
  assert.deepEqual(aliceList.items.map((n) => n.id), [note.id]);

  await assert.rejects(bob.pb.collection(notes).getOne(note.id), (err) => err.status === 404);
  await assert.rejects(bob.pb.collection(notes).update(note.id, { title: "stolen" }), (err) => err.status === 404);
  const bobList = await bob.pb.collection(notes).getList(1, 50);
  assert.equal(bobList.totalItems, 0);
  assert.deepEqual(bobList.items, []);

  await assert.rejects(bob.pb.collection("users").getOne(alice.record.id), (err) => err.status === 404);
  await assert.rejects(
    bob.pb.collection(notes).create({ title: "forged", owner: alice.record.id }),
    (err) => err.status === 400,
  );
});

test("the email of another user is not visible unless it chose so", async () => {
  const carol = await registered(people, "carol");
  const dave = await registered(people, "dave");
  const erin = await registered(people, "erin", { emailVisibility: true });

  const carolSeenByDave = await dave.pb.collection(people).getOne(carol.record.id);
  assert.equal(carolSeenByDave.email, undefined);
  assert.equal((await carol.pb.collection(people).getOne(carol.record.id)).email, carol.email);
  assert.equal((await dave.pb.collection(people).getOne(erin.record.id)).email, erin.email);

  const list = await dave.pb.collection(people).getFullList({ filter: `id = "${carol.record.id}" || id = "${erin.record.id}"` });
  const byId = Object.fromEntries(list.map((r) => [r.id, r]));
  assert.equal(byId[carol.record.id].email, undefined);
  assert.equal(byId[erin.record.id].email, erin.email);

  const found = await dave.pb.collection(people).getList(1, 10, { filter: `email = "${carol.email}"` });
  assert.equal(found.totalItems, 0, "a hidden email cannot be searched for");

  const su = await asSuperuser();
  assert.equal((await su.collection(people).getOne(carol.record.id)).email, carol.email);
});

test("an owner cannot change its email or verify itself", async () => {
  const frank = await registered("users", "frank");
  await assert.rejects(
    frank.pb.collection("users").update(frank.record.id, { email: `${uniqueName("new")}@example.com` }),
    (err) => err.status === 400 && err.response.data.email !== undefined,
  );
  await assert.rejects(
    frank.pb.collection("users").update(frank.record.id, { verified: true }),
    (err) => err.status === 400 && err.response.data.verified !== undefined,
  );
  const visible = await frank.pb.collection("users").update(frank.record.id, { emailVisibility: true });
  assert.equal(visible.emailVisibility, true);
});

test("changing the password with oldPassword invalidates the old token", async () => {
  const grace = await registered("users", "grace");
  const oldToken = grace.pb.authStore.token;

  await assert.rejects(
    grace.pb.collection("users").update(grace.record.id, { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD }),
    (err) => err.status === 400 && err.response.data.oldPassword !== undefined,
  );
  await assert.rejects(
    grace.pb.collection("users").update(grace.record.id, {
      password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD, oldPassword: "wrong-password",
    }),
    (err) => err.status === 400 && err.response.data.oldPassword.code === "validation_invalid_old_password",
  );

  const updated = await grace.pb.collection("users").update(grace.record.id, {
    password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD, oldPassword: PASSWORD,
  });
  assert.equal(updated.password, undefined);

  // The next request with the old token is a guest's: the owner-only view rule answers 404.
  const stale = guest();
  stale.authStore.save(oldToken, null);
  await assert.rejects(stale.collection("users").getOne(grace.record.id), (err) => err.status === 404);

  await assert.rejects(guest().collection("users").authWithPassword(grace.email, PASSWORD), (err) => err.status === 400);
  const fresh = guest();
  await fresh.collection("users").authWithPassword(grace.email, NEW_PASSWORD);
  assert.equal((await fresh.collection("users").getOne(grace.record.id)).id, grace.record.id);
});
