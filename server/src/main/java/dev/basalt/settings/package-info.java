/**
 * Runtime settings: the {@link dev.basalt.settings.Settings} model PocketBase keeps in
 * {@code _params} (meta, SMTP, S3, backups, batch, rate limits, trusted proxy, logs, superuser
 * IPs), its validation, and {@link dev.basalt.settings.SettingsService}, which loads it at startup,
 * serves a cached snapshot and saves validated changes. Uses store, error and jobs (whose
 * {@link dev.basalt.jobs.Schedule} is the cron syntax of automatic backups); never http.
 */
package dev.basalt.settings;
