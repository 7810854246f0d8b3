package dev.basalt.records;

import java.util.regex.Pattern;

/** The email address syntax Basalt accepts everywhere: the one PocketBase's validator accepts. */
public final class EmailFormat {

    // PocketBase compat: the address syntax of ozzo-validation's is.EmailFormat.
    private static final Pattern EMAIL = Pattern.compile(
            "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");

    private EmailFormat() {}

    public static boolean isValid(String address) {
        return EMAIL.matcher(address).matches();
    }
}
