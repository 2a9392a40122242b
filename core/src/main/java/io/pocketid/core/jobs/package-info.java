/**
 * Background jobs: {@link io.pocketid.core.jobs.JobRunner} runs each due job once across every
 * instance on one database (a lease in the key-value store that a crashed instance's expiry frees),
 * with back-off on failure; {@link io.pocketid.core.jobs.CleanupJobs} are the jobs that delete
 * expired rows and old audit entries. Time comes from the injected clock only.
 */
package io.pocketid.core.jobs;
