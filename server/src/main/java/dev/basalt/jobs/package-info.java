/**
 * Jobs: the cron expression syntax ({@link dev.basalt.jobs.Schedule}). Uses store and error; never
 * imports http. Settings use it for the cron syntax.
 */
package dev.basalt.jobs;
