package dev.basalt.records;

/**
 * The password hash of password fields, as the records package needs it. {@code auth} implements
 * it with bcrypt; records may not depend on auth, so the dependency points this way.
 */
public interface PasswordHashing {

    /** The hash of a plain password at {@code cost} (raised to the hasher's minimum). */
    String hash(String plain, int cost);

    /** Whether the plain password matches the stored hash; false for an empty hash. */
    boolean matches(String plain, String hash);
}
