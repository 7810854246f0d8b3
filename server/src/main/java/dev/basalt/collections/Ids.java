package dev.basalt.collections;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/** Ids of collections, fields and records, generated as PocketBase generates them. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Ids() {}

    /** {@code pbc_} + CRC32 of type + name, e.g. {@code _superusers} → {@code pbc_3142635823}. */
    public static String collectionId(CollectionType type, String name) {
        return "pbc_" + crc32(type.wire() + name);
    }

    /** Field type + CRC32 of the name, e.g. the id text field → {@code text3208210256}. */
    public static String fieldId(String type, String name) {
        return type + crc32(name);
    }

    /** A random string of the record-id alphabet {@code [a-z0-9]}. */
    public static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    private static final char[] SECRET_ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    /** A random secret of {@code [a-zA-Z0-9]} (token secrets of auth collections). */
    public static String randomSecret(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = SECRET_ALPHABET[RANDOM.nextInt(SECRET_ALPHABET.length)];
        }
        return new String(out);
    }

    /** A new 15-character record id. */
    public static String recordId() {
        return random(15);
    }

    static long crc32(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
