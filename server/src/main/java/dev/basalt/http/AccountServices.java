package dev.basalt.http;

import dev.basalt.auth.AuthAlerts;
import dev.basalt.auth.EmailChange;
import dev.basalt.auth.OtpAuth;
import dev.basalt.auth.PasswordReset;
import dev.basalt.auth.Verification;

/** The flows behind the account endpoints ({@link AccountApi}). */
public record AccountServices(
        Verification verification, PasswordReset passwordReset, EmailChange emailChange, OtpAuth otp, AuthAlerts alerts) {}
