package io.jiraaccess.daemon.camel;

import io.jiraaccess.daemon.admin.AdminAuthorizer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The admin API's first handler on the embedded (Vert.x) HTTP server, ahead of the handler that reads bodies: it asks
 * {@link AdminAuthorizer#admit} about the request line and headers. A refusal of a request whose declared body is no
 * larger than any endpoint takes is answered once that body has been read and dropped (a client still sending it
 * would otherwise see the connection fail); any other refusal is answered at once and the connection closed, its
 * body unread. An admitted request's slot is freed when it ends, answered or broken off.
 */
final class AdminGateHandler implements Handler<RoutingContext> {
    private final AdminAuthorizer authorizer;

    AdminGateHandler(AdminAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        AdminAuthorizer.Admission admission = authorizer.admit(request.method().name(), request.path(),
                request.getHeader("Authorization"), contentLength(request.getHeader("Content-Length")),
                request.getHeader("Transfer-Encoding") != null);
        if (admission.admitted()) {
            ctx.addEndHandler(ended -> admission.release().run());
            ctx.next();
            return;
        }
        long declared = contentLength(request.getHeader("Content-Length"));
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (declared < 0 && !chunked) {
            refuse(ctx, admission, false);
        } else if (declared >= 0 && declared <= AdminAuthorizer.MAX_BODY && !chunked) {
            // a small declared body is read and dropped first, so the client (still sending it) gets the answer
            request.handler(ignored -> { });
            request.endHandler(ended -> refuse(ctx, admission, false));
            request.resume();
        } else {
            // a large or unbounded body is not read at all: answer, then close the connection with it
            refuse(ctx, admission, true);
        }
    }

    private static void refuse(RoutingContext ctx, AdminAuthorizer.Admission admission, boolean close) {
        HttpServerResponse response = ctx.response().setStatusCode(admission.status())
                .putHeader("Content-Type", "text/plain; charset=utf-8");
        if (close) {
            response.putHeader("Connection", "close");
        }
        admission.headers().forEach(response::putHeader);
        response.end(admission.message() + "\n").onComplete(done -> {
            if (close) {
                ctx.request().connection().close();
            }
        });
    }

    /** The declared length; a malformed one counts as larger than anything, so it is refused. */
    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
