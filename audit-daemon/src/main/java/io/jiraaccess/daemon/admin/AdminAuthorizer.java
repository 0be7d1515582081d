package io.jiraaccess.daemon.admin;

/** The first step of every admin route: lets a request through only with the admin bearer token. */
public final class AdminAuthorizer {
    private final AdminToken token;

    public AdminAuthorizer(AdminToken token) {
        this.token = token;
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @throws UnauthorizedException unless it is {@code Bearer <admin token>}
     */
    public void authorize(String authorization) {
        if (!token.accepts(authorization)) {
            throw new UnauthorizedException();
        }
    }
}
