/**
 * Typed clients of Jira APIs over {@link io.jiraaccess.core.http.JiraClient}: the Data Center personal access token
 * API ({@link io.jiraaccess.core.jira.PatApi}, {@link io.jiraaccess.core.jira.PatClient}: create, list, revoke, admin
 * search, myself). Tokens appear as {@link io.jiraaccess.core.jira.PatInfo} (never a secret); only a creation's
 * answer carries one, as a {@link io.jiraaccess.core.secret.SecretValue}.
 */
package io.jiraaccess.core.jira;
