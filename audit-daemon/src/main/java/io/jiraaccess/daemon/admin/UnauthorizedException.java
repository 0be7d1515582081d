package io.jiraaccess.daemon.admin;

/** A request to the admin API without the right bearer token: answered 401. */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException() {
        super("missing or wrong bearer token");
    }
}
