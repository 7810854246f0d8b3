// The issue-4 round trip through the JS SDK: a PNG uploaded with FormData is read back byte for
// byte through pb.files.getURL, a thumb of a listed size is a real PNG of that size, and a
// protected file is served only with a file token.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import { asSuperuser, guest, uniqueName } from "../support.mjs";

const su = await asSuperuser();
const name = uniqueName("e2e_files");
const password = "files-password-123";
let user;

// A w×h RGB PNG with a gradient, built by hand so the test needs no image library.
function png(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, "ascii");
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * (w * 3 + 1) + 1 + x * 3;
      rows[i] = (x * 255) / w;
      rows[i + 1] = (y * 255) / h;
      rows[i + 2] = 128;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function pngSize(bytes) {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function fetchBytes(fileUrl) {
  const res = await fetch(fileUrl);
  return { status: res.status, type: res.headers.get("content-type"), bytes: Buffer.from(await res.arrayBuffer()) };
}

before(async () => {
  await su.collections.create({
    name,
    type: "base",
    listRule: "@request.auth.id != ''",
    viewRule: "@request.auth.id != ''",
    createRule: "@request.auth.id != ''",
    fields: [
      { name: "title", type: "text" },
      { name: "photo", type: "file", maxSelect: 1, maxSize: 1 << 20, mimeTypes: ["image/png"], thumbs: ["40x30"] },
      { name: "secret", type: "file", maxSelect: 1, protected: true },
    ],
  });
  const email = `${uniqueName("files")}@example.com`;
  await su.collection("users").create({ email, password, passwordConfirm: password });
  user = guest();
  await user.collection("users").authWithPassword(email, password);
});

after(async () => {
  await su.collections.delete(name).catch(() => {});
  if (user?.authStore.record) {
    await su.collection("users").delete(user.authStore.record.id).catch(() => {});
  }
});

test("a PNG uploaded with FormData reads back byte for byte, and its thumb has the asked size", async () => {
  const original = png(200, 150);
  const form = new FormData();
  form.append("title", "holiday");
  form.append("photo", new Blob([original], { type: "image/png" }), "Holiday Photo.png");
  const record = await user.collection(name).create(form);

  assert.match(record.photo, /^holiday_photo_[a-z0-9]{10}\.png$/);
  const read = await fetchBytes(user.files.getURL(record, record.photo));
  assert.equal(read.status, 200);
  assert.equal(read.type, "image/png");
  assert.ok(read.bytes.equals(original), "the downloaded file equals the upload");

  const thumb = await fetchBytes(user.files.getURL(record, record.photo, { thumb: "40x30" }));
  assert.equal(thumb.status, 200);
  assert.deepEqual(pngSize(thumb.bytes), { width: 40, height: 30 });
});

test("an upload of a disallowed type is refused and stores nothing", async () => {
  const form = new FormData();
  form.append("photo", new Blob(["not an image"], { type: "image/png" }), "fake.png");
  await assert.rejects(user.collection(name).create(form), (err) => {
    assert.equal(err.status, 400);
    assert.equal(err.response.data.photo.code, "validation_invalid_mime_type");
    return true;
  });
});

test("a protected file needs a file token", async () => {
  const form = new FormData();
  form.append("secret", new Blob(["the plans"], { type: "text/plain" }), "plans.txt");
  const record = await user.collection(name).create(form);

  const withoutToken = await fetch(user.files.getURL(record, record.secret));
  assert.equal(withoutToken.status, 404);

  const token = await user.files.getToken();
  const withToken = await fetchBytes(user.files.getURL(record, record.secret, { token }));
  assert.equal(withToken.status, 200);
  assert.equal(withToken.bytes.toString("utf8"), "the plans");

  await assert.rejects(guest().files.getToken(), (err) => err.status === 401);
});
