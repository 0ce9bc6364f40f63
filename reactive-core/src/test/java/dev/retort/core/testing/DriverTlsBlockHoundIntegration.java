package dev.retort.core.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lets BlockHound tolerate exactly one blocking call that is the driver's, not Retort's.
 *
 * <p>r2dbc-mysql 1.4.3 builds a new Netty {@code SslContext} for every connection that negotiates
 * TLS, on the event loop, inside {@code SslBridgeHandler.MySqlSslContextSpec#sslContext}.
 * {@code SSLContext.init} draws from the JDK's {@code NativePRNG}, which refills its buffer with a
 * {@code FileInputStream} read of {@code /dev/urandom}: a file read BlockHound reports, though
 * {@code /dev/urandom} never blocks. Servers with TLS on (MariaDB 11.4+ generates a certificate by
 * itself, MySQL 8 in Docker) make every connection fail without this. Registered through
 * {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration}.
 */
public final class DriverTlsBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.asyncer.r2dbc.mysql.client.SslBridgeHandler$MySqlSslContextSpec",
                "sslContext");
    }
}
