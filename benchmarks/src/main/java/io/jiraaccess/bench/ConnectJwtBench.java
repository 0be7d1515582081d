package io.jiraaccess.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jiraaccess.core.connect.ConnectJwtMinter;
import io.jiraaccess.core.connect.Qsh;
import io.jiraaccess.core.secret.SecretValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;

/**
 * Minting a Connect JWT for a request (qsh included) next to the ceiling: Nimbus signing the same claims with a
 * prepared {@link MACSigner} and the qsh already known. Both build their claims per operation, as a request must.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConnectJwtBench {
    static final String APP_KEY = "io.jiraaccess.bench";
    static final String SECRET = "benchmark-shared-secret-0123456789abcdef-0123456789";

    private ConnectJwtMinter minter;
    private MACSigner signer;
    private JWSHeader header;
    private String qsh;
    private Instant now;

    @Setup
    public void setUp() throws JOSEException {
        minter = new ConnectJwtMinter(APP_KEY, SecretValue.of(SECRET));
        signer = new MACSigner(SECRET);
        header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();
        qsh = Qsh.qsh("GET", QshBench.TARGET, QshBench.CONTEXT_PATH);
        now = Instant.now();
    }

    /** What {@code ConnectJwtAuthenticator} does per request: qsh plus token. */
    @Benchmark
    public String mint() {
        return minter.mint(Qsh.qsh("GET", QshBench.TARGET, QshBench.CONTEXT_PATH), now, null);
    }

    /** The token alone, qsh known. */
    @Benchmark
    public String mintWithKnownQsh() {
        return minter.mint(qsh, now, null);
    }

    /** The ceiling: a bare Nimbus HS256 signature of the same claims, qsh known. */
    @Benchmark
    public String bareNimbusSign() throws JOSEException {
        long iat = now.getEpochSecond();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(APP_KEY)
                .issueTime(new Date(iat * 1000))
                .expirationTime(new Date((iat + 180) * 1000))
                .claim("qsh", qsh)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
