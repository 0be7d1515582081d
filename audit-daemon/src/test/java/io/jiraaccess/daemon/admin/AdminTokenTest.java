package io.jiraaccess.daemon.admin;

import io.jiraaccess.core.secret.SecretValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminTokenTest {
    @TempDir
    Path state;

    @Test
    void withoutAConfiguredTokenOneIsGeneratedOnceIntoTheStateDirReadableOnlyByTheOwner() throws Exception {
        AdminToken first = AdminToken.resolve(null, state);
        AdminToken second = AdminToken.resolve(null, state);
        Path file = state.resolve(AdminToken.FILE_NAME);
        assertEquals(file, first.file());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(64, first.value().reveal().length());
        assertEquals(first.value().reveal(), second.value().reveal());
    }

    @Test
    void onlyTheExactBearerTokenIsAccepted() {
        AdminToken t = AdminToken.resolve(SecretValue.of("configured-token-0123456789"), state);
        assertNull(t.file());
        assertTrue(t.accepts("Bearer configured-token-0123456789"));
        assertTrue(t.accepts("bearer configured-token-0123456789"));
        assertFalse(t.accepts("Bearer configured-token-012345678"));
        assertFalse(t.accepts("Bearer configured-token-01234567890"));
        assertFalse(t.accepts("Basic configured-token-0123456789"));
        assertFalse(t.accepts("configured-token-0123456789"));
        assertFalse(t.accepts(""));
        assertFalse(t.accepts(null));
        assertFalse(Files.exists(state.resolve(AdminToken.FILE_NAME)));
    }

    @Test
    void theAuthorizerRefusesWithoutSayingWhatTheTokenIs() {
        AdminAuthorizer a = new AdminAuthorizer(AdminToken.of(SecretValue.of("configured-token-0123456789")));
        a.authorize("Bearer configured-token-0123456789");
        assertThatThrownBy(() -> a.authorize("Bearer nope")).isInstanceOf(UnauthorizedException.class)
                .hasMessage("missing or wrong bearer token");
    }
}
