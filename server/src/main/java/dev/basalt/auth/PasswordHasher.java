package dev.basalt.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.basalt.records.PasswordHashing;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt, as PocketBase uses it ({@code $2a$}, cost 10 by default), so hashes imported from
 * PocketBase verify. Passwords longer than bcrypt's 72 bytes are truncated, as Go's bcrypt would
 * reject them; the password field caps length at 71 before it gets here.
 */
public final class PasswordHasher implements PasswordHashing {

    public static final int DEFAULT_COST = 10;

    private final BCrypt.Hasher hasher = BCrypt.with(BCrypt.Version.VERSION_2A, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(null, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

    @Override
    public String hash(String password, int cost) {
        return hasher.hashToString(Math.max(cost, DEFAULT_COST), password.toCharArray());
    }

    /** Whether the password matches the hash; false for an empty or malformed hash. */
    @Override
    public boolean matches(String password, String hash) {
        if (hash == null || hash.isEmpty()) {
            return false;
        }
        return verifyer.verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }
}
