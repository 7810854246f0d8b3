/**
 * Outgoing mail: the {@link dev.basalt.mail.Mailer} seam, its SMTP implementation and the
 * templates of the system emails. Uses no other Basalt package but error.
 */
package dev.basalt.mail;
