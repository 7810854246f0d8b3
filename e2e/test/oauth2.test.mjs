import { test, before } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { ClientResponseError } from "pocketbase";
import { asSuperuser, guest, uniqueName, url } from "../support.mjs";

// OAuth2 sign-in with the SDK's authWithOAuth2Code against a real OIDC provider (mock-oauth2-server,
// started by the harness). The provider's login form is posted the way a browser would, with the
// subject and claims of the test user, and its redirect carries a real authorization code.
const issuer = process.env.BASALT_OIDC_ISSUER;
const REDIRECT = "http://127.0.0.1/oauth2-callback";
const collection = uniqueName("oauth");
const disabled = uniqueName("nooauth");
let admin;

before(async () => {
  assert.ok(issuer, "BASALT_OIDC_ISSUER is not set: run the tests through `node harness.mjs`");
  admin = await asSuperuser();
  await admin.collections.create({
    name: collection,
    type: "auth",
    // Sign-up goes through the create pipeline, so the create rule applies to it.
    createRule: "",
    fields: [{ name: "name", type: "text" }],
    oauth2: {
      enabled: true,
      mappedFields: { name: "name" },
      providers: [{
        name: "oidc",
        clientId: "basalt-e2e",
        clientSecret: "e2e-client-secret",
        authURL: `${issuer}/authorize`,
        tokenURL: `${issuer}/token`,
        userInfoURL: `${issuer}/userinfo`,
      }],
    },
  });
  await admin.collections.create({ name: disabled, type: "auth" });
});

/** A fresh PKCE pair, the provider's login with these claims, and the code from its redirect. */
async function authorize(subject, claims) {
  const codeVerifier = randomBytes(32).toString("base64url");
  const codeChallenge = createHash("sha256").update(codeVerifier).digest("base64url");
  const state = randomBytes(15).toString("hex");
  const query = new URLSearchParams({
    client_id: "basalt-e2e", response_type: "code", scope: "openid email profile", state,
    code_challenge: codeChallenge, code_challenge_method: "S256", redirect_uri: REDIRECT,
  });
  const r = await fetch(`${issuer}/authorize?${query}`, {
    method: "POST",
    body: new URLSearchParams({ username: subject, claims: JSON.stringify(claims) }),
    redirect: "manual",
  });
  assert.equal(r.status, 302);
  const location = new URL(r.headers.get("location"));
  assert.equal(location.searchParams.get("state"), state);
  return { code: location.searchParams.get("code"), codeVerifier };
}

test("a verified user is linked by email, then found again by the link", async () => {
  const email = `${uniqueName("linked")}@example.com`;
  await admin.collection(collection).create({ email, password: "linked-password-1", passwordConfirm: "linked-password-1", verified: true });
  const pb = guest();
  const a = await authorize("linked-subject", { email, email_verified: true, name: "Linked" });
  const first = await pb.collection(collection).authWithOAuth2Code("oidc", a.code, a.codeVerifier, REDIRECT);
  assert.equal(first.record.email, email);
  assert.equal(first.meta.id, "linked-subject");
  assert.equal(first.meta.isNew, false);
  assert.ok(pb.authStore.isValid);

  const b = await authorize("linked-subject", {});
  const second = await guest().collection(collection).authWithOAuth2Code("oidc", b.code, b.codeVerifier, REDIRECT);
  assert.equal(second.record.id, first.record.id);
  const links = await admin.collection("_externalAuths").getFullList({ filter: `recordRef = "${first.record.id}"` });
  assert.equal(links.length, 1);
  assert.equal(links[0].provider, "oidc");
});

test("a new provider user signs up with createData", async () => {
  const email = `${uniqueName("new")}@example.com`;
  const a = await authorize("new-subject", { email, email_verified: true, name: "New User" });
  const auth = await guest().collection(collection).authWithOAuth2Code("oidc", a.code, a.codeVerifier, REDIRECT, { emailVisibility: true });
  assert.equal(auth.meta.isNew, true);
  assert.equal(auth.record.email, email);
  assert.equal(auth.record.verified, true);
  assert.equal(auth.record.name, "New User");
});

test("an unknown provider is a 400 on data.provider", async () => {
  await assert.rejects(
    guest().collection(collection).authWithOAuth2Code("google", "code", "verifier", REDIRECT),
    (err) => err instanceof ClientResponseError && err.status === 400
      && err.response.data.provider?.code === "validation_invalid_provider",
  );
});

test("a collection without OAuth2 answers 403", async () => {
  await assert.rejects(
    guest().collection(disabled).authWithOAuth2Code("oidc", "code", "verifier", REDIRECT),
    (err) => err instanceof ClientResponseError && err.status === 403,
  );
});

test("a code presented with the wrong PKCE verifier is refused by the provider: 400", async () => {
  const a = await authorize("pkce-subject", { email: "pkce@example.com", email_verified: true });
  await assert.rejects(
    guest().collection(collection).authWithOAuth2Code("oidc", a.code, "x".repeat(43), REDIRECT),
    (err) => err instanceof ClientResponseError && err.status === 400
      && err.response.message === "Failed to fetch OAuth2 token.",
  );
});

test("the redirect page answers the browser", async () => {
  const r = await fetch(`${url}/api/oauth2-redirect?state=s&code=c`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get("content-type"), /text\/html/);
});
