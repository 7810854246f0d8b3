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
        return random(length, ALPHABET);
    }

    private static final char[] SECRET_ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    /** A random secret of {@code [a-zA-Z0-9]} (token secrets of auth collections). */
    public static String randomSecret(int length) {
        return random(length, SECRET_ALPHABET);
    }

    // One nextBytes call for the whole string, not one per character: the shared SecureRandom
    // serialises its callers, and every create draws an id. Bytes at or above the largest multiple
    // of the alphabet size are skipped, so every character stays equally likely.
    private static String random(int length, char[] alphabet) {
        char[] out = new char[length];
        int limit = 256 - 256 % alphabet.length;
        byte[] bytes = new byte[length + length / 4 + 4];
        int filled = 0;
        while (filled < length) {
            RANDOM.nextBytes(bytes);
            for (int i = 0; i < bytes.length && filled < length; i++) {
                int b = bytes[i] & 0xFF;
                if (b < limit) {
                    out[filled++] = alphabet[b % alphabet.length];
                }
            }
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
