/**
 * Crash-safe rotation of Jira Data Center personal access tokens.
 * <ul>
 *   <li>{@link io.jiraaccess.core.rotation.PatRotator}: the API for the CLI ({@code jira-access rotate}), the Jenkins
 *   plugin's periodic work (through {@link io.jiraaccess.core.rotation.PatRenewer}), the rotation benchmark and the
 *   daemon's demo workload (the daemon itself rotates nothing): {@code rotateIfDue}, {@code rotateNow},
 *   {@code recover}, {@code status}, {@code rotateAllIfDue} (many credentials, bounded concurrency),
 *   {@code revokeAll}.</li>
 *   <li>{@link io.jiraaccess.core.rotation.PatRenewer}: the engine behind the upkeep
 *   {@link io.jiraaccess.core.upkeep.CredentialRenewer} seam the Jenkins plugin calls.</li>
 *   <li>{@link io.jiraaccess.core.rotation.PatState}: what the credential store keeps per credential (current,
 *   pending and previous tokens, the rotation in progress, failures and backoff); the current token's keys are the
 *   ones {@link io.jiraaccess.core.auth.PatAuthenticator} reads.</li>
 *   <li>{@link io.jiraaccess.core.rotation.JiraPatApiFactory}: the real PAT API over the Jira client;
 *   {@link io.jiraaccess.core.rotation.PatApiFactory} lets tests and benchmarks substitute their own.</li>
 *   <li>Steps ({@link io.jiraaccess.core.rotation.RotationStep}) raise {@code rotation.step} events and are told to
 *   {@link io.jiraaccess.core.rotation.RotationListener}s; a rotation in progress elsewhere is a
 *   {@link io.jiraaccess.core.rotation.RotationInProgressException}, a failed cycle a
 *   {@link io.jiraaccess.core.rotation.RotationFailedException}.</li>
 * </ul>
 */
package io.jiraaccess.core.rotation;
