/**
 * Runtime settings: the {@link dev.basalt.settings.Settings} model PocketBase keeps in
 * {@code _params} (meta, SMTP, S3, backups, batch, rate limits, trusted proxy, logs, superuser
 * IPs), its validation, and {@link dev.basalt.settings.SettingsService}, which loads it at startup,
 * serves a cached snapshot and saves validated changes. Uses store and error; never http.
 */
package dev.basalt.settings;
