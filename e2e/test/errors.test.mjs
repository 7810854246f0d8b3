import { test } from "node:test";
import assert from "node:assert/strict";
import { ClientResponseError } from "pocketbase";
import { guest, asSuperuser } from "../support.mjs";

test("an unknown collection is a 404 envelope", async () => {
  const pb = await asSuperuser();
  await assert.rejects(pb.collection("no_such_collection").getList(1, 10), (err) => {
    assert.ok(err instanceof ClientResponseError);
    assert.equal(err.status, 404);
    assert.equal(err.response.status, 404);
    assert.deepEqual(err.response.data, {});
    assert.match(err.response.message, /\.$/);
    return true;
  });
});

test("an unknown API path is a 404 envelope", async () => {
  await assert.rejects(guest().send("/api/no/such/route", { method: "GET" }), (err) => {
    assert.equal(err.status, 404);
    assert.deepEqual(err.response, { status: 404, message: "The requested resource wasn't found.", data: {} });
    return true;
  });
});
