/**
 * Jobs: the cron scheduler ({@link dev.basalt.jobs.Cron}), the cron expression syntax
 * ({@link dev.basalt.jobs.Schedule}), and cluster leadership ({@link dev.basalt.jobs.Leadership}):
 * on PostgreSQL scheduled jobs run only on the node holding an advisory lock. Uses store and error;
 * knows nothing of the jobs it runs (app registers them) and never imports http. Settings use it
 * for the cron syntax.
 */
package dev.basalt.jobs;
