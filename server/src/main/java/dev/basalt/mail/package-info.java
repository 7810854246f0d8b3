/**
 * Outgoing mail: the {@link dev.basalt.mail.Mailer} seam, its SMTP implementation
 * ({@link dev.basalt.mail.SmtpMailer}, or {@link dev.basalt.mail.UnconfiguredMailer} that refuses
 * while SMTP is off) and the placeholder templates of the system emails. Uses no other Basalt
 * package but error.
 */
package dev.basalt.mail;
